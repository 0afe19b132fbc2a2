"""Spoiler passages in stored rich text (`<span class="spoiler">`): found, cut out of what
describes a piece, and rendered as a reveal control that needs no JavaScript.

The sanitiser (`newsroom.richtext.sanitize_html`) ends with `SpanRewriter` and `PassageMover`, so
stored text is in the form `render_spoilers` and `strip_spoilers` cut at its tags without
parsing it again on each page view.
"""

import re
from html import escape
from html.parser import HTMLParser

SPOILER_CLASS = "spoiler"


def spoiler_passages(html: str) -> list[str]:
    """The text of each marked spoiler passage, spaces folded."""
    if not _STORED_SPAN.search(html):
        return []  # no span, no passage: a long text is not parsed for nothing
    return SpanRewriter(mode="collect").feed_all(html).passages


def strip_spoilers(html: str, *, placeholder: str = " ", stored: bool = False) -> str:
    """`html` without its spoiler passages: for anything that describes a piece to others.

    Each passage leaves `placeholder` behind (escaped), e.g. "[spoiler]" where a reader should
    notice that something was left out, as in feeds, whose readers run no CSS to hide it.

    `stored` says `html` is a field's value as `RichTextField` saved it (sanitised: no comment,
    no raw `<` in text or attributes). It is then cut at its passages' tags without being
    parsed again, as `render_spoilers` does (a feed strips every entry's text on every
    request). Anything else, such as a value not yet saved, is parsed and rewritten, unless
    it has no span at all, and so no passage: it is returned as it is, for the caller to read
    its text as it would any other.
    """
    parts = _STORED_SPAN.split(html)
    if len(parts) == 1:
        return html  # no span, no passage
    if stored and _in_stored_form(parts[1::2]):
        # Text, opening tag, passage, closing tag, text...: the texts around the passages.
        return escape(placeholder, quote=False).join(parts[0::4])
    rewriter = SpanRewriter(mode="strip")
    rewriter.placeholder = escape(placeholder, quote=False)
    return rewriter.feed_all(html).output()


def render_spoilers(html: str, *, id_prefix: str = "spoiler") -> str:
    """Turn each spoiler passage into a control that hides it until the reader reveals it.

    A checkbox and its label do the work, so the passage stays hidden without JavaScript, opens
    by click, tap or keyboard, and can be hidden again; `data-nosnippet` keeps it out of search
    snippets. The box is a switch named "Show spoiler" whether open or not, read "on" once its
    passage shows. Where scripts run, `static/js/spoilers.js` makes each box a button that says
    whether its passage is open (`aria-expanded`). Why not `<details>`: docs/editors-guide.md,
    "Spoiler and content warnings".

    Stored rich text is already what the rewrite gives everywhere but at its passages (the
    sanitiser ends with the same rewrite), so only the passages' tags are replaced: the text is
    not parsed again on every page view that makes it. Spans in any other form than the stored
    one (`_in_stored_form`), and passages stored before the sanitiser moved them out of links
    and joined their pieces (`_passages_in_place`), are rewritten as the sanitiser now stores
    them first.
    """
    parts = _STORED_SPAN.split(html)
    if len(parts) == 1:
        return html  # no span, no passage
    if not (_in_stored_form(parts[1::2]) and _passages_in_place(parts)):
        parts = _STORED_SPAN.split(PassageMover.run(html))
    # Text, opening tag, text, closing tag, text...
    for number, position in enumerate(range(1, len(parts), 4), start=1):
        parts[position] = _reveal_control(f"{id_prefix}-{number}")
        parts[position + 2] = "</span></span>"
    return "".join(parts)


# How the sanitiser stores a passage's tags, and any span tag at all, to find them by.
STORED_OPENING = f'<span class="{SPOILER_CLASS}">'
_STORED_SPAN = re.compile(r"(<span\b[^>]*>|</span\s*>)", re.IGNORECASE)


def _in_stored_form(tags: list[str]) -> bool:
    """True when the span tags are passages as stored: opened as `STORED_OPENING`, closed,
    one after another, none nested and no other span."""
    opening, closing = tags[0::2], tags[1::2]
    return (
        len(opening) == len(closing)
        and all(tag == STORED_OPENING for tag in opening)
        and all(tag == "</span>" for tag in closing)
    )


# Stored text has no raw "<" but in tags (`SpanRewriter` escapes the rest), so these find
# tags without parsing it.
_LINK_OPENING = re.compile(r"<a\b")
_INLINE_TAGS_ONLY = re.compile(r'(?:</?(?:a|strong|b|em|i|s)(?:\s+[\w-]+(?:="[^"]*")?)*\s*>)*')


def _passages_in_place(parts: list[str]) -> bool:
    """True when, in text split at its passages' tags as stored, no passage is inside a link
    (its control would be too) and none goes on from the one before it with only tags between
    (one passage would be two controls)."""
    links = 0
    for position in range(0, len(parts) - 1, 4):  # the text before each passage, then the passage
        if position and _INLINE_TAGS_ONLY.fullmatch(parts[position]):
            return False
        links += _opened_links(parts[position])
        if links:
            return False
        links += _opened_links(parts[position + 2])
    return True


def _opened_links(text: str) -> int:
    return len(_LINK_OPENING.findall(text)) - text.count("</a>")


def _reveal_control(control: str) -> str:
    """The opening of a passage as readers get it, up to its hidden text.

    The text is `hidden`, which the stylesheet overrides once the box is checked: a page
    without its stylesheet (one that never arrived, a reading mode, a text browser) hides the
    passage rather than giving it away. "Hide spoiler" is the script's button's alone, and
    `hidden`: the box keeps the one name, "Show spoiler", its state saying whether it shows.
    """
    return (
        f'<span class="spoiler" data-nosnippet>'
        f'<input type="checkbox" role="switch" class="spoiler__toggle" id="{control}" '
        f'aria-controls="{control}-text">'
        f'<label class="spoiler__label" for="{control}">'
        f'<span class="spoiler__show">Show spoiler</span>'
        f'<span class="spoiler__hide" hidden>Hide spoiler</span></label>'
        f'<span class="spoiler__text" id="{control}-text" hidden>'
    )


class SpanRewriter(HTMLParser):
    """Re-serialises sanitised HTML, treating `<span class="spoiler">` as the only span.

    Modes: "unwrap" drops any other span's tags (keeping its text), "strip" drops spoiler
    passages, "collect" records their text.
    """

    def __init__(self, *, mode: str):
        super().__init__(convert_charrefs=True)
        self.mode = mode
        self.parts: list[str] = []
        self.spans: list[bool] = []  # open spans: True for spoilers
        self.passages: list[str] = []
        self.placeholder = " "

    @classmethod
    def run(cls, html: str, *, mode: str) -> str:
        return cls(mode=mode).feed_all(html).output()

    def feed_all(self, html: str) -> "SpanRewriter":
        self.feed(html)
        self.close()
        return self

    def output(self) -> str:
        return "".join(self.parts)

    @property
    def in_spoiler(self) -> bool:
        return any(self.spans)

    def emit(self, text: str) -> None:
        if not (self.mode == "strip" and self.in_spoiler):
            self.parts.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not dict(attrs).get("src"):
            return  # a picture from elsewhere, its address dropped by the sanitiser
        if tag != "span":
            self.emit(_start_tag(tag, attrs))
            return
        classes = (dict(attrs).get("class") or "").split()
        is_spoiler = SPOILER_CLASS in classes
        self.spans.append(is_spoiler)
        if not is_spoiler or self.spans.count(True) > 1:
            return  # a plain span, or a spoiler inside a spoiler: keep only the text
        if self.mode == "unwrap":
            self.emit(f'<span class="{SPOILER_CLASS}">')
        elif self.mode == "collect":
            self.passages.append("")

    def handle_endtag(self, tag):
        if tag != "span":
            self.emit(f"</{tag}>")
            return
        if not self.spans:
            return
        was_spoiler = self.spans.pop()
        if not was_spoiler or self.spans.count(True) > 0:
            return
        if self.mode == "unwrap":
            self.emit("</span>")
        elif self.mode == "collect":
            self.passages[-1] = " ".join(self.passages[-1].split())
        elif self.mode == "strip":
            self.parts.append(self.placeholder)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "span":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.mode == "collect" and self.in_spoiler:
            self.passages[-1] += data
        self.emit(escape(data, quote=False))


# The marks the editor puts on words. A passage is stored outside them all, so that a reader's
# control to reveal it is never inside a link, and one passage is one span however many marks
# its words carry. `_PASSAGE` stands for it among the marks open around a piece of text.
_INLINE_MARKS = {"a", "strong", "b", "em", "i", "s", "sup", "sub"}
INLINE_VOIDS = {"br", "img"}
_VOID_TAGS = INLINE_VOIDS | {"hr", "wbr", "input", "area", "col", "embed", "source", "track"}
_PASSAGE = (0, "span", STORED_OPENING)


class PassageMover(HTMLParser):
    """Re-serialises sanitised HTML with each spoiler passage outside the marks on its words.

    Inline marks and passages are opened only around the text they apply to, from the outside
    in: the passage, then the marks in the order they were opened. Adjacent text in a passage
    shares its span, so pieces parted only by tags (a linked word, a bold one) are one passage,
    and a mark that holds blocks is moved into them. Space alone, or a line break, opens
    nothing: it never starts a passage of its own, nor joins two.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.marks: list[tuple[int, str, str]] = []  # open in the source: number, tag, start tag
        self.spans: list[bool] = []  # open in the source: True for spoilers
        self.blocks: list[tuple[str, int, int]] = []  # tag, and marks and spans open before it
        self.written: list[tuple[int, str, str]] = []  # open in the output, outermost first
        self.count = 0

    @classmethod
    def run(cls, html: str) -> str:
        mover = cls()
        mover.feed(html)
        mover.close()
        mover.write_marks([])
        mover.parts.extend(f"</{block}>" for block, _, _ in reversed(mover.blocks))
        return "".join(mover.parts)

    def wanted(self) -> list[tuple[int, str, str]]:
        return ([_PASSAGE] if any(self.spans) else []) + self.marks

    def write_marks(self, wanted: list[tuple[int, str, str]], *, open_new: bool = True) -> None:
        kept = 0
        while kept < min(len(self.written), len(wanted)) and self.written[kept] == wanted[kept]:
            kept += 1
        self.parts.extend(f"</{tag}>" for _, tag, _ in reversed(self.written[kept:]))
        self.written = self.written[:kept]
        if open_new:
            self.parts.extend(start for _, _, start in wanted[kept:])
            self.written = list(wanted)

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not dict(attrs).get("src"):
            return  # a picture from elsewhere, its address dropped by the sanitiser
        if tag == "span":
            self.spans.append(SPOILER_CLASS in (dict(attrs).get("class") or "").split())
        elif tag in _INLINE_MARKS:
            self.count += 1
            self.marks.append((self.count, tag, _start_tag(tag, attrs)))
        elif tag in INLINE_VOIDS:
            self.write_marks(self.wanted(), open_new=tag != "br")
            self.parts.append(_start_tag(tag, attrs))
        else:
            self.write_marks([])
            self.parts.append(_start_tag(tag, attrs))
            if tag not in _VOID_TAGS:
                self.blocks.append((tag, len(self.marks), len(self.spans)))

    def handle_endtag(self, tag):
        # What the innermost block did not open, its end tags do not close.
        _, outer_marks, outer_spans = self.blocks[-1] if self.blocks else ("", 0, 0)
        if tag == "span":
            if len(self.spans) > outer_spans:
                self.spans.pop()
        elif tag in _INLINE_MARKS:
            for index in range(len(self.marks) - 1, outer_marks - 1, -1):
                if self.marks[index][1] == tag:
                    del self.marks[index]
                    break
        elif any(block == tag for block, _, _ in self.blocks):
            self.write_marks([])
            while True:  # closing any block left open inside it too
                block, marks, spans = self.blocks.pop()
                self.parts.append(f"</{block}>")
                del self.marks[marks:], self.spans[spans:]
                if block == tag:
                    break

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_data(self, data):
        self.write_marks(self.wanted(), open_new=not data.isspace())
        self.parts.append(escape(data, quote=False))


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    rendered = "".join(
        f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs
    )
    return f"<{tag}{rendered}>"
