"""Bold, italic, superscript and subscript in pasted HTML: what an element's tag and style
give its text, as a browser shows it."""

from bs4 import Tag

from .layout import style_value

INLINE = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "cite": "em",
    "s": "s",
    "strike": "s",
    "del": "s",
    "sup": "sup",
    "sub": "sub",
}


# Values of `font-weight`, `font-style` and `vertical-align` that set or undo bold, italic,
# superscript and subscript; other values (inherit, a variable font's 450…) leave the
# element's tag to decide.
_STYLE_MARKS = {
    "strong": (
        "font-weight",
        {"bold", "bolder", "600", "700", "800", "900"},
        {"normal", "lighter", "100", "200", "300", "400", "500"},
    ),
    "em": ("font-style", {"italic", "oblique"}, {"normal"}),
    "sup": ("vertical-align", {"super"}, {"baseline", "sub"}),
    "sub": ("vertical-align", {"sub"}, {"baseline", "super"}),
}


def marks_of(node: Tag, name: str) -> list[str]:
    """The formatting an element gives its text: its tag's, unless its style undoes it, and
    bold, italic, superscript and subscript set by its style alone, as editors like Google
    Docs paste them."""
    if (node.get("id") or "").startswith("docs-internal-guid-"):
        # Google Docs wraps a whole copy in <b id="docs-internal-guid-…">, bold or not.
        return []
    marks = [INLINE[name]] if name in INLINE else []
    for mark, (prop, sets, undoes) in _STYLE_MARKS.items():
        value = style_value(node, prop)
        if value in sets and mark not in marks:
            marks.append(mark)
        elif value in undoes and mark in marks:
            marks.remove(mark)
    return marks
