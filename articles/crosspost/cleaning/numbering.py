"""How a pasted numbered list counts: 1, 2, 3; a, b, c; A, B, C; i, ii, iii or I, II, III.

Read from the list's `type`, the `list-style-type` a copy styles it (or, as Google Docs copies
it, each of its points) with, or the first of Word's markers ("c.", "iv)"), which also gives
the number it starts at; in plain text, the markers of its points ("b.", "(c)", "iv)"),
each read every way it can be (`marker_readings`). Stored as HTML's `type`, which the sanitiser
and the editor keep.
"""

import re

from bs4 import Tag

from newsroom.richtext import LIST_NUMBERINGS

from .layout import style_value

_STYLES = {
    "lower-alpha": "a",
    "lower-latin": "a",
    "upper-alpha": "A",
    "upper-latin": "A",
    "lower-roman": "i",
    "upper-roman": "I",
}
_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def list_numbering(node: Tag) -> str:
    """How the pasted list `node` counts, as the `type` stored: "" for numbers."""
    numbering = (node.get("type") or "").strip()
    if numbering in LIST_NUMBERINGS:
        return numbering
    first = node.find("li")
    for styled in (node, first) if first is not None else (node,):
        if numbering := _STYLES.get(style_value(styled, "list-style-type"), ""):
            return numbering
    return ""


def marker_numbering(number: str) -> tuple[str, int | None]:
    """The `type` and the value of a list marker's number ("3", "c", "iv"); a number of no
    kind known ("aa") counts with numbers from where the list is. A single letter is a
    letter but "i" and "I", which open a list of numerals: a lettered list reaches "i" only
    after "h"."""
    if number.isascii() and number.isdigit():
        return "", int(number)
    lower = number.lower()
    if not (number.isascii() and number.isalpha() and number in (lower, number.upper())):
        return "", None
    if _ROMAN.fullmatch(lower) and (len(lower) > 1 or lower == "i"):
        numbering, value = "i", _roman_value(lower)
    elif len(lower) == 1:
        numbering, value = "a", ord(lower) - ord("a") + 1
    else:
        return "", None
    return (numbering if number == lower else numbering.upper()), value


def marker_readings(number: str) -> list[tuple[str, int]]:
    """Every `type` and value a marker's number can have, `marker_numbering`'s first: "i" is
    also the ninth letter (after "h."), and "v", "x", "c" are also numerals (after "iv.")."""
    numbering, value = marker_numbering(number)
    if value is None:
        return []
    readings = [(numbering, value)]
    lower = number.lower()
    if numbering in ("i", "I") and len(lower) == 1:
        readings.append(("a" if number == lower else "A", ord(lower) - ord("a") + 1))
    elif numbering in ("a", "A") and _ROMAN.fullmatch(lower):
        readings.append(("i" if number == lower else "I", _roman_value(lower)))
    return readings


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[letter] for letter in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
