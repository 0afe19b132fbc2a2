"""The blocks a cleaned piece is made of, and tidying the inline HTML inside them.

Every step of the cleaning works on a flat list of `Block`s: paragraphs, headings, lists, quotes
and rules, each holding its inner HTML.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from newsroom.plaintext import plain_text

LISTS = {"ul", "ol"}

# Characters a reader never sees, left out of a paste: zero-width spaces, word joiners and
# byte-order marks (the joiners that make an emoji or a word, U+200C and U+200D, stay).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# Blanks that show as a space: the Braille blank and the Hangul filler, which posts put on their
# empty lines so that LinkedIn keeps them. Read as spaces, such a line is the blank line it shows.
_BLANKS = re.compile("[\u2800\u3164]")


def as_seen(text: str) -> str:
    """`text` without the characters no reader sees, its blank characters spaces."""
    return _BLANKS.sub(" ", _INVISIBLE.sub("", text))


_EMPTY_INLINE = re.compile(r"<(strong|em|s|sup|sub|a|span)\b[^>]*>(\s|<br>)*</\1>")
# A no-break space opening a paragraph is the indentation of preformatted text's first line.
_OPENING_BREAKS = re.compile(r"^([^\S\u00a0]|<br>)+")


@dataclass
class Block:
    """One paragraph, heading, list, quote or rule of the piece; `html` is its inner HTML."""

    tag: str
    html: str = ""
    # A list's points, each its <li>'s inner HTML with any list of sub-points in it.
    items: list[str] = field(default_factory=list)
    # A numbered list's first number: a list that goes on after a paragraph starts at 3.
    start: int = 1
    # How a numbered list counts, as HTML's `type`: "a", "A", "i", "I", or "" for 1, 2, 3.
    numbering: str = ""
    # A bulleted list's symbol as typed in text ("•", "-"), "" for one in the copy's markup:
    # a point with another symbol starts a new list, as in most editors.
    bullet: str = ""
    # A numbered list whose first point is typed with the number of the point before it ("1."
    # on every point) and counts on from it: a line taken out between them leaves one list.
    counted_on: bool = False
    # A paragraph of a pasted <pre> (code, a poem, a table laid out by spaces): its lines are
    # shown as typed and never read as points.
    preformatted: bool = False
    # A list's points (by their place in `items`) that hold preformatted text.
    preformatted_items: set[int] = field(default_factory=set)
    # While lines are read one at a time: the paragraph a line belongs to (a plain copy's; a
    # formatted copy's lines parted by <br>, see `break_lines`).
    group: int = 0
    # Where the block sat in the paste, to put back a removed line where it was.
    order: float = 0.0

    @property
    def text(self) -> str:
        return plain_text(self.html if self.tag not in LISTS else " ".join(self.items))

    def render(self) -> str:
        if self.tag == "hr":
            return "<hr>"
        if self.tag in LISTS:
            start = f' start="{self.start}"' if self.tag == "ol" and self.start != 1 else ""
            if self.tag == "ol" and self.numbering:
                start += f' type="{self.numbering}"'
            items = "".join(f"<li>{item}</li>" for item in self.items)
            return f"<{self.tag}{start}>{items}</{self.tag}>"
        return f"<{self.tag}>{self.html}</{self.tag}>"


def tidy_inline(html: str) -> str:
    previous = None
    while previous != html:
        previous = html
        html = _EMPTY_INLINE.sub("", html)
        html = _without_closing_breaks(_OPENING_BREAKS.sub("", html))
    html = html.strip(" \t\r\n\f")
    return html if strip_tags(html).strip() else ""


def _without_closing_breaks(html: str) -> str:
    """`html` without the spaces and line breaks it ends with; stripped from the end, as a
    pattern anchored there would read a long run of spaces from each of them."""
    while True:
        html = html.rstrip()
        if not html.endswith("<br>"):
            return html
        html = html[: -len("<br>")]


def join_lists(blocks: list[Block], *, removed_at: Collection[float] = ()) -> list[Block]:
    """`blocks` with each list that goes on from the list right before it made one with it.

    A post parts its points with blank lines, and some copies give each point a list of its
    own; shown as one list, they are read out as one. A list goes on from another of its kind
    (bullets of one symbol, or counted alike and starting where the other stops); a paragraph
    between them, or a line of the paste taken out there (at an order in `removed_at`), keeps
    them apart, but for points all numbered alike ("1.", "1."), which count on from one another
    whatever lies between (`Block.counted_on`).
    """
    joined: list[Block] = []
    for block in blocks:
        last = joined[-1] if joined else None
        if (
            last is not None
            and goes_on(last, block)
            and (block.counted_on or not any(last.order < at < block.order for at in removed_at))
        ):
            last.items += block.items
        else:
            joined.append(block)
    return joined


def goes_on(before: Block, block: Block) -> bool:
    """Whether the list `block` goes on from the list `before`: bullets after bullets of the
    same symbol ("-" after "•" starts a new list), or points counted alike numbered from where
    `before` stops. A copied bulleted list shows "•", so "•" points typed right after it go on."""
    if block.tag not in LISTS:
        return False
    if _marker(before) != _marker(block):
        return False
    return block.tag == "ul" or block.start == before.start + len(before.items)


def _marker(block: Block) -> tuple[str, str, str]:
    """How a list marks its points: its tag, how it counts and its bullet symbol (as typed, or
    "•" for a copied bulleted list, which shows it)."""
    return block.tag, block.numbering, block.bullet or ("•" if block.tag == "ul" else "")
