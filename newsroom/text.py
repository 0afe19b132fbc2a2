"""Plain text as the site stores and sends it: without characters XML cannot carry.

Text pasted from Word and other programs can hold control characters (U+000B is Word's line
break). No reader sees them, but XML 1.0 forbids them: Django's feed writer refuses them (the
feed answers 500) and a sitemap holding one is malformed. So they are removed when text is
saved, whatever path it took: the admin, a paste or import, a script (`strip_on_save`), and again
wherever text is written as XML, for rows written around `save()`.
"""

from django.db import models
from django.db.models.signals import pre_save

# C0 controls but tab, newline and carriage return; lone surrogates and U+FFFE/U+FFFF, which XML
# forbids too. Vertical tab and form feed are line and page breaks in Word: they become a space,
# so the words on either side stay apart.
_BREAKS = {0x0B, 0x0C}
_FORBIDDEN = {
    code: (" " if code in _BREAKS else None)
    for code in [*range(0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
    if code not in (0x09, 0x0A, 0x0D)
}


def strip_control_characters(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry; tab, newline and CR are kept."""
    return text.translate(_FORBIDDEN) if text else text


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
