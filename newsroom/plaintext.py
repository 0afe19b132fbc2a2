"""Sanitised rich text as plain text, wherever markup cannot be shown: one line for
descriptions (meta tags, feeds, structured data), what search reads and quotes and the
change form's word count (`plain_text`); a line per block for the text part of emails and
the revision comparison (`plain_lines`), where a numbered list is counted as the page
counts it.

Both write a superscript or subscript as a reader sees it on the page (`raised`), so that
"mc<sup>2</sup>" reads "mc²", not "mc2", and a footnote's number never runs into its word.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags

# What Unicode raises or lowers: a run made only of these is written in them ("mc²", "H₂O",
# "x⁽ⁿ⁾"). Search's parsers read a raised character as a space, so "true³" is found as "true".
SUPERSCRIPTS = dict(zip("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
SUBSCRIPTS = dict(zip("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎", strict=True))
_TABLES = {"sup": str.maketrans(SUPERSCRIPTS), "sub": str.maketrans(SUBSCRIPTS)}
# Any other run is marked, as plain text writes it: "true^(a)", "C_(max)".
_MARKED = {"sup": "^({})", "sub": "_({})"}


def raised(text: str, *, tag: str, preceding: str = "") -> str:
    """The plain text of a `<sup>` or `<sub>` (`tag`) holding `text`, after `preceding`.

    Letters raised after a number are an ordinal's ending and stay letters: "21st", "2e".
    """
    text = " ".join(text.split())
    if not text:
        return ""
    table = _TABLES[tag]
    if all(ord(char) in table for char in text):
        return text.translate(table)
    if tag == "sup" and text.isalpha() and preceding[-1:].isdigit():
        return text
    return _MARKED[tag].format(text)


# The tags of elements that end a line of text. Removed without a trace they would run the last
# word of one block into the first of the next: "<p>One.</p><p>Two</p>" is "One. Two".
_BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|div|br|hr|figure|figcaption)\b[^>]*>", re.IGNORECASE
)
# A superscript or subscript with the digit before it, if any (an ordinal's number).
_RAISED_RUN = re.compile(r"(\d?)<(sup|sub)\b[^>]*>(.*?)</\2\s*>", re.IGNORECASE | re.DOTALL)


def _raised_run(run: re.Match) -> str:
    digit, tag, inner = run.groups()
    text = raised(unescape(strip_tags(inner)), tag=tag.lower(), preceding=digit)
    # Escaped again: the whole text is unescaped once, after.
    return digit + escape(text, quote=False)


def plain_text(html: str) -> str:
    """The words of rich text as one line: tags dropped, blocks parted by a space,
    superscripts and subscripts as `raised` writes them, entities decoded, spaces folded."""
    html = html or ""
    if "<su" in html:
        html = _RAISED_RUN.sub(_raised_run, html)
    return " ".join(unescape(strip_tags(_BLOCK_TAG.sub(" ", html))).split())


_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def list_marker(value: int, numbering: str = "") -> str:
    """How a numbered list shows its point `value`, counting as HTML's `type` `numbering` says:
    3 is "3.", "c.", "C.", "iii." or "III."; past "z." come "aa.", "ab.". Like browsers, a
    value that letters (below 1) or numerals (below 1, above 3999) cannot count is a number."""
    if numbering in ("a", "A") and value >= 1:
        letters = ""
        while value:
            value, letter = divmod(value - 1, 26)
            letters = chr(ord("a") + letter) + letters
        counted = letters
    elif numbering in ("i", "I") and 1 <= value <= 3999:
        counted = ""
        for worth, numeral in _ROMAN:
            times, value = divmod(value, worth)
            counted += numeral * times
    else:
        return f"{value}."
    return f"{counted.upper() if numbering.isupper() else counted}."


# The number a list's `start` gives, as browsers read it: spaces, a sign and digits, whatever
# follows them ("3rd" is 3); anything else is no number, and the list starts at 1.
_START = re.compile(r"\s*([+-]?\d+)")


def _list_start(value: str | None) -> int:
    number = _START.match(value or "")
    return int(number[1]) if number else 1


class _Lines(HTMLParser):
    """Rich text as lines: a blank line between blocks, each point of a list on a line of its
    own after its number as the page counts it ("1.", "b.", "iii.") or "- ", each link's
    address after its words."""

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "hr", "figure", "figcaption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []
        # Each open <sup> or <sub>, with where its text starts in `parts`, and the addresses
        # of links inside them, written after the raised text rather than in it.
        self.raised: list[tuple[str, int]] = []
        self.held_links: list[str] = []
        # The lists open, innermost last: the next value and numbering of a numbered one,
        # None for bullets.
        self.lists: list[list | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag == "ul":
            self.lists.append(None)
        elif tag == "ol":
            attrs = dict(attrs)
            self.lists.append([_list_start(attrs.get("start")), attrs.get("type") or ""])
        elif tag == "li":
            self.parts.append(f"\n{self._marker()} ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif tag in _TABLES:
            self.raised.append((tag, len(self.parts)))

    def handle_endtag(self, tag):
        if tag == "a" and self.links and (href := self.links.pop()):
            (self.held_links if self.raised else self.parts).append(f" <{href}>")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
        elif tag in _TABLES and self.raised and self.raised[-1][0] == tag:
            self._end_raised()

    def _marker(self) -> str:
        numbered = self.lists[-1] if self.lists else None
        if numbered is None:
            return "-"
        value, numbering = numbered
        numbered[0] += 1
        return list_marker(value, numbering)

    def _end_raised(self):
        tag, start = self.raised.pop()
        preceding = next((part for part in reversed(self.parts[:start]) if part), "")
        text = raised("".join(self.parts[start:]), tag=tag, preceding=preceding)
        self.parts[start:] = [text]
        if not self.raised:
            self.parts += self.held_links
            self.held_links = []

    def handle_data(self, data):
        self.parts.append(data)

    def text(self) -> str:
        while self.raised:  # left open by the markup
            self._end_raised()
        lines = "".join(self.parts).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_lines(html: str) -> str:
    """Rich text as plain text in lines, for a reader without HTML (an email's text part)."""
    if not html:
        return ""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    return parser.text()
