"""Bold and italic typed in Unicode's mathematical letters (U+1D400 to U+1D7FF), as posts on
LinkedIn and X are written where the platform has no bold: plain letters in `<strong>` and
`<em>`, which screen readers read as words (the mathematical ones they spell letter by letter),
search finds and the headline and summary show as text.

Digits so written are made plain digits (`plain_digits`) before anything reads the text, so
that a bold "1." numbers a list's point as a plain one does; letters of the other such styles
(script, double-struck, monospace) become plain letters.
"""

import re
import unicodedata
from html import escape

# The mathematical alphanumeric symbols, and the italic small h, which has its place in the
# Letterlike Symbols block (U+210E) rather than among them.
_STYLED = re.compile("[\U0001d400-\U0001d7ff\u210e]")
_DIGITS = re.compile("[\U0001d7ce-\U0001d7ff]")


def plain_digits(text: str) -> str:
    """`text` with its mathematical digits (bold, double-struck…) as the digits they are."""
    if not _DIGITS.search(text):
        return text
    return _DIGITS.sub(lambda digit: unicodedata.normalize("NFKC", digit[0]), text)


def _style_of(character: str) -> tuple[str, ...]:
    if character == "\u210e":
        return ("em",)
    name = unicodedata.name(character, "")
    marks = ("strong",) if "BOLD" in name else ()
    return marks + (("em",) if "ITALIC" in name else ())


def styled_html(text: str, *, marks_open: frozenset[str] = frozenset()) -> str:
    """`text` escaped, its mathematical letters plain ones in `<strong>` and `<em>` as their
    style is, marks already open around the text (`marks_open`) not opened again.

    A run of one style takes in the spaces, digits and punctuation between its letters (a bold
    "Here's what" is one bold run), not those before or after it.
    """
    if not _STYLED.search(text):
        return escape(text, quote=False)
    styles: list[tuple[str, ...] | None] = []
    for character in text:
        if _STYLED.match(character):
            styles.append(tuple(m for m in _style_of(character) if m not in marks_open))
        else:
            # A plain letter ends a run; anything else may stand inside one.
            styles.append(() if character.isalpha() else None)
    _fill_between_letters(styles)
    parts, run, run_style = [], [], ()
    for character, style in zip(text, styles, strict=True):
        style = style or ()
        if style != run_style:
            parts.append(_wrapped("".join(run), run_style))
            run, run_style = [], style
        run.append(
            unicodedata.normalize("NFKC", character) if _STYLED.match(character) else character
        )
    parts.append(_wrapped("".join(run), run_style))
    return "".join(parts)


def _fill_between_letters(styles: list[tuple[str, ...] | None]) -> None:
    """Give each character that is no letter the style of the letters on both sides of it,
    where they have the same one."""
    before: list[tuple[str, ...] | None] = []
    last = None
    for style in styles:
        before.append(last)
        last = style if style is not None else last
    after = None
    for at in range(len(styles) - 1, -1, -1):
        if styles[at] is None:
            styles[at] = before[at] if before[at] and before[at] == after else ()
        else:
            after = styles[at]


def _wrapped(text: str, marks: tuple[str, ...]) -> str:
    html = escape(text, quote=False)
    if not text or not marks:
        return html
    opening = "".join(f"<{mark}>" for mark in marks)
    closing = "".join(f"</{mark}>" for mark in reversed(marks))
    return f"{opening}{html}{closing}"
