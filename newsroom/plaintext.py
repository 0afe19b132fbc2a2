"""Sanitised rich text as plain text, wherever markup cannot be shown: one line for
descriptions (meta tags, feeds, structured data) and what search reads and quotes
(`plain_text`), a line per block for the text part of emails (`plain_lines`).

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


class _Lines(HTMLParser):
    """Rich text as lines: a blank line between blocks, "- " before each point of a list,
    each link's address after its words."""

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []
        # Each open <sup> or <sub>, with where its text starts in `parts`, and the addresses
        # of links inside them, written after the raised text rather than in it.
        self.raised: list[tuple[str, int]] = []
        self.held_links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
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
        elif tag in _TABLES and self.raised and self.raised[-1][0] == tag:
            self._end_raised()

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
