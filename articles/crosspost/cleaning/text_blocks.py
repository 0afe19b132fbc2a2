"""Pasted plain text as blocks: paragraphs, lists (bulleted, numbered, or counted in letters or
roman numerals) and the web addresses in them."""

import re
from collections.abc import Sequence
from datetime import date
from html import escape, unescape

from django.utils.html import strip_tags

from .blocks import Block, join_lists
from .links import clean_link
from .points import Point, list_points, paragraph_blocks
from .report import Report
from .structure import remove_chrome

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
        parts.append(escape(text[last : match.start()], quote=False))
        href = clean_link(url, base_url="", text=url, report=report)
        label = escape(href or url, quote=False)
        parts.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        last = end
    parts.append(escape(text[last:], quote=False))
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


def blocks_from_text(
    text: str, *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None, int | None]:
    """Blocks from plain text, the date on the author's card, and the lines above the card.

    Paragraphs are separated by blank lines (line breaks inside one are kept), or, in text with
    no blank line at all, one paragraph per line. Platform chrome is removed line by line first:
    a copied post puts the author's name, title and "2d • Edited" on lines of one paragraph, and
    where a line was removed, the lines on either side belong to different paragraphs.
    """
    raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while raw and not raw[-1]:
        raw.pop()
    while raw and not raw[0]:
        raw.pop(0)
    has_blank_lines = any(not line for line in raw)
    lines, group = [], 0
    for line in raw:
        if not line:
            group += 1
            continue
        line = line.replace("hashtag#", "#")
        block = Block("p", escape(line, quote=False), group=group, order=len(lines))
        lines.append(block)
        if not has_blank_lines:
            group += 1
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
    points = iter(
        list_points([line for lines_of_paragraph in paragraphs for line in lines_of_paragraph])
    )
    blocks = []
    for lines_of_paragraph, order in zip(paragraphs, orders, strict=True):
        own = [next(points) for _ in lines_of_paragraph]
        made = blocks_from_lines([lines_of_paragraph], report=report, points=own)
        for part, block in enumerate(made):
            block.order = order + part / 1000
            blocks.append(block)
    return blocks, found_date, above_card
