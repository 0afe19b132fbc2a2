"""The blocks a cleaned piece is made of, and tidying the inline HTML inside them.

Every step of the cleaning works on a flat list of `Block`s: paragraphs, headings, lists, quotes
and rules, each holding its inner HTML.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from newsroom.plaintext import plain_text

LISTS = {"ul", "ol"}

_EMPTY_INLINE = re.compile(r"<(strong|em|s|sup|sub|a|span)\b[^>]*>(\s|<br>)*</\1>")
_EDGE_BREAKS = re.compile(r"^(\s|<br>)+|(\s|<br>)+$")


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
    # Plain text only: the paragraph a line belongs to.
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
        html = _EDGE_BREAKS.sub("", html)
    html = html.strip()
    return html if strip_tags(html).strip() else ""
