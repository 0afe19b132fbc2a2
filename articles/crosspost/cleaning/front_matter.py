"""What the piece says about itself: its headline, kind label ("Op-ed:"), warning and dek."""

import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import ArticleKind

from .blocks import Block, tidy_inline
from .report import Report

HEADLINE_CHARS = 200

KIND_LABELS = {label.casefold(): value for value, label in ArticleKind.choices} | {
    "op ed": ArticleKind.OP_ED,
    "oped": ArticleKind.OP_ED,
    "opinion": ArticleKind.OP_ED,
    "press": ArticleKind.PRESS_RELEASE,
}
_KIND_PREFIX = re.compile(r"^(?P<label>[A-Za-z][A-Za-z -]{1,20}?)\s*[:|–—]\s+(?P<rest>\S.*)$")
_WARNING = re.compile(
    r"^\(?\s*(?:content |spoiler |trigger )?warning\s*[:–—-]\s*(?P<text>.+?)\s*\)?\.?$", re.I
)
_SPOILER_ALERT = re.compile(r"^\(?\s*spoiler alert\s*[:!–—-]?\s*(?P<text>.*?)\s*\)?\.?$", re.I)


def split_kind_label(headline: str) -> tuple[str, str]:
    """`Op-ed: What a TV show…` → ("op-ed", "What a TV show…"); no known label → ("", headline)."""
    headline = " ".join(headline.split())
    if match := _KIND_PREFIX.match(headline):
        kind = KIND_LABELS.get(match["label"].strip().casefold())
        if kind:
            return kind, match["rest"]
    return "", headline


def parse_warning(text: str) -> str | None:
    """The text of a warning line: "(Warning: contains spoilers…)" → "contains spoilers…"."""
    text = " ".join(text.split())
    if match := _WARNING.match(text):
        return match["text"].strip()
    if match := _SPOILER_ALERT.match(text):
        return match["text"].strip() or "contains spoilers"
    return None


def _split_first_line(block: Block) -> tuple[str, str]:
    """The first line of a paragraph as text, and the HTML of the lines after it."""
    first, _, rest = block.html.partition("<br>")
    return " ".join(unescape(strip_tags(first)).split()), rest.strip()


def _take_line(blocks: list[Block], index: int) -> str:
    """Remove the first line of `blocks[index]` (the whole block when it has one line)."""
    line, rest = _split_first_line(blocks[index])
    if rest and strip_tags(rest).strip():
        blocks[index].html = tidy_inline(rest)
    else:
        del blocks[index]
    return line


def take_front_matter(
    blocks: list[Block], *, headline: str, report: Report
) -> tuple[str, str, str, str]:
    """Read (and remove) the warning line, headline, kind label and subtitle at the top."""
    warning, dek = "", ""
    for index, block in enumerate(blocks[:3]):
        if block.tag == "p" and (found := parse_warning(_split_first_line(block)[0])):
            _take_line(blocks, index)
            warning = found
            report.moved.append(f"Moved “(Warning: {warning})” into the warnings.")
            break
    text_blocks = {"p", "h2", "h3", "h4"}
    if headline:
        # The headline was typed and the paste may repeat it: keep it once.
        if blocks and blocks[0].tag in text_blocks:
            first = split_kind_label(_split_first_line(blocks[0])[0])[1]
            if first.casefold() == split_kind_label(headline)[1].casefold():
                _take_line(blocks, 0)
    elif blocks and blocks[0].tag in text_blocks:
        from_heading = blocks[0].tag != "p"
        first = _split_first_line(blocks[0])[0]
        if len(first) <= HEADLINE_CHARS:
            _take_line(blocks, 0)
            report.moved.append("Took the headline from the first line.")
            if from_heading and blocks and blocks[0].tag != "p" and len(blocks[0].text) <= 300:
                dek = blocks.pop(0).text
                report.moved.append("Took the summary (dek) from the subtitle.")
        else:
            report.moved.append(
                "Took the headline from the start of the first paragraph, which stays in the "
                "text: shorten it in the change form."
            )
        headline = Truncator(first).chars(HEADLINE_CHARS)
    kind, headline = split_kind_label(headline)
    if kind:
        label = ArticleKind(kind).label
        report.moved.append(f"Set the kind to {label} from the “{label}:” label.")
    return headline, kind, warning, dek
