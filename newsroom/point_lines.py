"""A list's point holding paragraphs (as the admin's editor writes every point, and some copies
a point of several) stored as the point's lines: its words, the paragraphs parted by line
breaks, the way a point typed with line breaks is kept and a paste makes it. So a point reads
the same however it came, saved, imported or pasted.

`sanitize_html` applies it to markup it has already cleaned: tags bare and well nested.
"""

import re

# A tag of the sanitiser's output.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")
_VOIDS = {"br", "img", "hr"}
# What ends a point's line of words: a sub-list, a quote, a heading, a figure, a rule.
_BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption"}
_HTML_SPACES = " \t\n\f\r"
# A point's paragraph, whose tags go.
_PARAGRAPH = "point's paragraph"

# Where a point's current line stands: nothing on it yet, words on it, or a paragraph ended
# (the next words start a line).
EMPTY, WORDS, ENDED = range(3)


def may_hold_paragraphs(html: str) -> bool:
    return "<li>" in html and "<p>" in html


def point_lines(html: str) -> str:
    """`html` with each paragraph directly in a point made the point's line."""
    output: list[str] = []
    open_tags: list[str] = []
    points: list[int] = []  # the state of each open point's line, innermost last

    def on_point_line() -> bool:
        for name in reversed(open_tags):
            if name in {"li", _PARAGRAPH}:
                return True
            if name in _BLOCKS:
                return False
        return False

    def words() -> None:
        """Words (or inline markup) on the point's line: after an ended paragraph, a new line."""
        if points[-1] == ENDED:
            output.append("<br>")
        points[-1] = WORDS

    position = 0
    for tag in [*_TAG.finditer(html), None]:
        text = html[position : tag.start() if tag else len(html)]
        if text and on_point_line():
            if text.strip(_HTML_SPACES):
                words()
            elif points[-1] == ENDED:
                text = ""  # the spaces between two paragraphs
        output.append(text)
        if tag is None:
            break
        position = tag.end()
        closing, name = tag.groups()
        in_point = bool(open_tags) and open_tags[-1] == "li"
        if closing:
            opened = open_tags.pop() if open_tags else None
            if opened == _PARAGRAPH:
                points[-1] = ENDED
                continue
            if name == "li":
                points.pop()
            elif name in _BLOCKS and open_tags and open_tags[-1] == "li":
                points[-1] = EMPTY
        elif name == "p" and in_point:
            if points[-1] != EMPTY:
                output.append("<br>")
            points[-1] = EMPTY
            open_tags.append(_PARAGRAPH)
            continue
        elif name == "li":
            open_tags.append(name)
            points.append(EMPTY)
        elif name in _BLOCKS and in_point:
            points[-1] = EMPTY
            if name not in _VOIDS:
                open_tags.append(name)
        else:
            if on_point_line():
                words()
            if name not in _VOIDS:
                open_tags.append(name)
        output.append(tag.group())
    return "".join(output)
