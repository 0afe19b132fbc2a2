"""Lines that are a list's points, in pasted plain text and in the paragraphs of pasted HTML.

A point is a line opening with a bullet ("•", "-", an en dash…) or a number, letter or numeral
and its "." or ")" ("3.", "b)", "(c)", "iv."); `list_points` tells which lines are, and how
each counts.
A formatted copy of a LinkedIn post is plain text in markup (its paragraphs parted by
<br><br>), so its paragraphs are read for points as plain text is.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags

from .blocks import Block, goes_on
from .numbering import marker_readings

POINT = re.compile(
    r"^\s*(?:(?P<bullet>[-*•–·▪◦])|\(?(?P<number>\d{1,2}|[a-zA-Z]{1,7})[.)])\s+(?P<item>.+)$"
)
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")
_OPENING_TAGS = r"^((?:<[^>]+>)*)\s*"
# How many points on the following lines may stand between a lettered point and the next of
# its list: the sub-points under it ("a." then "1.", "2." then "b.").
_LOOK_AHEAD = 12


@dataclass
class Point:
    """A line that is a list's point: "ul" or "ol", how it counts and its value, its text;
    a bulleted point's symbol as typed."""

    tag: str
    item: str
    numbering: str = ""
    value: int = 1
    bullet: str = ""
    # Typed with the number of the numbered point before it ("1." after "1."), and counted on.
    counted_on: bool = False


def list_points(lines: Sequence[str]) -> list[Point | None]:
    """Which of `lines` (in order, blank lines left out) are points of lists.

    A bullet or a number ("3.", "(4)") is a point wherever it is. A letter or numeral ("a.",
    "iv)") is one only in a list: followed by the next one ("a." then "b."), or after the point
    before it, even across a paragraph ("c." going on after "a." and "b."), so that "I. M. Pei"
    or "A. Lincoln" opening a sentence stay words; the points of a sub-list may stand
    between them ("a.", "1.", "2.", "b."). Where a marker reads two ways, its neighbours
    decide: "i." after "h." is a letter, "v." after "iv." a numeral. Points on lines one after
    another all numbered alike ("1.", "1.", "1.", as an editor numbering by itself copies
    them) count on from the first: one list, 1, 2, 3.
    """
    found = [POINT.match(line) for line in lines]
    readings = [
        marker_readings(match["number"]) if match and match["number"] else [] for match in found
    ]
    points: list[Point | None] = []
    last = None  # how the latest numbered point counted, and its value
    counted: dict[str, int] = {}  # the latest value of each way of counting
    # The number every numbered point on the lines so far one after another is typed with
    # ("" once they differ), None before the first of them.
    alike = None
    for at, match in enumerate(found):
        if not match or (match["number"] and not readings[at]):
            points.append(None)
            alike = None
            continue
        item = match["item"].strip()
        if not match["number"]:
            points.append(Point("ul", item, bullet=match["bullet"]))
            alike = None
            continue
        number = match["number"]
        repeated = alike == number and last is not None
        if not number.isdigit():
            alike = None  # a lettered point: the numbered points under it count afresh
        elif alike in (None, number):
            alike = number
        else:
            alike = ""
        if repeated:
            points.append(Point("ol", item, last[0], last[1] + 1, counted_on=True))
            last = (last[0], last[1] + 1)
            counted[last[0]] = last[1]
            continue
        following = _readings_ahead(found, readings, at)
        chosen = next((r for r in readings[at] if last and r == (last[0], last[1] + 1)), None)
        chosen = chosen or next((r for r in readings[at] if counted.get(r[0]) == r[1] - 1), None)
        chosen = chosen or next((r for r in readings[at] if (r[0], r[1] + 1) in following), None)
        if chosen is None and readings[at][0][0] == "":
            chosen = readings[at][0]  # a number needs no neighbour
        points.append(Point("ol", item, *chosen) if chosen else None)
        if chosen:
            last = chosen
            counted[chosen[0]] = chosen[1]
    return points


def _readings_ahead(found, readings, at: int) -> list[tuple[str, int]]:
    """The readings of the points on the lines after `at`, up to the first line that is no
    point (and no further than `_LOOK_AHEAD` lines)."""
    ahead = []
    window = slice(at + 1, at + 1 + _LOOK_AHEAD)
    for match, own in zip(found[window], readings[window], strict=True):
        if not match:
            break
        ahead += own
    return ahead


def paragraph_blocks(lines: Sequence[str], points: Sequence[Point | None]) -> list[Block]:
    """One paragraph's lines as blocks: each line is inner HTML, a point's without its marker;
    points make lists, the lines between them paragraphs with line breaks. A point joins the
    list on the line before only where it goes on from it (`goes_on`): "1." after "2.", or
    "-" after "•", starts a list again."""
    blocks: list[Block] = []
    run: list[str] = []
    for html, point in zip(lines, points, strict=True):
        if point is None:
            run.append(html)
            continue
        if run:
            blocks.append(Block("p", "<br>".join(run)))
            run = []
        block = Block(
            point.tag,
            items=[html],
            start=point.value,
            numbering=point.numbering,
            bullet=point.bullet,
            counted_on=point.counted_on,
        )
        if blocks and goes_on(blocks[-1], block):
            blocks[-1].items.append(html)
        else:
            blocks.append(block)
    if run:
        blocks.append(Block("p", "<br>".join(run)))
    return blocks


def points_in_paragraphs(blocks: list[Block]) -> list[Block]:
    """`blocks` with the points that open lines of their paragraphs made lists, as in plain
    text; a point whose marker is split by formatting ("<b>1</b>.") stays as it is, and so
    does every line of preformatted text."""
    lines = [_lines(block.html) if _has_points(block) else [""] for block in blocks]
    points = iter(list_points([_text(line) for lines_of in lines for line in lines_of]))
    made: list[Block] = []
    for block, lines_of in zip(blocks, lines, strict=True):
        own = [next(points) for _ in lines_of]
        pairs = [_as_point(line, point) for line, point in zip(lines_of, own, strict=True)]
        if not _has_points(block) or not any(point for _, point in pairs):
            made.append(block)
            continue
        items, own = zip(*pairs, strict=True)
        for part, new in enumerate(paragraph_blocks(items, own)):
            new.order = block.order + part / 1000
            made.append(new)
    return made


def _has_points(block: Block) -> bool:
    """Whether the lines of `block` may be points: a paragraph's, but for preformatted text."""
    return block.tag == "p" and not block.preformatted


def _lines(html: str) -> list[str]:
    """A paragraph's lines: its HTML split at the line breaks no formatting runs across."""
    lines, start, depth = [], 0, 0
    for tag in _TAG.finditer(html):
        name = tag[2].lower()
        if name == "br":
            if depth == 0:
                lines.append(html[start : tag.start()])
                start = tag.end()
        else:
            depth += -1 if tag[1] else 1
    lines.append(html[start:])
    return lines


def _text(html: str) -> str:
    return unescape(strip_tags(html))


def _as_point(html: str, point: Point | None) -> tuple[str, Point | None]:
    """A line and its point, the line's HTML without the point's marker; where formatting
    parts the marker ("<b>1</b>."), the line as it is."""
    if point is None:
        return html, None
    match = POINT.match(_text(html))
    marker = match.group(0)[: match.start("item")].strip()
    pattern = _OPENING_TAGS + re.escape(marker) + r"\s+"
    found = re.match(pattern, html)
    return (html[: found.end(1)] + html[found.end() :], point) if found else (html, None)
