"""Plain text as the site stores and sends it: without characters XML cannot carry.

Text pasted from Word and other programs can hold control characters (U+000B is Word's line
break). No reader sees them, but XML 1.0 forbids them: Django's feed writer refuses them (the
feed answers 500) and a sitemap holding one is malformed. So they are removed when text is
saved, whatever path it took: the admin, a paste or import, a script (`strip_on_save`), and again
wherever text is written as XML, for rows written around `save()`.
"""

import re

from django.db import models
from django.db.models.signals import pre_save

# C0 controls but tab, newline and carriage return; lone surrogates and U+FFFE/U+FFFF, which XML
# forbids too. Vertical tab and form feed are line and page breaks in Word: they become a space,
# so the words on either side stay apart. Found by a regular expression, which scans in C: text
# that holds none (nearly all) comes back as it is, at a fraction of what `str.translate` costs
# on a feed's bodies.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = "\x0b\x0c"


def strip_control_characters(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry; tab, newline and CR are kept."""
    if not text or not _FORBIDDEN.search(text):
        return text
    return _FORBIDDEN.sub(lambda found: " " if found.group() in _BREAKS else "", text)


def strip_text_fields(instance: models.Model) -> None:
    """Strip every loaded char or text field of `instance` (deferred ones are left unloaded)."""
    loaded = instance.__dict__
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = loaded.get(field.attname)
            if isinstance(value, str):
                loaded[field.attname] = strip_control_characters(value)


def _strip_before_save(sender, instance, **kwargs):
    strip_text_fields(instance)


def strip_on_save(model: type[models.Model]) -> type[models.Model]:
    """Strip `model`'s text fields whenever an instance is saved; usable as a class decorator.

    `QuerySet.update()` and `bulk_create()` bypass it: callers with user text use `save()`.
    """
    pre_save.connect(
        _strip_before_save, sender=model, dispatch_uid=f"strip-text:{model._meta.label}"
    )
    return model
