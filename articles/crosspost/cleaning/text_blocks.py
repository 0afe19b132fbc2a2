"""Pasted plain text as blocks: paragraphs, lists (bulleted, numbered, or counted in letters or
roman numerals) and the web addresses in them."""

import re
from collections.abc import Sequence
from datetime import date
from html import escape, unescape
from itertools import chain

from django.utils.html import strip_tags

from .blocks import Block, as_seen, join_lists
from .links import clean_link
from .points import Point, list_points, paragraph_blocks
from .report import Report
from .structure import remove_chrome
from .styled_letters import plain_digits, styled_html

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")
# What ends a sentence rather than the address in it.
_AFTER_URL = ".,;:!?”’\"'"


def _url_in(found: str) -> str:
    """The address in `found` without the punctuation of the sentence after it: a ")" closes
    the sentence's parenthesis only while the address has more of them than "(" (an address
    may end in its own, as in `…/Ship_of_Theseus_(paradox)`)."""
    unmatched = found.count(")") - found.count("(")
    end = len(found.rstrip(_AFTER_URL))
    # Walked by index, not cut and counted again: an address is as long as the paste.
    while unmatched > 0 and found[end - 1] == ")":
        end -= 1
        unmatched -= 1
        while found[end - 1] in _AFTER_URL:
            end -= 1
    return found[:end]


def _linkify(text: str, *, report: Report) -> str:
    """Escape `text` and turn the web addresses in it into links, cleaned of tracking."""
    parts, last = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        url = _url_in(match.group(0))
        end = match.start() + len(url)
        parts.append(styled_html(text[last : match.start()]))
        href = clean_link(url, base_url="", text=url, report=report)
        label = escape(href or url, quote=False)
        parts.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        last = end
    parts.append(styled_html(text[last:]))
    return "".join(parts).replace("hashtag#", "#")


def blocks_from_lines(
    paragraphs: Sequence[Sequence[str]],
    *,
    report: Report,
    points: Sequence[Point | None] | None = None,
) -> list[Block]:
    """Blocks from paragraphs given as lists of lines: points become lists, and a list that
    goes on from the one in the paragraph before joins it. `points` are the lines'
    `list_points`, when lines beyond these paragraphs were read with them."""
    if points is None:
        points = list_points([line for lines in paragraphs for line in lines])
    points = iter(points)
    blocks: list[Block] = []
    for lines in paragraphs:
        own = [next(points) for _ in lines]
        html = [
            _linkify(point.item if point else " ".join(line.split()), report=report)
            for line, point in zip(lines, own, strict=True)
        ]
        blocks += paragraph_blocks(html, own)
    return join_lists(blocks)


def paragraphs_in(text: str) -> list[list[str]]:
    """Plain text's paragraphs, each a list of its lines: parted by blank lines or, in text with
    no blank line at all, one paragraph per line but for the points of a list, kept together."""
    text = plain_digits(as_seen(text))
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if all(lines):
        # A paragraph a line, but a list's points, one after another, stay one list.
        paragraphs = []
        points = list_points(lines)
        for line, point, before in zip(lines, points, [None, *points], strict=False):
            if point and before:
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
        return paragraphs
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return paragraphs


def blocks_by_paragraph(
    paragraphs: Sequence[Sequence[str]], *, report: Report
) -> list[list[Block]]:
    """Each paragraph's blocks. Its points are read with every other line (a list counted in
    letters goes on after a paragraph, `list_points`), but here a list ends with its
    paragraph: `join_lists` then makes one list of those that go on from one another."""
    points = iter(list_points([line for lines in paragraphs for line in lines]))
    return [
        blocks_from_lines([lines], report=report, points=[next(points) for _ in lines])
        for lines in paragraphs
    ]


def html_from_text(text: str) -> str:
    """Plain text typed by staff (not copied from a page, so no platform lines to take out) as
    HTML, read as a paste's plain text is: the same paragraphs, line breaks, lists and links."""
    made = blocks_by_paragraph(paragraphs_in(text), report=Report())
    return "".join(block.render() for block in join_lists([*chain.from_iterable(made)]))


def blocks_from_text(
    text: str, *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None, int | None]:
    """Blocks from plain text, the date on the author's card, and the lines above the card.

    Paragraphs are read by `paragraphs_in`. Platform chrome is removed line by line first: a
    copied post puts the author's name, title and "2d • Edited" on lines of one paragraph, and
    where a line was removed, the lines on either side belong to different paragraphs.
    """
    lines = []
    for group, paragraph in enumerate(paragraphs_in(text)):
        for line in paragraph:
            html = escape(line.replace("hashtag#", "#"), quote=False)
            lines.append(Block("p", html, group=group, order=len(lines)))
    lines, found_date, above_card = remove_chrome(lines, author_names=author_names, report=report)
    paragraphs: list[list[str]] = []
    orders: list[float] = []
    previous = None
    for line in lines:
        follows = previous is not None and line.group == previous.group
        if not (follows and line.order == previous.order + 1):
            paragraphs.append([])
            orders.append(line.order)
        paragraphs[-1].append(unescape(strip_tags(line.html)))
        previous = line
    blocks = []
    made = blocks_by_paragraph(paragraphs, report=report)
    for own, order in zip(made, orders, strict=True):
        for part, block in enumerate(own):
            block.order = order + part / 1000
            blocks.append(block)
    return blocks, found_date, above_card
