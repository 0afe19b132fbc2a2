"""How a browser lays out a pasted element: shown or hidden, on a line of its own or not.

innerText's rules, read from what a copy carries: the element's tag, the `display` Chromium
writes into a copy's inline styles, its parent's display (flex and grid items are blocks), and
the classes of platform elements known to render as lines when a copy carries no style; and
whether the new lines in its text show, by the `white-space` its style gives it or inherits.
"""

import re

from bs4 import Tag

# Classes that hide text from sighted readers; the visible copy of that text is kept elsewhere.
HIDDEN_CLASSES = {"visually-hidden", "sr-only", "screen-reader-text", "a11y-text", "hidden"}
# Elements a browser lays out as blocks unless a style says otherwise.
# fmt: off
BLOCK_ELEMENTS = {
    "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html",
    "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
}
# fmt: on
BLOCK_DISPLAYS = {"block", "flex", "grid", "list-item", "table", "table-row", "flow-root"}
# Their children are laid out as blocks: each one a line.
ITEM_CONTAINERS = {"flex", "inline-flex", "grid", "inline-grid"}
# Platform elements that render on lines of their own, for copies that carry no style: the
# parts of LinkedIn's author card, Medium's and Substack's bylines.
LINE_CLASSES = {
    "update-components-header",
    "update-components-actor__title",
    "update-components-actor__description",
    "update-components-actor__sub-description",
    "feed-shared-actor__title",
    "feed-shared-actor__description",
    "feed-shared-actor__sub-description",
    "reader-author-info__author-name",
    "byline-wrapper",
    "post-date",
}
# Styles under which a browser shows the new lines in an element's text as line breaks: a post
# on X or Bluesky is one element whose lines are parted by new lines, and Chromium writes the
# style into the copy. Its spaces fold all the same: they are a post's, not a layout's.
NEW_LINES_SHOWN = {"pre", "pre-wrap", "pre-line", "break-spaces"}
NEW_LINES_SHOWN_COLLAPSE = {"preserve", "preserve-breaks", "break-spaces"}
# A screen-reader-only element as a copy styles it: clipped to a pixel.
_CLIPPED = re.compile(r"clip\s*:\s*rect\(\s*[01]px|clip-path\s*:\s*inset\(\s*50%", re.I)


def style_of(node: Tag) -> str:
    return (node.get("style") or "").lower()


def style_value(node: Tag, prop: str) -> str:
    """The value a copy's inline style gives `prop` ("" when it gives none); the last one wins,
    as in the browser."""
    values = re.findall(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([a-z0-9-]+)", style_of(node))
    return values[-1] if values else ""


def display_of(node: Tag) -> str:
    """The display a copy's inline style gives the element ("" when it gives none)."""
    return style_value(node, "display")


def is_hidden(node: Tag) -> bool:
    """Not shown to sighted readers: aria-hidden text is shown, and kept."""
    if node.has_attr("hidden"):
        return True
    style = style_of(node)
    if display_of(node) == "none" or re.search(r"visibility\s*:\s*hidden", style):
        return True
    if _CLIPPED.search(style):
        return True
    classes = set(node.get("class") or [])
    return bool(classes & HIDDEN_CLASSES)


def is_line(node: Tag, *, in_item_container: bool) -> bool:
    """True when the element renders on its own line, as innerText would see it."""
    display = display_of(node)
    if display in BLOCK_DISPLAYS or in_item_container:
        return True
    if display:
        return False  # inline, inline-block, contents…: shares the line
    if node.name.lower() in BLOCK_ELEMENTS:
        return True
    return not LINE_CLASSES.isdisjoint(node.get("class") or [])


def new_lines_shown(node: Tag, *, inherited: bool) -> bool:
    """Whether the browser shows the new lines in `node`'s text as line breaks, by the style a
    copy carries (`white-space`, or its newer part `white-space-collapse`), else as its parent
    does."""
    if value := style_value(node, "white-space-collapse"):
        return value in NEW_LINES_SHOWN_COLLAPSE
    if value := style_value(node, "white-space"):
        return value in NEW_LINES_SHOWN
    return inherited
