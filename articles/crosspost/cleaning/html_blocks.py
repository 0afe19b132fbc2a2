"""Pasted HTML laid out as a flat list of blocks, keeping only the author's formatting.

Lines are where a browser's innerText puts them: an element that renders on its own line (a
block by its tag, by the `display` a copy carries in its style, as a flex or grid item, or a
platform element known to render so) is a line of its own, and neighbouring inline elements
share one. Scripts, images, embeds, controls and hidden text are dropped (and counted in the
report, the controls' words kept there); headings, paragraphs, lists (Word's list paragraphs
too), quotes, links, bold, italic, superscripts, subscripts and spoilers are kept.
"""

import re
from html import escape

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import strip_tags

from newsroom.preformatted import indentation, spaces_kept
from newsroom.richtext import list_start
from newsroom.spoiler_markup import SPOILER_CLASS

from .blocks import LISTS, Block, as_seen, tidy_inline
from .emoji import emoji_of
from .layout import ITEM_CONTAINERS, display_of, is_hidden, is_line, new_lines_shown
from .links import clean_link
from .marks import marks_of
from .numbering import list_numbering
from .report import Report
from .styled_letters import plain_digits, styled_html
from .word_lists import lists_from_word, numbers_off_word_headings

# Elements dropped with everything inside them, by what the report calls them ("page": the
# document's own head, which a clipboard often includes and nobody needs to be told about).
DROPPED = {
    "script": "scripts",
    "style": "scripts",
    "noscript": "scripts",
    "template": "scripts",
    "iframe": "embeds",
    "object": "embeds",
    "embed": "embeds",
    "video": "embeds",
    "audio": "embeds",
    "canvas": "embeds",
    "svg": "embeds",
    "math": "embeds",
    "img": "images",
    "picture": "images",
    "figure": "images",
    "button": "controls",
    "form": "controls",
    "input": "controls",
    "select": "controls",
    "textarea": "controls",
    "dialog": "controls",
    "menu": "controls",
    "nav": "controls",
    "footer": "controls",
    "aside": "controls",
    "head": "page",
    "title": "page",
    "meta": "page",
    "link": "page",
}
MAX_DEPTH = 100
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
PARAGRAPHS = {"p", "pre", "address", "dt", "dd", "figcaption", "caption", "summary"}

_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u2009\u202f]+")
# In preformatted text, runs of plain spaces and tabs are kept (`spaces_kept`) and the rest
# folded.
_PREFORMATTED_SPACE = re.compile(r"[\r\n\f\u00a0\u2009\u202f]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Flattener:
    """Walks pasted HTML and lays it out as a flat list of blocks.

    Inline formatting is a stack of open tags, so a paragraph break inside a formatted run (a
    LinkedIn post is one span with <br><br> between paragraphs) closes and reopens it.
    """

    def __init__(self, *, base_url: str, report: Report):
        self.base_url = base_url
        self.report = report
        self.depth = 0
        self.blocks: list[Block] = []
        self.items: list[str] | None = None
        # Which of `items` hold preformatted text, and where the point being walked starts.
        self.preformatted_items: set[int] = set()
        self.item_start = 0
        # Inside a point's <li>: its paragraphs are lines of that point.
        self.in_point = False
        self.inline: list[str] = []
        self.open: list[str] = []
        self.breaks = 0
        # The element being walked lays its children out as blocks (flex or grid items).
        self.in_item_container = False
        # Inside <pre>: its line breaks are text, shown as line breaks.
        self.preformatted = 0
        # The spaces and tabs opening a preformatted line, put before its first words.
        self.indent = ""
        # A <br> with no words after it yet: in preformatted text, a new line after it is
        # the same line break (as `sanitize_html` reads a saved <pre>), not a blank line.
        self.after_break_tag = False
        # Inside an element whose style shows its text's new lines (`new_lines_shown`).
        self.new_lines_shown = False

    def run(self, root) -> list[Block]:
        self.walk_children(root)
        self.flush()
        for order, block in enumerate(self.blocks):
            block.order = order
        return self.blocks

    def walk_children(self, node) -> None:
        for child in list(node.children):
            self.walk(child)

    def walk(self, node) -> None:
        if self.depth > MAX_DEPTH and isinstance(node, Tag):
            # Markup nested this deep is not an article's; keep its words, not its structure.
            self.add_text(node.get_text(" "))
            return
        self.depth += 1
        try:
            self.visit(node)
        finally:
            self.depth -= 1

    def visit(self, node) -> None:
        if isinstance(node, NavigableString):
            # Comments, doctypes and the like are NavigableString subclasses: skip them.
            if type(node) is NavigableString:
                self.add_text(str(node))
            return
        name = node.name.lower()
        if name == "img" and (emoji := emoji_of(node)):
            self.add_text(emoji)
            return
        if name in DROPPED:
            self.drop(node, DROPPED[name])
            return
        if is_hidden(node):
            return
        line = is_line(node, in_item_container=self.in_item_container)
        outer, self.in_item_container = self.in_item_container, display_of(node) in ITEM_CONTAINERS
        outer_new_lines = self.new_lines_shown
        self.new_lines_shown = new_lines_shown(node, inherited=outer_new_lines)
        try:
            self.visit_element(node, name, line=line)
        finally:
            self.in_item_container = outer
            self.new_lines_shown = outer_new_lines

    def visit_element(self, node: Tag, name: str, *, line: bool) -> None:
        if name == "br":
            self.add_break()
            self.after_break_tag = True
        elif name == "hr":
            self.flush()
            self.blocks.append(Block("hr"))
        elif line and (name in HEADINGS or name in PARAGRAPHS or name in {"li", "tr"}):
            self.flush()
            if name == "li" and self.items is not None:
                self.item_start = len(self.items)
            produced = len(self.blocks) + len(self.items or ())
            self.preformatted += name == "pre"
            in_point, self.in_point = self.in_point, self.in_point or name == "li"
            self.walk_children(node)
            self.flush(HEADINGS.get(name, "p"))
            self.preformatted -= name == "pre"
            self.in_point = in_point
            if len(self.blocks) + len(self.items or ()) == produced:
                self.report.count("empty")
        elif name in LISTS and line:
            self.walk_list(node)
        elif name == "blockquote" and line:
            self.walk_quote(node)
        elif name in {"td", "th"}:
            self.walk_children(node)
            self.add_text(" ")
        else:
            if line:
                self.flush()
            self.walk_inline_element(node, name)
            if line:
                self.flush()

    def walk_inline_element(self, node: Tag, name: str) -> None:
        if name == "a":
            self.walk_link(node)
        elif name == "span" and SPOILER_CLASS in (node.get("class") or []):
            self.walk_spoiler(node)
        elif marks := marks_of(node, name):
            self.walk_inline(node, marks)
        else:
            # Containers (div, section, article…) and unknown inline elements: their content.
            self.walk_children(node)

    def drop(self, node: Tag, what: str) -> None:
        """Leave out an element and all inside it; a control's words go in the report."""
        self.report.count(what)
        if what == "controls":
            self.report.remove("controls", _visible_text(node), order=len(self.blocks) - 0.5)

    def add_text(self, text: str) -> None:
        text = as_seen(text)
        if self.preformatted:
            # A line break, or a blank line between paragraphs, as in pasted plain text.
            for number, line in enumerate(_LINE_BREAK.split(text)):
                if number and self.after_break_tag:
                    self.after_break_tag = False
                    self.indent = ""  # the spaces ending the line, not opening the next
                elif number:
                    self.add_break()
                if line.strip():
                    self.after_break_tag = False
                if self.breaks or not self.has_content():
                    words = line.lstrip(" \t")
                    self.indent += line[: len(line) - len(words)]
                    line = words.lstrip()
                self.add_words(line)
        elif self.new_lines_shown:
            # Each new line a line break, a blank line a new paragraph, as in plain text.
            for number, line in enumerate(_LINE_BREAK.split(text)):
                if number:
                    self.add_break()
                self.add_words(line)
        else:
            self.add_words(text)

    def add_words(self, text: str) -> None:
        spaces = _PREFORMATTED_SPACE if self.preformatted else _SPACE
        text = plain_digits(spaces.sub(" ", text).replace("hashtag#", "#"))
        if not text:
            return
        if text.strip():
            self.breaks = 0
            text, self.indent = indentation(self.indent) + text, ""
        elif not self.inline or self.inline[-1].endswith((" ", "<br>")):
            return
        marks_open = frozenset(_tag_name(html) for html in self.open)
        self.inline.append(styled_html(text, marks_open=marks_open))

    def add_break(self) -> None:
        self.breaks += 1
        self.indent = ""  # a line of nothing but spaces
        if self.breaks == 2:
            if "<br>" in self.inline:
                last = len(self.inline) - 1 - self.inline[::-1].index("<br>")
                del self.inline[last]
            self.flush()
        elif self.has_content():
            self.inline.append("<br>")

    def has_content(self) -> bool:
        return bool(strip_tags("".join(self.inline)).strip())

    def open_tag(self, html: str) -> None:
        if self.indent:  # before the formatting, where the line's words start
            self.inline.append(indentation(self.indent))
            self.indent = ""
        self.inline.append(html)
        self.open.append(html)

    def close_tag(self, name: str) -> None:
        self.inline.append(f"</{name}>")
        self.open.pop()

    def walk_inline(self, node: Tag, names: list[str]) -> None:
        for name in names:
            self.open_tag(f"<{name}>")
        self.walk_children(node)
        for name in reversed(names):
            self.close_tag(name)

    def walk_link(self, node: Tag) -> None:
        text = " ".join(node.get_text(" ").split())
        href = clean_link(node.get("href"), base_url=self.base_url, text=text, report=self.report)
        if href is None or not text:
            self.walk_children(node)
            return
        self.open_tag(f'<a href="{escape(href)}">')
        self.walk_children(node)
        self.close_tag("a")

    def walk_spoiler(self, node: Tag) -> None:
        # A page of ours renders spoilers as reveal controls; only the passage is the spoiler.
        passage = node.find(class_="spoiler__text") or node
        self.open_tag(f'<span class="{SPOILER_CLASS}">')
        self.walk_children(passage)
        self.close_tag("span")

    def walk_list(self, node: Tag) -> None:
        self.flush()
        around = self.items, self.preformatted_items, self.item_start, self.in_point
        self.items, self.preformatted_items, self.item_start, self.in_point = [], set(), 0, False
        self.walk_children(node)
        self.flush()
        items, preformatted = self.items, self.preformatted_items
        self.items, self.preformatted_items, self.item_start, self.in_point = around
        outer = self.items
        if not items:
            return
        block = Block(
            node.name.lower(),
            items=items,
            start=_list_start(node),
            numbering=list_numbering(node),
            preformatted_items=preformatted,
        )
        if outer is None:
            self.blocks.append(block)
        else:
            if not outer:
                outer.append("")
            # Sub-points belong to the point above them, whether the copy nests their list
            # inside that point's <li> or, as some editors copy it, right after it.
            outer[-1] += block.render()
            if preformatted:
                self.preformatted_items.add(len(outer) - 1)

    def walk_quote(self, node: Tag) -> None:
        self.flush()
        start = len(self.blocks)
        self.walk_children(node)
        self.flush()
        quoted = self.blocks[start:]
        del self.blocks[start:]
        if quoted:
            # Inside a quote a heading is just emphasis; keep it as a paragraph.
            inner = [Block("p", b.html) if b.tag in HEADINGS.values() else b for b in quoted]
            self.blocks.append(Block("blockquote", "".join(b.render() for b in inner)))

    def flush(self, tag: str = "p") -> None:
        """End the current paragraph (as `tag`) and reopen the formatting still in force."""
        closing = "".join(f"</{_tag_name(html)}>" for html in reversed(self.open))
        html = ("".join(self.inline) + closing).replace("hashtag#", "#")
        html = tidy_inline(spaces_kept(html) if self.preformatted else html)
        if html:
            joins = self.preformatted or self.in_point
            if self.items is not None and joins and len(self.items) > self.item_start:
                # A point's paragraphs, and preformatted text in it, are on lines of that point,
                # not points of their own: after its sub-points, below them.
                below = self.items[-1].endswith(("</ul>", "</ol>"))
                self.items[-1] += html if below else f"<br>{html}"
                if self.preformatted:
                    self.preformatted_items.add(len(self.items) - 1)
            elif self.items is not None:
                if self.preformatted:
                    self.preformatted_items.add(len(self.items))
                self.items.append(html)
            else:
                self.blocks.append(Block(tag, html, preformatted=self.preformatted > 0))
        self.inline = list(self.open)
        self.breaks = 0
        self.indent = ""
        self.after_break_tag = False


def _visible_text(node: Tag) -> str:
    """The words of `node` a sighted reader sees (not its hidden or scripted parts)."""
    words, stack = [], [node]
    while stack:
        current = stack.pop()
        if type(current) is NavigableString:
            words.append(str(current))
        elif isinstance(current, Tag) and (current is node or not _is_unseen(current)):
            stack.extend(reversed(list(current.children)))
    return " ".join(" ".join(words).split())


def _is_unseen(node: Tag) -> bool:
    dropped = DROPPED.get(node.name.lower())
    return (dropped is not None and dropped != "controls") or is_hidden(node)


def _list_start(node: Tag) -> int:
    """Where a pasted list counts from, by the sanitiser's rule for a stored list's `start`."""
    return int(list_start(node.get("start") or "") or 1)


def _tag_name(open_html: str) -> str:
    return re.match(r"<(\w+)", open_html).group(1)


def blocks_from_html(html: str, *, base_url: str = "", report: Report) -> list[Block]:
    soup = BeautifulSoup(html, "html.parser")
    lists_from_word(soup)
    report.count("heading numbers", numbers_off_word_headings(soup))
    return _Flattener(base_url=base_url, report=report).run(soup)
