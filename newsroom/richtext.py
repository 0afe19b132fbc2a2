"""Rich text: the one sanitiser and the model field that applies it; spoiler passages in it are
marked, rendered and cut out by `newsroom.spoiler_markup`.

Everything an editor writes as rich text (article bodies, introductions, site pages) is stored as
HTML cleaned by `sanitize_html` when it is saved, whatever path it took to get there: the admin
form, an import, a script; its links without tracking (`tracking.cleaned_link`). Templates may
then mark it safe, and nothing else.
"""

import re
from html import unescape
from urllib.parse import unquote

import nh3
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

from newsroom import tracking
from newsroom.nesting import refuse_deep_nesting
from newsroom.preformatted import PREFORMATTED, lines_kept
from newsroom.spoiler_markup import (
    INLINE_VOIDS,
    SPOILER_CLASS,
    STORED_OPENING,
    PassageMover,
    SpanRewriter,
)
from newsroom.text import strip_control_characters

# What the admin editor can produce. Kept in step with ALLOWED_TAGS by a test, so the editor
# never offers something the sanitiser would silently remove.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    # mc², H₂O and footnote markers: words the text would otherwise run into their numbers.
    "Superscript": True,
    "Subscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Spoiler": True,
    # A picture with its alt text and caption, chosen from the site's own pictures ("Browse…")
    # or by its address on this site: the editor's "Insert figure" button, no HTML to type.
    "Figure": {"pickerUrl": reverse_lazy("admin:richtext_pictures")},
    "Image": True,
    "Caption": True,
}

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "cite",
    "s",
    "strike",
    "del",
    "sup",
    "sub",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "a",
    "span",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start", "type"},
    "img": {"src", "alt", "width", "height"},
}
# The editor's figure and caption carry one class each.
ALLOWED_CLASSES = {"figure": {"figure"}, "figcaption": {"figure-caption"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# How a numbered list counts besides 1, 2, 3 (HTML's `type`): the editor keeps these and writes
# none for numbers, so neither does the sanitiser.
LIST_NUMBERINGS = {"a", "A", "i", "I"}
# The numbers a numbered list may start at, besides 1, which is where it starts anyway (the
# editor writes no `start` for it either). Letters and numerals count from 1, and no piece
# needs a list past a few thousand; anything else ("x", "-2", twenty digits) is dropped.
LIST_STARTS = range(2, 10_000)


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    allowed_classes={"span": {SPOILER_CLASS}} | ALLOWED_CLASSES,
    attribute_filter=lambda tag, name, value: _keep_attribute(tag, name, value),
)


# Blocks the allow-list leaves out. nh3 would drop their tags with nothing in their place,
# running the last word of one into the first of the next ("<div>One</div><div>Two</div>" is
# "OneTwo"), so before it they become what the editor has: headings the nearest level kept,
# containers (their tags, not their text) paragraphs (`_blocks_as_paragraphs`).
_HEADINGS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "center",
    "hgroup", "details", "summary", "fieldset", "legend", "pre", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
}  # fmt: skip
_MAPPED_BLOCK = re.compile(rf"<(?:{'|'.join(_HEADINGS.keys() | _CONTAINERS)})\b", re.IGNORECASE)

# The sanitiser's first pass for text with such blocks: the same rules, those blocks kept
# (bare, without attributes), so that they are found by their tags alone.
_block_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS | _HEADINGS.keys() | _CONTAINERS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    allowed_classes={"span": {SPOILER_CLASS}} | ALLOWED_CLASSES,
    attribute_filter=lambda tag, name, value: _keep_attribute(tag, name, value),
)


def own_picture(src: str) -> bool:
    """True for an address among this site's uploads: pages load pictures from nowhere else
    (their CSP refuses it), and a picture from elsewhere would tell its host who reads what."""
    media = str(settings.MEDIA_URL)
    return src.startswith(media) and ".." not in src and "\\" not in src


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "ol" and name == "type":
        return value if value in LIST_NUMBERINGS else None
    if tag == "ol" and name == "start":
        return list_start(value)
    if tag != "img":
        return tracking.cleaned_link(value) if name == "href" else value
    if name == "src":
        return value if own_picture(value) else None
    if name in ("width", "height"):
        return value if value.isdigit() and len(value) <= 5 else None
    return value


def list_start(value: str) -> str | None:
    """A list's `start` as the editor writes it back ("007" is "7"), or None to drop it."""
    digits = value.strip().lstrip("0")
    # Its length first: Python refuses to read a number of thousands of digits.
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 4):
        return None
    return digits if int(digits) in LIST_STARTS else None


# Bold, italic and strike-through as the editor writes them, and as a paste makes them: `<b>`
# is stored as `<strong>`, `<i>` and a cited title's `<cite>` as `<em>`, and `<strike>` and
# `<del>` as `<s>`, so that the same text is the same body whichever way it came and an
# editor's saving a piece unchanged changes nothing. Each keeps what attributes it has, which
# the rules for the others allow alike (nh3's `title` and `lang`). Only marks the editor offers
# (`EDITOR_EXTENSIONS`) are written so; a tag for any other keeps its text alone.
_AS_THE_EDITOR_WRITES = {"b": "strong", "i": "em", "cite": "em", "strike": "s", "del": "s"}
_OTHER_TAG_FOR_A_MARK = re.compile(rf"<(/?)({'|'.join(_AS_THE_EDITOR_WRITES)})([ >])")


def _marks_as_the_editor_writes(html: str) -> str:
    return _OTHER_TAG_FOR_A_MARK.sub(lambda m: f"<{m[1]}{_AS_THE_EDITOR_WRITES[m[2]]}{m[3]}", html)


# ProseMirror submits an empty document as a single empty paragraph. No two runs of spaces
# meet in the pattern: a long run would be split between them every way there is.
_EMPTY_DOCUMENT = re.compile(r"^\s*(<p>\s*(<br\s*/?>\s*)?</p>\s*)*$")


class Sanitized(str):
    """Text as `sanitize_html` returned it, which it returns again as it is.

    A save hands the same text to the form field, the spoiler and publishing checks and the
    model field, and each sanitises what it is given: megabytes of pasted markup took seconds
    each time. Any change to the text (joined, sliced, replaced) is a plain `str` again, and
    sanitised afresh."""

    __slots__ = ()


def sanitize_html(html: str | None) -> Sanitized:
    """Return `html` reduced to the allow-list: no scripts, handlers, styles or unsafe URLs,
    nor control characters. Text nested deeper than `newsroom.nesting.MAX_NESTING` is refused
    with a ValidationError before it is parsed: a form shows it on the field."""
    if isinstance(html, Sanitized):
        return html
    if not html:
        return Sanitized()
    refuse_deep_nesting(html)
    html = strip_control_characters(html)
    if _MAPPED_BLOCK.search(html):
        html = _blocks_as_paragraphs(PREFORMATTED.sub(lines_kept, _block_cleaner.clean(html)))
    cleaned = SpanRewriter.run(_marks_as_the_editor_writes(_cleaner.clean(html)), mode="unwrap")
    if STORED_OPENING in cleaned:
        cleaned = PassageMover.run(cleaned)
    cleaned = cleaned.strip()
    return Sanitized("" if _EMPTY_DOCUMENT.match(cleaned) else cleaned)


def sanitized_as_stored(html: str | None) -> str:
    """Stored rich text sanitised again for a check or a preview, or as stored when nested too
    deep for the sanitiser: saved before that rule (a version being restored, say), it is
    refused on its field by the form, which shows it as stored until then."""
    try:
        return sanitize_html(html)
    except ValidationError:
        return html or ""


# A tag of nh3's output, which has no "<" or ">" but in tags (text and attributes escape them).
_SERIALISED_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")
_HEADINGS_KEPT = {"h2", "h3", "h4"}
_KEPT_BLOCKS = {"p", *_HEADINGS_KEPT, "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption"}
_HTML_SPACES = " \t\n\f\r"
# Where text may stand beside blocks, as at the top; elsewhere (in a paragraph, a heading, a
# link) a container's tags become spaces.
_FLOW = {"li", "blockquote"}


def _blocks_as_paragraphs(html: str) -> str:
    """`_block_cleaner`'s output with the blocks the allow-list leaves out made ones it keeps:
    headings at the nearest level kept, containers dropped and the text directly in them put in
    paragraphs. The result is sanitised again like any other text."""
    output: list[str] = []
    open_tags: list[str] = []  # a dropped container as "container", one made spaces as "space"
    paragraph = False  # opened for text directly in the innermost container

    def start_paragraph():
        nonlocal paragraph
        if open_tags[-1:] == ["container"] and not paragraph:
            output.append("<p>")
            paragraph = True

    def end_paragraph():
        nonlocal paragraph
        if open_tags[-1:] == ["container"] and paragraph:
            output.append("</p>")
            paragraph = False

    position = 0
    for tag in _SERIALISED_TAG.finditer(html):
        text = html[position : tag.start()]
        position = tag.end()
        # HTML's own spaces only: a no-break space is text, as the indentation kept in a
        # preformatted line is (`indentation`).
        if text.strip(_HTML_SPACES):
            start_paragraph()
        output.append(text)
        closing, source_name = tag.groups()
        name = _HEADINGS.get(source_name, source_name)
        # A heading inside a heading would end it when the text is parsed again: it is spaces.
        nested_heading = source_name in _HEADINGS and (
            open_tags[-1] == "space" if closing else bool(_HEADINGS_KEPT & set(open_tags))
        )
        if name in _CONTAINERS or nested_heading:
            if not closing:
                at_flow = not open_tags or open_tags[-1] in {"container", *_FLOW}
                open_tags.append("container" if at_flow and not nested_heading else "space")
            if open_tags[-1] == "space":
                output.append(" ")
            end_paragraph()
            if closing:
                open_tags.pop()
            continue
        if closing:
            open_tags.pop()
        else:
            if name in _KEPT_BLOCKS:
                end_paragraph()
            else:
                start_paragraph()  # an inline element directly in a container
            if name not in INLINE_VOIDS | {"hr"}:
                open_tags.append(name)
        output.append(f"<{closing}{name}>" if name != source_name else tag.group())
    output.append(html[position:])
    return "".join(output)


# A picture's tag as the sanitiser stores it: every attribute quoted, no ">" inside.
_PICTURE = re.compile(r"<img\b([^>]*)>")
_SIZE_ATTRIBUTE = re.compile(r' (?:width|height)="')
_SRC_ATTRIBUTE = re.compile(r' src="([^"]*)"')


def with_picture_sizes(html: str) -> str:
    """Sanitised `html` with each picture of the site's own that has no size given the width
    and height of its file, so that a page keeps its place before it loads rather than moving
    the text below it. A file that is missing or no picture leaves its tag as it is."""
    if "<img" not in html:
        return html

    def sized(tag: re.Match) -> str:
        src = _SRC_ATTRIBUTE.search(tag[1])
        if src is None or _SIZE_ATTRIBUTE.search(tag[1]) or not own_picture(unescape(src[1])):
            return tag[0]
        name = unquote(unescape(src[1])[len(str(settings.MEDIA_URL)) :])
        if not own_picture(f"{settings.MEDIA_URL}{name}"):
            return tag[0]  # an address that climbs out of the uploads once decoded
        try:
            with default_storage.open(name) as file:
                width, height = get_image_dimensions(file)
        except (OSError, ValueError, SuspiciousFileOperation):
            return tag[0]
        if not (width and height):
            return tag[0]
        return f'<img{tag[1]} width="{width}" height="{height}">'

    return _PICTURE.sub(sized, html)


def has_text(html: str | None) -> bool:
    """True when rich text has words a reader would see: markup around nothing but spaces (an
    empty bold run, a blank heading) is not text, though the sanitiser keeps it."""
    return bool(html) and bool(unescape(strip_tags(html)).strip())


class RichTextField(ProseEditorField):
    """A text field edited with the admin's rich-text editor and sanitised on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": EDITOR_EXTENSIONS})
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # The form's value is the one the model field and every check then read: sanitised
        # here, it is not sanitised again (`Sanitized`).
        return super().formfield(**{"sanitize": sanitize_html, **kwargs})

    def pre_save(self, model_instance, add):
        value = with_picture_sizes(sanitize_html(getattr(model_instance, self.attname)))
        setattr(model_instance, self.attname, value)
        return value


def show_refusals_as_stored(form) -> list:
    """Put on each rich-text field of an unbound model `form` the refusal saving it as it opens
    would meet: text stored nested too deep, before that rule (a version being restored, say).
    The form shows it as a refused save does, before anything is sent; the error lists put."""
    shown = []
    for field in form.instance._meta.concrete_fields:
        if not isinstance(field, RichTextField) or field.name not in form.fields:
            continue
        bound = form[field.name]
        try:
            refuse_deep_nesting(bound.value())
        except ValidationError as refused:
            # Unbound, the form holds no errors of its own; these are the ones a save makes.
            errors = form.error_class(
                refused.error_list, renderer=form.renderer, field_id=bound.auto_id
            )
            form.errors[field.name] = errors
            shown.append(errors)
    return shown
