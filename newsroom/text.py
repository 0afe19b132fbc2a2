"""Plain text as the site stores and sends it: without characters XML cannot carry, without
direction controls left open, and a line of nothing visible as an empty one.

Text pasted from Word and other programs can hold control characters (U+000B is Word's line
break). No reader sees them, but XML 1.0 forbids them: Django's feed writer refuses them (the
feed answers 500) and a sitemap holding one is malformed. A direction override, embedding or
isolate (U+202E "evil" shows as "live") is never closed by a field, so it turns backwards
whatever the page puts after it: " · Site name" in a `<title>`, the rest of a calendar's line.
So both are removed when text is validated and saved, whatever path it took: the admin, a
paste or import, a script (`strip_on_save`), and again wherever text is written as XML, for
rows written around `save()`. The direction marks (U+200E, U+200F, U+061C) change no text after
them, and Arabic and Hebrew text needs them: they stay.

A single line (a `CharField`: headline, summary, names, titles) holding only characters no
reader sees (spaces, zero-width spaces and joiners, soft hyphens, byte-order marks, direction
marks) is stored empty, and a form's required line refuses it as it refuses an empty one
(`OneLineField`). Between visible characters they stay: 👩‍💻 is joined by U+200D.
"""

import re

from django import forms
from django.db import models
from django.db.models.signals import pre_save

# C0 controls but tab, newline and carriage return; lone surrogates and U+FFFE/U+FFFF, which XML
# forbids too. Vertical tab and form feed are line and page breaks in Word: they become a space,
# so the words on either side stay apart. Found by a regular expression, which scans in C: text
# that holds none (nearly all) comes back as it is, at a fraction of what `str.translate` costs
# on a feed's bodies. Then the direction embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069), which XML allows but no field closes.
_DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f{_DIRECTION_CONTROLS}\ud800-\udfff\ufffe\uffff]"
)
_DIRECTION = re.compile(f"[{_DIRECTION_CONTROLS}]")
_BREAKS = "\x0b\x0c"
# Any character a reader sees: not whitespace, nor a format character (soft hyphen, U+061C,
# U+180E, zero-width spaces and joiners, direction marks and controls, word joiners, the
# invisible operators, the byte-order mark, tag characters), nor a blank that shows as a
# space (Hangul fillers, the Braille blank), nor a variation selector or the grapheme joiner.
_VISIBLE = re.compile(
    "[^\\s\x01-\x08\x0e-\x1f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\U000e0000-\U000e01ef]"
)


def strip_control_characters(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry, nor direction controls left open;
    tab, newline and CR are kept."""
    if not text or not _FORBIDDEN.search(text):
        return text
    return _FORBIDDEN.sub(lambda found: " " if found.group() in _BREAKS else "", text)


def is_blank(text: str) -> bool:
    """Whether `text` has no character a reader sees."""
    return not _VISIBLE.search(text or "")


def visible_line(text: str) -> str:
    """`text` without direction controls, or "" when nothing in it shows: a line as forms and
    `full_clean()` read it. Other controls are left to them (a NUL is refused by name) and to
    the save, which strips them."""
    text = _DIRECTION.sub("", text)
    return "" if is_blank(text) else text


def one_line(text: str) -> str:
    """A line as it is stored: stripped as above, and empty when nothing in it shows."""
    return visible_line(strip_control_characters(text))


def _clean_lines(instance: models.Model) -> None:
    loaded = instance.__dict__
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField) and isinstance(loaded.get(field.attname), str):
            loaded[field.attname] = visible_line(loaded[field.attname])


def strip_text_fields(instance: models.Model) -> None:
    """Strip every loaded char or text field of `instance` (deferred ones are left unloaded), a
    char field holding nothing visible emptied."""
    loaded = instance.__dict__
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = loaded.get(field.attname)
            if isinstance(value, str):
                line = isinstance(field, models.CharField)
                loaded[field.attname] = one_line(value) if line else strip_control_characters(value)


def _strip_before_save(sender, instance, **kwargs):
    strip_text_fields(instance)


def strip_on_save(model: type[models.Model]) -> type[models.Model]:
    """Strip `model`'s text fields whenever an instance is saved, and read its lines as
    `visible_line` before it is validated, so `full_clean()` (the import, the admin's model
    checks) refuses a required line of nothing visible as it refuses an empty one; usable as a
    class decorator.

    `QuerySet.update()` and `bulk_create()` bypass it: callers with user text use `save()`.
    """
    pre_save.connect(
        _strip_before_save, sender=model, dispatch_uid=f"strip-text:{model._meta.label}"
    )
    validate = model.clean_fields
    if getattr(validate, "strips_text", False):
        return model

    def clean_fields(self, exclude=None):
        _clean_lines(self)
        validate(self, exclude)

    clean_fields.strips_text = True
    model.clean_fields = clean_fields
    return model


class OneLineField(forms.CharField):
    """A form's line of text as it will be stored: without direction controls, and a required
    one of nothing visible refused as an empty one is, "This field is required"."""

    def to_python(self, value):
        value = super().to_python(value)
        if not isinstance(value, str) or not value:
            return value
        value = visible_line(value)
        if self.strip:
            value = value.strip()
        return value or self.empty_value
