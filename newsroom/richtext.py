"""Rich text: the one sanitiser and the model field that applies it.

Everything an editor writes as rich text (article bodies, introductions, site pages) is stored as
HTML cleaned by `sanitize_html` when it is saved, whatever path it took to get there: the admin
form, an import, a script. Templates may then mark it safe, and nothing else.
"""

import re

import nh3
from django_prose_editor.fields import ProseEditorField

# What the admin editor can produce. Kept in step with ALLOWED_TAGS by a test, so the editor
# never offers something the sanitiser would silently remove.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
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
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "a",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# ProseMirror submits an empty document as a single empty paragraph.
_EMPTY_DOCUMENT = re.compile(r"^\s*(<p>\s*(<br\s*/?>)?\s*</p>\s*)*$")


def sanitize_html(html: str | None) -> str:
    """Return `html` reduced to the allow-list: no scripts, handlers, styles or unsafe URLs."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    return "" if _EMPTY_DOCUMENT.match(cleaned) else cleaned


class RichTextField(ProseEditorField):
    """A text field edited with the admin's rich-text editor and sanitised on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": EDITOR_EXTENSIONS})
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
