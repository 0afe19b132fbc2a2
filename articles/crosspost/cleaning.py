"""Turning a piece pasted from LinkedIn, Medium or a newspaper site into clean article HTML.

What a browser puts on the clipboard is the page, not the piece: reaction counts, "See more",
"Like · Comment · Share", follower counts, hashtag trailers, redirect and tracking links, images
and markup of every kind. `clean_paste` keeps what the author wrote (paragraphs, headings, lists,
links, bold and italic, quotes, inline spoilers) and reports what it removed, so staff can check.
It also reads the lines that say what the piece is: a headline (with a kind label such as
"Op-ed:"), a "(Warning: …)" line and a date shown above the piece.

Pure functions of their input: no database, no network. The result is sanitised last by
`newsroom.richtext.sanitize_html`, the one sanitiser every stored body goes through.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape, unescape
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.crosspost import origins
from articles.models import ArticleKind
from newsroom.richtext import SPOILER_CLASS, sanitize_html

HEADLINE_CHARS = 200

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
# Classes that hide text from sighted readers; the visible copy of that text is kept elsewhere.
HIDDEN_CLASSES = {"visually-hidden", "sr-only", "screen-reader-text", "a11y-text", "hidden"}
MAX_DEPTH = 100
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
PARAGRAPHS = {"p", "pre", "address", "dt", "dd", "figcaption", "caption", "summary"}
INLINE = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "cite": "em",
    "s": "s",
    "strike": "s",
    "del": "s",
}
LISTS = {"ul", "ol"}

_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b\u2009\u202f]+")
_EMPTY_INLINE = re.compile(r"<(strong|em|s|a|span)\b[^>]*>(\s|<br>)*</\1>")
_EDGE_BREAKS = re.compile(r"^(\s|<br>)+|(\s|<br>)+$")


@dataclass
class Block:
    """One paragraph, heading, list, quote or rule of the piece; `html` is its inner HTML."""

    tag: str
    html: str = ""
    items: list[str] = field(default_factory=list)
    # Plain text only: the paragraph a line belongs to.
    group: int = 0

    @property
    def text(self) -> str:
        inner = self.html if self.tag not in LISTS else " ".join(self.items)
        return " ".join(unescape(strip_tags(inner.replace("<br>", " "))).split())

    def render(self) -> str:
        if self.tag == "hr":
            return "<hr>"
        if self.tag in LISTS:
            return f"<{self.tag}>{''.join(f'<li>{item}</li>' for item in self.items)}</{self.tag}>"
        return f"<{self.tag}>{self.html}</{self.tag}>"


class Report:
    """What the cleaner removed or moved, as sentences for the person who pasted."""

    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.chrome: list[str] = []
        self.hashtags: list[str] = []
        self.topics: list[str] = []
        # Text of links to the platform's hashtag and topic pages.
        self.tag_texts: set[str] = set()
        self.moved: list[str] = []

    def count(self, what: str, number: int = 1) -> None:
        self.counts[what] += number

    def removed_chrome(self, text: str) -> None:
        label = Truncator(text).chars(40)
        if label not in self.chrome:
            self.chrome.append(label)

    def notes(self) -> list[str]:
        notes = list(self.moved)
        if self.chrome:
            shown = ", ".join(f"“{label}”" for label in self.chrome[:6])
            more = f" and {len(self.chrome) - 6} more" if len(self.chrome) > 6 else ""
            notes.append(f"Removed platform chrome: {shown}{more}.")
        if self.counts["header"]:
            notes.append("Removed the author's name, title and date shown above the piece.")
        if self.counts["trailer"]:
            notes.append("Removed what the platform showed after the piece (comments, more posts).")
        if self.hashtags:
            notes.append(f"Removed the hashtags at the end: {' '.join(self.hashtags)}.")
        if self.topics:
            notes.append(f"Removed the platform's topic tags: {', '.join(self.topics)}.")
        phrases = {
            "scripts": ("Removed scripts and styles.", None),
            "images": ("Removed %d image: add pictures in the editor.", "images"),
            "embeds": ("Removed %d embedded player or frame.", "embedded players or frames"),
            "controls": ("Removed %d button, form or menu.", "buttons, forms or menus"),
            "redirects": ("Replaced %d redirect link with the page it leads to.", None),
            "tracking": ("Removed tracking parameters from %d link.", None),
            "tag links": ("Turned %d hashtag link into plain text.", None),
            "unsafe links": ("Removed %d link that was not a web address.", None),
            "short links": ("Kept %d shortened link (lnkd.in, t.co…): check where it leads.", None),
            "empty": ("Removed %d empty paragraph or element.", None),
        }
        for key, (sentence, _) in phrases.items():
            number = self.counts[key]
            if not number:
                continue
            if "%d" not in sentence:
                notes.append(sentence)
            else:
                notes.append(_plural(sentence, number))
        return notes


def _plural(sentence: str, number: int) -> str:
    text = sentence % number
    if number == 1:
        return text
    replacements = {
        " image:": " images:",
        " player or frame": " players or frames",
        " button, form or menu": " buttons, forms or menus",
        " redirect link with the page it leads to": " redirect links with the pages they lead to",
        " link.": " links.",
        " hashtag link into": " hashtag links into",
        " link that was not a web address": " links that were not web addresses",
        " shortened link (lnkd.in, t.co…): check where it leads": " shortened links (lnkd.in, "
        "t.co…): check where they lead",
        " paragraph or element": " paragraphs or elements",
    }
    for singular, plural in replacements.items():
        text = text.replace(singular, plural)
    return text


# Links --------------------------------------------------------------------------------------

# Redirectors that carry the real address in a query parameter.
REDIRECTORS = {
    ("linkedin.com", "/redir/redirect"): "url",
    ("linkedin.com", "/safety/go"): "url",
    ("medium.com", "/r/"): "url",
    ("google.com", "/url"): "q",
    ("facebook.com", "/l.php"): "u",
}
# Shorteners whose target cannot be known without following them, which we never do.
SHORTENERS = {"lnkd.in", "t.co", "bit.ly", "buff.ly", "ow.ly", "tinyurl.com", "dlvr.it"}
_TAG_PATH = re.compile(r"/(feed/hashtag|hashtag|tag|tags|topic|topics)(/|$|\?)", re.I)


def _unwrap_redirect(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for (domain, path), param in REDIRECTORS.items():
        matches_host = host == domain or host.endswith("." + domain)
        if matches_host and parts.path.rstrip("/") == path.rstrip("/"):
            target = parse_qs(parts.query).get(param, [""])[0]
            if target.startswith(("http://", "https://")):
                return target
    return None


def clean_link(href: str, *, base_url: str, text: str, report: Report) -> str | None:
    """The address a pasted link should keep, or None to keep only its text."""
    href = (href or "").strip()
    if href.lower().startswith("mailto:"):
        return href
    if text.startswith("#") or _TAG_PATH.search(href):
        report.count("tag links")
        report.tag_texts.add(text)
        return None
    if href.startswith("#") or not href:
        return None
    absolute = urljoin(base_url, href) if base_url else href
    if not absolute.lower().startswith(("http://", "https://")):
        report.count("unsafe links")
        return None
    if (target := _unwrap_redirect(absolute)) is not None:
        report.count("redirects")
        absolute = target
    cleaned = origins.clean_url(absolute)
    if cleaned != absolute.strip():
        report.count("tracking")
    if (urlsplit(cleaned).hostname or "").lower().removeprefix("www.") in SHORTENERS:
        report.count("short links")
    return cleaned


# HTML to blocks ----------------------------------------------------------------------------


def _is_hidden(node: Tag) -> bool:
    if node.get("aria-hidden") == "true" or node.has_attr("hidden"):
        return True
    classes = set(node.get("class") or [])
    return bool(classes & HIDDEN_CLASSES)


def _style_marks(node: Tag) -> list[str]:
    """Bold and italic set by inline styles, as editors like Google Docs paste them."""
    style = (node.get("style") or "").replace(" ", "").lower()
    marks = []
    if re.search(r"font-weight:(bold|[6-9]00)", style):
        marks.append("strong")
    if "font-style:italic" in style:
        marks.append("em")
    return marks


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
        self.inline: list[str] = []
        self.open: list[str] = []
        self.breaks = 0

    def run(self, root) -> list[Block]:
        self.walk_children(root)
        self.flush()
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
        if name in DROPPED:
            self.report.count(DROPPED[name])
            return
        if _is_hidden(node):
            return
        if name == "br":
            self.add_break()
        elif name == "hr":
            self.flush()
            self.blocks.append(Block("hr"))
        elif name in HEADINGS or name in PARAGRAPHS or name in {"li", "tr"}:
            self.flush()
            produced = len(self.blocks) + len(self.items or ())
            self.walk_children(node)
            self.flush(HEADINGS.get(name, "p"))
            if len(self.blocks) + len(self.items or ()) == produced:
                self.report.count("empty")
        elif name in LISTS:
            self.walk_list(node)
        elif name == "blockquote":
            self.walk_quote(node)
        elif name == "a":
            self.walk_link(node)
        elif name == "span" and SPOILER_CLASS in (node.get("class") or []):
            self.walk_spoiler(node)
        elif name in INLINE:
            self.walk_inline(node, [INLINE[name]])
        elif marks := _style_marks(node):
            self.walk_inline(node, marks)
        elif name in {"td", "th"}:
            self.walk_children(node)
            self.add_text(" ")
        else:
            # Containers (div, section, article…) and unknown inline elements: their content.
            block_like = name in {"div", "section", "article", "main", "header", "body", "html"}
            if block_like:
                self.flush()
            self.walk_children(node)
            if block_like:
                self.flush()

    def add_text(self, text: str) -> None:
        text = _SPACE.sub(" ", text).replace("hashtag#", "#")
        if not text:
            return
        if text.strip():
            self.breaks = 0
        elif not self.inline or self.inline[-1].endswith((" ", "<br>")):
            return
        self.inline.append(escape(text, quote=False))

    def add_break(self) -> None:
        self.breaks += 1
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
        outer, self.items = self.items, []
        self.walk_children(node)
        self.flush()
        items, self.items = self.items, outer
        if not items:
            return
        if outer is not None:
            outer.extend(items)  # a nested list joins its parent's items
        else:
            self.blocks.append(Block(node.name.lower(), items=items))

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
        html = _tidy_inline("".join(self.inline) + closing)
        if html:
            if self.items is not None:
                self.items.append(html)
            else:
                self.blocks.append(Block(tag, html))
        self.inline = list(self.open)
        self.breaks = 0


def _tag_name(open_html: str) -> str:
    return re.match(r"<(\w+)", open_html).group(1)


def _tidy_inline(html: str) -> str:
    previous = None
    while previous != html:
        previous = html
        html = _EMPTY_INLINE.sub("", html)
        html = _EDGE_BREAKS.sub("", html)
    html = html.strip()
    return html if strip_tags(html).strip() else ""


def blocks_from_html(html: str, *, base_url: str = "", report: Report) -> list[Block]:
    soup = BeautifulSoup(html, "html.parser")
    return _Flattener(base_url=base_url, report=report).run(soup)


# Plain text to blocks ----------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*•–·▪◦]|\d{1,2}[.)])\s+(?P<item>.+)$")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")


def _linkify(text: str, *, report: Report) -> str:
    """Escape `text` and turn the web addresses in it into links, cleaned of tracking."""
    parts, last = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group(0).rstrip(".,;:!?)”’\"'")
        end = match.start() + len(url)
        parts.append(escape(text[last : match.start()], quote=False))
        href = clean_link(url, base_url="", text=url, report=report)
        label = escape(href or url, quote=False)
        parts.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        last = end
    parts.append(escape(text[last:], quote=False))
    return "".join(parts).replace("hashtag#", "#")


def blocks_from_lines(paragraphs: Sequence[Sequence[str]], *, report: Report) -> list[Block]:
    """Blocks from paragraphs given as lists of lines: bullet lines become lists."""
    blocks: list[Block] = []
    for lines in paragraphs:
        run: list[str] = []
        for line in lines:
            bullet = _BULLET.match(line)
            if bullet:
                tag = "ol" if line.strip()[0].isdigit() else "ul"
                if run:
                    blocks.append(Block("p", "<br>".join(run)))
                    run = []
                item = _linkify(bullet["item"].strip(), report=report)
                if blocks and blocks[-1].tag == tag and blocks[-1].items and not run:
                    blocks[-1].items.append(item)
                else:
                    blocks.append(Block(tag, items=[item]))
                continue
            run.append(_linkify(" ".join(line.split()), report=report))
        if run:
            blocks.append(Block("p", "<br>".join(run)))
    return blocks


# Platform chrome ---------------------------------------------------------------------------

_ACTIONS = (
    r"like|liked|comment|comments|repost|reposts|send|share|reply|follow|following|\+ ?follow|"
    r"unfollow|listen|save|saved|subscribe|subscribed|sign in|sign up|log in|join now|connect|"
    r"message|copy link|report this (?:article|post)|open in app|get the app|write|clap|"
    r"celebrate|support|love|insightful|funny|curious|see translation|translate|edited"
)
_COUNTED = (
    r"reactions?|likes?|comments?|reposts?|shares?|followers?|following|claps?|responses?|"
    r"views?|impressions?|subscribers?|connections?|reads?|readers?|members?|replies|reply"
)
# Possessive quantifiers: a run of digits or spaces is read one way only, so a long line of
# them cannot make the match backtrack exponentially.
_NUMBER = r"\d[\d.,]*+(?:[kKmM](?![a-z]))?\+?"
_SEP = r"\s*+(?:[·•|]\s*+)?"
CHROME_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?:(?:{_ACTIONS}){_SEP})+$",
        rf"^(?:(?:{_NUMBER}\s*(?:{_COUNTED})|{_NUMBER}){_SEP})+$",
        rf"^.{{1,80}} and {_NUMBER} others?$",
        r"^(?:…|\.\.\.)?\s*(?:see|show|read) (?:more|less)$",
        r"^(?:…|\.\.\.)?\s*more$",
        r"^[-–—·•|]+$",
        r"^\d+\s*min(?:ute)?s? read$",
        r"^(?:member-only story|top highlight|promoted|sponsored|pinned)$",
        r"^(?:•\s*)?(?:1st|2nd|3rd\+?)$",
        r"^\d+\s*(?:s|m|h|d|w|mo|y|yr)\s*(?:[·•]\s*(?:edited\s*)?)*(?:[·•]\s*)?$",
        r"^responses?\s*\(\d+\)$",
        r"^(?:sign in|sign up|create your free account).{0,80}$",
        r"^(?:view|see) (?:profile|more (?:posts|articles))$",
    )
]
# A block starting like this ends the piece: what follows is the platform's, not the author's.
TRAILER_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^more articles by\b",
        r"^more from\b",
        r"^written by\b",
        r"^recommended from medium\b",
        r"^to view or add a comment, sign in\b",
        r"^others also viewed\b",
        r"^explore topics\b",
        r"^sign in to view more content\b",
        r"^sign up to discover human stories\b",
        r"^(?:help\s+)?status\s+about\s+careers\b",
        r"^insights from the community\b",
        r"^more relevant posts\b",
        # The reactions bar under a post: "Marcus Ellis and 342 others", "128 reactions".
        rf"^.{{1,80}}? and {_NUMBER} others?",
        rf"^{_NUMBER}\s*(?:reactions?|likes?|claps?)\b",
        r"^like\s*[·•]?\s*comment\b",
    )
]
_HASHTAG = r"#[^\W\d_][\w-]*"
# Hashtags at the end of a paragraph, matched on the reversed text: anchored at its start, the
# match takes time in proportion to the run, however long the paragraph.
_REVERSED_HASHTAG_RUN = re.compile(r"\s*+(?:[\w-]*?[^\W\d_]#(?=\s|$)\s*+)+")
_ONLY_HASHTAGS = re.compile(rf"^(?:{_HASHTAG}\s*)+$")
_SEE_MORE_SUFFIX = re.compile(r"\s*(?:…|\.\.\.)\s*(?:see|show) more\s*$", re.I)
_PUBLISHED_LINE = re.compile(r"^(?:published|posted|updated)(?: on)?\s+(?P<date>.+)$", re.I)


def is_chrome(text: str) -> bool:
    return any(pattern.match(text) for pattern in CHROME_PATTERNS)


def _is_chrome_item(item_html: str, report: Report) -> bool:
    text = " ".join(unescape(strip_tags(item_html)).split())
    if is_chrome(text):
        report.removed_chrome(text)
        return True
    return False


def _is_topic_line(text: str, report: Report) -> bool:
    """A line made only of links to the platform's topic pages (Medium's tag pills)."""
    if not text or text.startswith("#") or text not in report.tag_texts:
        return False
    report.topics.append(text)
    return True


def _date_line(text: str) -> date | None:
    """The date a header line gives ("Jan 14, 2025", "Published Jan 14, 2025", "6 min read ·
    Jan 14, 2025"), if it gives one."""
    for part in re.split(r"[·•|]", text):
        candidate = part.strip()
        if match := _PUBLISHED_LINE.match(candidate):
            candidate = match["date"]
        if found := origins.parse_date(candidate):
            return found
    return None


def _is_author_line(text: str, author_names: Sequence[str]) -> bool:
    lowered = text.casefold()
    for name in author_names:
        name = name.casefold().strip()
        if not name:
            continue
        if lowered in {name, f"by {name}", f"written by {name}", f"published by {name}"}:
            return True
        if lowered.startswith(name) and re.match(r"^\s*[·•|,]", lowered[len(name) :]):
            return True
    return False


def remove_chrome(
    blocks: list[Block], *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None]:
    """Drop the platform's own lines around and inside the piece; returns the blocks left and
    a date found among the lines above it."""
    kept: list[Block] = []
    for block in blocks:
        if block.tag == "p" and _SEE_MORE_SUFFIX.search(block.html):
            block.html = _SEE_MORE_SUFFIX.sub("", block.html)
            report.removed_chrome("…see more")
        text = block.text
        if block.tag != "hr" and any(p.match(text) for p in TRAILER_PATTERNS) and kept:
            report.count("trailer")
            break
        if block.tag in {"p", "h2", "h3", "h4"} and is_chrome(text):
            report.removed_chrome(text)
            continue
        if block.tag in LISTS:
            block.items = [item for item in block.items if not _is_chrome_item(item, report)]
            if not block.items:
                continue
        if block.tag == "p" and _is_topic_line(text, report):
            continue
        kept.append(block)

    found_date = _remove_header(kept, author_names=author_names, report=report)
    _remove_hashtag_trailer(kept, report=report)
    while kept and kept[-1].tag == "hr":
        kept.pop()
    while kept and kept[0].tag == "hr":
        kept.pop(0)
    return kept, found_date


HEADER_ZONE = 8


def _remove_header(blocks: list[Block], *, author_names: Sequence[str], report: Report):
    """Lines above the piece naming its author and date, with what sits between them (their
    title on the platform), are the platform's byline: drop them, keep the date."""
    markers, found_date, after_name = [], None, False
    for index, block in enumerate(blocks[:HEADER_ZONE]):
        if block.tag in LISTS or block.tag == "blockquote":
            break
        text = block.text
        when = _date_line(text)
        is_name = _is_author_line(text, author_names)
        # Right under the name, platforms show the author's own headline ("Co-CEO at …").
        is_title = after_name and len(text) <= 100 and not text.endswith((".", "!", "?", ":"))
        if when or is_name or is_title:
            markers.append(index)
            found_date = found_date or when
        elif markers and len(text) > 120:
            break  # the piece has started
        after_name = is_name
    if not markers:
        return None
    first, last = markers[0], markers[-1]
    if last - first > 4:
        last = first
    del blocks[first : last + 1]
    report.count("header")
    return found_date


def _remove_hashtag_trailer(blocks: list[Block], *, report: Report) -> None:
    while blocks and blocks[-1].tag == "p" and _ONLY_HASHTAGS.match(blocks[-1].text):
        report.hashtags[:0] = blocks.pop().text.split()
    if not blocks or blocks[-1].tag != "p":
        return
    last = blocks[-1]
    match = _REVERSED_HASHTAG_RUN.match(last.html[::-1])
    if not match:
        return
    start = len(last.html) - match.end()
    if strip_tags(last.html[:start]).strip():
        report.hashtags[:0] = last.html[start:].split()
        last.html = _tidy_inline(last.html[:start])


def blocks_from_text(
    text: str, *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None]:
    """Blocks from plain text, and a date found above the piece.

    Paragraphs are separated by blank lines (line breaks inside one are kept), or, in text with
    no blank line at all, one paragraph per line. Platform chrome is removed line by line first:
    a copied post puts the author's name, title and "2d • Edited" on lines of one paragraph.
    """
    raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while raw and not raw[-1]:
        raw.pop()
    while raw and not raw[0]:
        raw.pop(0)
    has_blank_lines = any(not line for line in raw)
    lines, group = [], 0
    for line in raw:
        if not line:
            group += 1
            continue
        lines.append(Block("p", escape(line, quote=False), group=group))
        if not has_blank_lines:
            group += 1
    lines, found_date = remove_chrome(lines, author_names=author_names, report=report)
    paragraphs: list[list[str]] = []
    previous = None
    for line in lines:
        if line.group != previous:
            paragraphs.append([])
            previous = line.group
        paragraphs[-1].append(unescape(strip_tags(line.html)))
    return blocks_from_lines(paragraphs, report=report), found_date


# What the piece says about itself ----------------------------------------------------------

KIND_LABELS = {label.casefold(): value for value, label in ArticleKind.choices} | {
    "op ed": ArticleKind.OP_ED,
    "oped": ArticleKind.OP_ED,
    "opinion": ArticleKind.OP_ED,
    "press": ArticleKind.PRESS_RELEASE,
}
_KIND_PREFIX = re.compile(r"^(?P<label>[A-Za-z][A-Za-z -]{1,20}?)\s*[:|–—]\s+(?P<rest>\S.*)$")
_WARNING = re.compile(
    r"^\(?\s*(?:content |spoiler |trigger )?warning\s*[:–—-]\s*(?P<text>.+?)\s*\)?\.?$", re.I
)
_SPOILER_ALERT = re.compile(r"^\(?\s*spoiler alert\s*[:!–—-]?\s*(?P<text>.*?)\s*\)?\.?$", re.I)


def split_kind_label(headline: str) -> tuple[str, str]:
    """`Op-ed: What a TV show…` → ("op-ed", "What a TV show…"); no known label → ("", headline)."""
    headline = " ".join(headline.split())
    if match := _KIND_PREFIX.match(headline):
        kind = KIND_LABELS.get(match["label"].strip().casefold())
        if kind:
            return kind, match["rest"]
    return "", headline


def parse_warning(text: str) -> str | None:
    """The text of a warning line: "(Warning: contains spoilers…)" → "contains spoilers…"."""
    text = " ".join(text.split())
    if match := _WARNING.match(text):
        return match["text"].strip()
    if match := _SPOILER_ALERT.match(text):
        return match["text"].strip() or "contains spoilers"
    return None


@dataclass
class CleanedPiece:
    body: str
    headline: str = ""
    # A subtitle shown under the headline (Medium's), a ready-made summary.
    dek: str = ""
    kind: str = ""
    warning: str = ""
    published_on: date | None = None
    notes: list[str] = field(default_factory=list)


def _split_first_line(block: Block) -> tuple[str, str]:
    """The first line of a paragraph as text, and the HTML of the lines after it."""
    first, _, rest = block.html.partition("<br>")
    return " ".join(unescape(strip_tags(first)).split()), rest.strip()


def _take_line(blocks: list[Block], index: int) -> str:
    """Remove the first line of `blocks[index]` (the whole block when it has one line)."""
    line, rest = _split_first_line(blocks[index])
    if rest and strip_tags(rest).strip():
        blocks[index].html = _tidy_inline(rest)
    else:
        del blocks[index]
    return line


def take_front_matter(
    blocks: list[Block], *, headline: str, report: Report
) -> tuple[str, str, str, str]:
    """Read (and remove) the warning line, headline, kind label and subtitle at the top."""
    warning, dek = "", ""
    for index, block in enumerate(blocks[:3]):
        if block.tag == "p" and (found := parse_warning(_split_first_line(block)[0])):
            _take_line(blocks, index)
            warning = found
            report.moved.append(f"Moved “(Warning: {warning})” into the warnings.")
            break
    text_blocks = {"p", "h2", "h3", "h4"}
    if headline:
        # The headline was typed and the paste may repeat it: keep it once.
        if blocks and blocks[0].tag in text_blocks:
            first = split_kind_label(_split_first_line(blocks[0])[0])[1]
            if first.casefold() == split_kind_label(headline)[1].casefold():
                _take_line(blocks, 0)
    elif blocks and blocks[0].tag in text_blocks:
        from_heading = blocks[0].tag != "p"
        first = _split_first_line(blocks[0])[0]
        if len(first) <= HEADLINE_CHARS:
            _take_line(blocks, 0)
            report.moved.append("Took the headline from the first line.")
            if from_heading and blocks and blocks[0].tag != "p" and len(blocks[0].text) <= 300:
                dek = blocks.pop(0).text
                report.moved.append("Took the summary (dek) from the subtitle.")
        else:
            report.moved.append(
                "Took the headline from the start of the first paragraph, which stays in the "
                "text: shorten it in the change form."
            )
        headline = Truncator(first).chars(HEADLINE_CHARS)
    kind, headline = split_kind_label(headline)
    if kind:
        label = ArticleKind(kind).label
        report.moved.append(f"Set the kind to {label} from the “{label}:” label.")
    return headline, kind, warning, dek


def clean_paste(
    *,
    html: str = "",
    text: str = "",
    base_url: str = "",
    author_names: Sequence[str] = (),
    headline: str = "",
) -> CleanedPiece:
    """Clean a pasted piece: HTML from the clipboard when there is any, else plain text."""
    report = Report()
    if html.strip():
        blocks = blocks_from_html(html, base_url=base_url, report=report)
        blocks, found_date = remove_chrome(blocks, author_names=author_names, report=report)
    else:
        blocks, found_date = blocks_from_text(text, author_names=author_names, report=report)
    headline, kind, warning, dek = take_front_matter(
        blocks, headline=" ".join(headline.split()), report=report
    )
    if found_date:
        report.moved.append(
            f"Found the original date ({origins.display_date(found_date)}) above the piece."
        )
    body = sanitize_html("".join(block.render() for block in blocks))
    return CleanedPiece(
        body=body,
        headline=headline,
        dek=dek,
        kind=kind,
        warning=warning,
        published_on=found_date,
        notes=report.notes(),
    )
