"""How deep HTML nests, measured in one linear pass before it reaches the sanitiser.

An HTML parser (html5ever, under nh3) looks through its stack of open elements for most tags,
so text nested thousands of levels deep costs it time growing with the square of its length:
20,000 levels of lists held a worker for half a minute. `refuse_deep_nesting` refuses such text
first. It reads tags with a pattern, skips comments and raw text (`<script>`, `<style>`…) as
the tokenizer does, and follows the parser's rules as far as they open and close elements: an
unclosed tag stays open; an end tag closes only what is in its scope; the end tags HTML lets out
(`<p>`, `<li>`, `<td>`, …) are implied; bold, italic and links a block's end closes are opened
again before the next inline element (three alike at most), as the parser opens them, and
formatting opened again hundreds at a time in block after block is refused as too deep (the
parser's work grows with it just the same). Where its rules are simpler than the parser's it
mostly counts more; in contrived tag soup (an SVG picture broken off by a block inside it) it may
count up to a few times fewer, still bounding the parser's work.
"""

import re

from django.core.exceptions import ValidationError

# Browsers stop nesting at 512 levels when they parse a page (Chromium and WebKit), so nothing a
# paste or the editor makes goes deeper, while the parser's time per tag stays bounded.
MAX_NESTING = 512

# How many formatting elements the parser may open again for each tag read, beyond the limit:
# a paragraph or two of text left bold and italic reopens a few.
REOPENED_A_TAG = 8

NESTED_TOO_DEEP = (
    "%(text)s is nested more than %(limit)s levels deep (elements inside elements), deeper "
    "than any browser shows a page. Paste it again as plain text, or simplify it."
)

VOID = {
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip
# The page's own elements: the parser never opens them twice.
PAGE = {"html", "head", "body"}
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
FORMATTING = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
    "u",
}  # fmt: skip
SPECIAL = {
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
    "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
    "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
    "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p",
    "param", "plaintext", "pre", "script", "search", "section", "select", "source", "style",
    "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
    "tr", "track", "ul", "wbr", "xmp",
}  # fmt: skip
# Where the parser stops looking for an element to close ("in scope").
SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CLOSES_P = {
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
    "nav", "ol", "p", "search", "section", "summary", "ul", "pre", "listing", "form", "li",
    "dd", "dt", "xmp", *HEADINGS,
}  # fmt: skip
SECTIONS = {"tbody", "thead", "tfoot"}
TABLE_PARTS = {"td", "th", "tr", "caption", "colgroup", *SECTIONS}
# What a list item closes, looking past these: "<li>One<div><li>Two" closes the first item.
LIST_ITEMS = {"li", "dd", "dt"}
PASSED_BY_ITEMS = {"address", "div", "p", *LIST_ITEMS}
FOREIGN = {"svg", "math"}
# Where HTML goes on inside an SVG picture or a formula.
INTEGRATION_POINTS = {
    "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
}  # fmt: skip
# HTML elements that end an SVG picture or a formula where they start (counted as inside it).
BREAKING_OUT = {
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol",
    "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt",
    "u", "ul", "var", *HEADINGS,
}  # fmt: skip

# A comment ends at "-->" or "--!>", or at once ("<!-->", "<!--->"); unclosed, at the end.
_COMMENT = r"<!--(?:-?>|.*?--!?>|.*\Z)"
# "<!DOCTYPE …>", "<?…>", "</1>": bogus comments, to the first ">".
_BOGUS = r"<(?:!(?!--)|\?|/(?![A-Za-z>]))[^>]*(?:>|\Z)"
# A tag ends at its first ">": a ">" quoted in an attribute only makes text of the rest of the
# tag, whose tags are then counted too.
_TAG = r"<(/?)([A-Za-z][^\t\n\f\r />]*)([^>]*)>"
_TOKEN = re.compile(f"{_COMMENT}|{_BOGUS}|{_TAG}", re.DOTALL)


class _Formatting:
    """An element of the parser's list of formatting elements: reopened in each block that
    follows until its own end tag, however often the blocks around it close."""

    __slots__ = ("height", "key", "listed", "name", "on_stack")

    def __init__(self, name: str, key: str, height: int):
        self.name = name
        self.key = key
        self.height = height  # the stack's height when it opened
        self.listed = True
        self.on_stack = True


class _Depth:
    """The parser's stack of open elements as far as depth goes, with constant work a tag."""

    def __init__(self):
        self.stack: list[str] = []
        self.opened: list[_Formatting | None] = []  # the formatting element at each place
        self.at: dict[str, list[int]] = {}  # each open name's places in the stack
        self.scopes: list[int] = []  # places of SCOPE elements
        self.specials: list[int] = []  # places of SPECIAL elements
        self.blocks: list[int] = []  # …but those a list item looks past (`PASSED_BY_ITEMS`)
        self.listed: dict[str, list[_Formatting]] = {}  # by name, latest last
        self.alike: dict[str, list[_Formatting]] = {}  # by name and attributes
        self.to_reopen = 0  # listed, closed by a block's end: the parser opens them again
        self.closed: list[_Formatting] = []  # those, in the order it opens them again
        self.reopened = 0
        self.moved = 0  # formatting elements the parser took out from under a block

    @property
    def depth(self) -> int:
        return len(self.stack) - self.moved + self.to_reopen

    def last(self, name: str) -> int:
        places = self.at.get(name)
        return places[-1] if places else -1

    def in_scope(self, name: str, *, also=()) -> bool:
        """Whether the parser would find `name` open, looking back no further than a table,
        a cell, an object… (or one of `also`)."""
        place = self.last(name)
        if place < 0 or (self.scopes and self.scopes[-1] > place):
            return False
        return all(self.last(other) < place for other in also)

    def push(self, name: str, formatting: _Formatting | None = None) -> None:
        place = len(self.stack)
        self.stack.append(name)
        self.opened.append(formatting)
        self.at.setdefault(name, []).append(place)
        if name in SCOPE:
            self.scopes.append(place)
        if name in SPECIAL:
            self.specials.append(place)
            if name not in PASSED_BY_ITEMS:
                self.blocks.append(place)

    def pop_to(self, place: int) -> None:
        while len(self.stack) > place:
            name = self.stack.pop()
            formatting = self.opened.pop()
            self.at[name].pop()
            if formatting is not None:
                if formatting.on_stack:
                    formatting.on_stack = False
                    self.to_reopen += formatting.listed
                    self.closed.append(formatting)
                else:
                    self.moved -= 1
            elif name in SPECIAL:
                popped = len(self.stack)
                for places in (self.scopes, self.specials, self.blocks):
                    if places and places[-1] == popped:
                        places.pop()

    def close(self, name: str) -> None:
        self.pop_to(self.last(name))

    def foreign_root(self) -> int:
        """The place of the SVG picture or formula the latest element is in, or -1."""
        if not (self.at.get("svg") or self.at.get("math")):
            return -1
        root = max(self.last("svg"), self.last("math"))
        return root if root > max(self.last(point) for point in INTEGRATION_POINTS) else -1

    def start(self, name: str, attributes: str, *, self_closing: bool) -> bool:
        """Open `name` as the parser would; False when it is an SVG or MathML element."""
        root = self.foreign_root()
        if root >= 0 and name not in BREAKING_OUT:
            if not self_closing:
                self.push(name)  # an SVG or MathML element: <a>, <style>, <image> among them
            return False
        if root >= 0:
            self.pop_to(root)  # the parser ends the picture or formula first
        if name == "hr" and self.at.get("p") and self.in_scope("p", also=("button",)):
            self.close("p")
        if name in VOID or name in PAGE or (self_closing and name in FOREIGN):
            return True
        if name == "a" and self.latest("a") is not None:
            self.end_formatting("a")  # a link inside a link ends the first
        if name not in SPECIAL:
            self.reopen()
        if name in FORMATTING:
            self.start_formatting(name, attributes)
            return True
        if name in CLOSES_P and self.at.get("p") and self.in_scope("p", also=("button",)):
            self.close("p")
        if name in HEADINGS and self.stack and self.stack[-1] in HEADINGS:
            self.pop_to(len(self.stack) - 1)
        elif name in LIST_ITEMS:
            # The latest item of its kind closes, unless a block other than those is after it.
            place = self.last("li") if name == "li" else max(self.last("dd"), self.last("dt"))
            others = max(self.last("dd"), self.last("dt")) if name == "li" else self.last("li")
            if place > max(self.blocks[-1] if self.blocks else -1, others):
                self.pop_to(place)
        elif name in {"option", "optgroup"}:
            for closed in ("option", "optgroup") if name == "optgroup" else ("option",):
                if self.stack and self.stack[-1] == closed:
                    self.pop_to(len(self.stack) - 1)
        elif name in TABLE_PARTS:
            if self.last("table") < 0 and self.last("template") < 0:
                return True  # outside a table the parser leaves it out
            self.start_table_part(name)
        self.push(name)
        return True

    def start_table_part(self, name: str) -> None:
        table = max(self.last("table"), self.last("template"))
        if name in {"td", "th"}:
            cell = max(self.last("td"), self.last("th"))
            if cell > table:
                self.pop_to(cell)
        elif name == "tr" and self.last("tr") > table:
            self.close("tr")
        elif name in SECTIONS:
            section = max(self.last(section) for section in SECTIONS)
            if section > table:
                self.pop_to(section)
        # The rows and sections the parser makes for cells and rows put straight in a table.
        in_section = max(self.last(section) for section in SECTIONS) > table
        if name in {"td", "th"} and self.last("tr") <= table:
            if not in_section:
                self.push("tbody")
            self.push("tr")
        elif name == "tr" and not in_section:
            self.push("tbody")

    def reopen(self) -> None:
        """Open again the formatting a block's end closed, as the parser does before an inline
        element: under it, they stay open after its end ("</sup><sup>…" nests them anew)."""
        for formatting in self.closed:
            if formatting.listed and not formatting.on_stack:
                self.to_reopen -= 1
                self.reopened += 1
                formatting.on_stack = True
                formatting.height = len(self.stack)
                self.push(formatting.name, formatting)
        self.closed.clear()

    def start_formatting(self, name: str, attributes: str) -> None:
        formatting = _Formatting(name, f"{name} {' '.join(attributes.split())}", len(self.stack))
        alike = self.alike.setdefault(formatting.key, [])
        alike.append(formatting)
        if len(alike) > 3:
            # The parser keeps three alike in its list, the latest: the earliest stays open
            # where it is, but is not opened again.
            self.unlist(alike.pop(0))
        self.listed.setdefault(name, []).append(formatting)
        self.push(name, formatting)

    def latest(self, name: str) -> _Formatting | None:
        """The latest of `name` still listed, if the parser would find it for its end tag."""
        listed = self.listed.get(name, [])
        while listed and not listed[-1].listed:
            listed.pop()
        if not listed or (self.scopes and self.scopes[-1] >= listed[-1].height):
            return None  # behind a table cell, an object, …: out of its reach
        return listed[-1]

    def unlist(self, formatting: _Formatting) -> None:
        formatting.listed = False
        if not formatting.on_stack:
            self.to_reopen -= 1

    def end_formatting(self, name: str) -> None:
        formatting = self.latest(name)
        if formatting is not None:
            self.listed[name].pop()
            self.alike[formatting.key].remove(formatting)
            self.unlist(formatting)
        last_special = self.specials[-1] if self.specials else -1
        if formatting is not None and formatting.on_stack and formatting.height < last_special:
            # Past a block ("<b><p>x</b>") the parser takes it out and the blocks stay open.
            formatting.on_stack = False
            self.moved += 1
        elif self.last(name) > last_special:
            # With only inline elements after it, it closes them all.
            self.close(name)

    def end(self, name: str) -> None:
        if self.stack and self.stack[-1] == name and name not in FORMATTING:
            self.pop_to(len(self.stack) - 1)  # the usual case: the latest element's end
        elif name in FORMATTING:
            self.end_formatting(name)
        elif name == "select":
            # Its options close with it; past anything else the parser's rules differ, and
            # kept open, it is not counted short.
            place = self.last("select")
            if place >= 0 and {"option", "optgroup"}.issuperset(self.stack[place + 1 :]):
                self.pop_to(place)
        elif name == "form":
            pass  # the parser takes the form out from under what is open: as good as open
        elif name in HEADINGS:
            # Any heading's end ends the latest heading.
            place = max(self.last(heading) for heading in HEADINGS)
            if place >= 0 and not (self.scopes and self.scopes[-1] > place):
                self.pop_to(place)
        elif name in SPECIAL:
            if name in {"table", "tr", "td", "th", *SECTIONS}:
                scoped = self.last(name) > self.last("template") and (
                    name == "table" or self.last(name) > self.last("table")
                )
            else:
                also = {"p": ("button",), "li": ("ol", "ul")}.get(name, ())
                scoped = self.in_scope(name, also=also)
            if scoped:
                self.close(name)
        elif self.last(name) > max(self.specials[-1:] or [-1]):
            # Any other end tag closes its element, unless a special element is in the way.
            self.close(name)


_RAW_TEXT_ENDS = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in RAW_TEXT}


def nesting_depth(html: str, *, stop_above: int | None = None) -> int:
    """How deep the elements of `html` nest once parsed (at most: never less than the parser
    makes). With `stop_above`, reading stops as soon as the depth passes it."""
    state = _Depth()
    deepest = 0
    position = 0
    # A tag left open at the end is no tag (the parser drops it): nothing past the last ">"
    # is read, so that every tag the pattern starts to read ends.
    end = html.rfind(">") + 1
    search = _TOKEN.search
    opened = 0
    while (token := search(html, position, end)) is not None:
        position = token.end()
        closing, raw_name, attributes = token.group(1, 2, 3)
        if raw_name is None:
            continue  # a comment
        name = raw_name.lower()
        if closing:
            state.end(name)
            continue
        if name in VOID and name != "hr" and not (state.at.get("svg") or state.at.get("math")):
            continue
        html_element = state.start(name, attributes, self_closing=attributes.endswith("/"))
        opened += 1
        if stop_above is not None and state.reopened > REOPENED_A_TAG * opened + stop_above:
            # Formatting left open and opened again in block after block, hundreds at a time:
            # the parser's work grows with it as with depth.
            return stop_above + 1
        if state.depth > deepest:
            deepest = state.depth
            if stop_above is not None and deepest > stop_above:
                break
        if (name in RAW_TEXT or name == "plaintext") and html_element:
            # Its text runs to its end tag (the tokenizer may run past one, never stop short);
            # after <plaintext>, or a raw text element left open, all the rest is text.
            closed = _RAW_TEXT_ENDS[name].search(html, position) if name in RAW_TEXT else None
            if closed is None:
                break
            position = closed.start()
    return deepest


def is_nested_too_deep(html: str | None, *, limit: int = MAX_NESTING) -> bool:
    """True when `html` nests more than `limit` levels deep: parsing it would hold the process
    for seconds or minutes."""
    return bool(html) and nesting_depth(html, stop_above=limit) > limit


def refuse_deep_nesting(html: str | None, *, text: str = "This text") -> None:
    """Raise a ValidationError (code "nested_too_deep") when `html` is nested too deep, naming
    it as `text`."""
    if is_nested_too_deep(html):
        raise ValidationError(
            NESTED_TOO_DEEP, code="nested_too_deep", params={"text": text, "limit": MAX_NESTING}
        )
