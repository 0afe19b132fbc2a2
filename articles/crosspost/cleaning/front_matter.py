"""What the piece says about itself: its headline, kind label ("Op-ed:"), warning and dek.

Read off its first lines, as innerText gives them: a line is a block, or one line of a block
broken by <br> (a post's headline and the warning typed under it share a paragraph).
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import ArticleKind

from .blocks import Block, tidy_inline
from .report import Report
from .warnings import FoundWarning, read_warning

HEADLINE_CHARS = 200
DEK_CHARS = 300
# A warning is looked for in this many lines at the top of the piece.
WARNING_LINES = 3
TEXT_BLOCKS = {"p", "h2", "h3", "h4"}

KIND_LABELS = {label.casefold(): value for value, label in ArticleKind.choices} | {
    "op ed": ArticleKind.OP_ED,
    "oped": ArticleKind.OP_ED,
    "opinion": ArticleKind.OP_ED,
    "press": ArticleKind.PRESS_RELEASE,
}
_KIND_PREFIX = re.compile(r"^(?P<label>[A-Za-z][A-Za-z -]{1,20}?)\s*[:|–—]\s+(?P<rest>\S.*)$")


@dataclass
class FrontMatter:
    headline: str = ""
    kind: str = ""
    warning: FoundWarning | None = None
    dek: str = ""


@dataclass
class _Line:
    block: Block
    index: int
    html: str

    @property
    def text(self) -> str:
        return " ".join(unescape(strip_tags(self.html)).split())


def split_kind_label(headline: str) -> tuple[str, str]:
    """`Op-ed: What a TV show…` → ("op-ed", "What a TV show…"); no known label → ("", headline)."""
    headline = " ".join(headline.split())
    if match := _KIND_PREFIX.match(headline):
        kind = KIND_LABELS.get(match["label"].strip().casefold())
        if kind:
            return kind, match["rest"]
    return "", headline


def _top_lines(blocks: list[Block], count: int) -> list[_Line]:
    lines: list[_Line] = []
    for block in blocks:
        if block.tag not in TEXT_BLOCKS or len(lines) >= count:
            break
        for index, html in enumerate(block.html.split("<br>")):
            if strip_tags(html).strip():
                lines.append(_Line(block, index, html))
    return lines[:count]


def _take(blocks: list[Block], line: _Line, *, report: Report) -> None:
    """Remove `line` from its block (the block too when nothing else is left in it)."""
    parts = line.block.html.split("<br>")
    del parts[line.index]
    rest = tidy_inline("<br>".join(parts))
    order = line.block.order - 0.5 + line.index / 1000
    report.remove("moved", line.text, html=f"<p>{tidy_inline(line.html)}</p>", order=order)
    if rest:
        line.block.html = rest
    else:
        blocks.remove(line.block)


def lines_in(blocks: list[Block]) -> int:
    return sum(len([p for p in b.html.split("<br>") if strip_tags(p).strip()]) for b in blocks)


def take_front_matter(
    blocks: list[Block], *, headline: str, lines_above_card: int | None, report: Report
) -> FrontMatter:
    """Read (and remove) the warning line, headline, kind label and subtitle at the top.

    `lines_above_card` is how many lines stood above the author's card: a headline and one
    line under it, above the card, are a headline and its subtitle (Medium, Substack).
    """
    found = FrontMatter()
    for position, line in enumerate(_top_lines(blocks, WARNING_LINES)):
        if warning := read_warning(line.text, html=line.html):
            _take(blocks, line, report=report)
            found.warning = warning
            report.moved.append(f"Moved “{line.text}” into the warnings.")
            if lines_above_card is not None and position < lines_above_card:
                lines_above_card -= 1
            break
    if headline:
        # The headline was typed and the paste may repeat it: keep it once.
        top = _top_lines(blocks, 1)
        typed = split_kind_label(headline)[1].casefold()
        if top and split_kind_label(top[0].text)[1].casefold() == typed:
            _take(blocks, top[0], report=report)
    else:
        headline = _take_headline(blocks, found, lines_above_card, report=report)
    found.kind, found.headline = split_kind_label(headline)
    if found.kind:
        label = ArticleKind(found.kind).label
        report.moved.append(f"Set the kind to {label} from the “{label}:” label.")
    return found


def _take_headline(
    blocks: list[Block], found: FrontMatter, lines_above_card: int | None, *, report: Report
) -> str:
    """The first line as the headline, and the line under it as the dek when it is a subtitle:
    a heading under a heading, or the second of two lines above the author's card."""
    top = _top_lines(blocks, 1)
    if not top:
        return ""
    first = top[0]
    if len(first.text) > HEADLINE_CHARS:
        report.moved.append(
            "Took the headline from the start of the first paragraph, which stays in the text: "
            "shorten it."
        )
        return Truncator(first.text).chars(HEADLINE_CHARS)
    _take(blocks, first, report=report)
    report.moved.append("Took the headline from the first line.")
    under = _top_lines(blocks, 1)
    if under and len(under[0].text) <= DEK_CHARS:
        line = under[0]
        under_heading = first.block.tag != "p" and line.block.tag != "p"
        if under_heading or lines_above_card == 2:
            _take(blocks, line, report=report)
            found.dek = line.text
            report.moved.append("Took the summary (dek) from the subtitle.")
    return first.text
