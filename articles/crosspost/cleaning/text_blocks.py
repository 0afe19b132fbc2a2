"""Pasted plain text as blocks: paragraphs, lists (bulleted, numbered, or counted in letters or
roman numerals) and the web addresses in them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape, unescape

from django.utils.html import strip_tags

from .blocks import Block
from .links import clean_link
from .numbering import marker_readings
from .report import Report
from .structure import remove_chrome

# A point: a bullet, or a number, letter or numeral and its "." or ")" ("3.", "b)", "(c)", "iv.").
_POINT = re.compile(r"^\s*(?:[-*•–·▪◦]|\(?(?P<number>\d{1,2}|[a-zA-Z]{1,7})[.)])\s+(?P<item>.+)$")
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


@dataclass
class _Point:
    """A line that is a list's point: "ul" or "ol", how it counts and its value, its text."""

    tag: str
    item: str
    numbering: str = ""
    value: int = 1


def list_points(lines: Sequence[str]) -> list[_Point | None]:
    """Which of `lines` (in order, blank lines left out) are points of lists.

    A bullet or a number ("3.", "(4)") is a point wherever it is. A letter or numeral ("a.",
    "iv)") is one only in a list: followed by the next one ("a." then "b."), or after the point
    before it, even across a paragraph ("c." going on after "a." and "b."), so that "I. M. Pei"
    or "A. Lincoln" opening a sentence stay words. Where a marker reads two ways, its
    neighbours decide: "i." after "h." is a letter, "v." after "iv." a numeral.
    """
    found = [_POINT.match(line) for line in lines]
    readings = [
        marker_readings(match["number"]) if match and match["number"] else [] for match in found
    ]
    points: list[_Point | None] = []
    last = None  # how the latest numbered point counted, and its value
    for at, match in enumerate(found):
        if not match or (match["number"] and not readings[at]):
            points.append(None)
            continue
        item = match["item"].strip()
        if not match["number"]:
            points.append(_Point("ul", item))
            continue
        following = readings[at + 1] if at + 1 < len(lines) else []
        chosen = next((r for r in readings[at] if last and r == (last[0], last[1] + 1)), None)
        chosen = chosen or next((r for r in readings[at] if (r[0], r[1] + 1) in following), None)
        if chosen is None and readings[at][0][0] == "":
            chosen = readings[at][0]  # a number needs no neighbour
        points.append(_Point("ol", item, *chosen) if chosen else None)
        last = chosen or last
    return points


def blocks_from_lines(
    paragraphs: Sequence[Sequence[str]],
    *,
    report: Report,
    points: Sequence[_Point | None] | None = None,
) -> list[Block]:
    """Blocks from paragraphs given as lists of lines: points become lists. `points` are the
    lines' `list_points`, when lines beyond these paragraphs were read with them."""
    if points is None:
        points = list_points([line for lines in paragraphs for line in lines])
    points = iter(points)
    blocks: list[Block] = []
    for lines in paragraphs:
        run: list[str] = []
        for line in lines:
            point = next(points)
            if point:
                if run:
                    blocks.append(Block("p", "<br>".join(run)))
                    run = []
                item = _linkify(point.item, report=report)
                last = blocks[-1] if blocks else None
                if last and (last.tag, last.numbering) == (point.tag, point.numbering):
                    last.items.append(item)
                else:
                    blocks.append(
                        Block(point.tag, items=[item], start=point.value, numbering=point.numbering)
                    )
                continue
            run.append(_linkify(" ".join(line.split()), report=report))
        if run:
            blocks.append(Block("p", "<br>".join(run)))
    return blocks


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
