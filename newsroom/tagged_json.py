"""How revisions keep a model's taggit tags: Django's JSON, with each tag field's names.

Django's serializers leave taggit's fields out, so a revision of a tagged object would not say
which tags it had. Registered with `format=FORMAT`, its versions list the tag names under the
field's name, as Django lists a many-to-many field's keys; reading one back, the names go with
the object's many-to-many data, so writing the version back (a restore or a recovery) sets the
tags it had, by name (a tag deleted since is made again). A version kept in plain "json" (saved
before its model used this format) holds no tags, and writing it back leaves the tags as they
are. `follow_tag_changes(model)` records tags set after the object in the same revision, as
the admin form sets them.
"""

import json

import reversion
from django.apps import apps
from django.core.serializers import json as django_json
from django.core.serializers import python
from django.db.models.signals import m2m_changed
from taggit.managers import TaggableManager

FORMAT = "tagged_json"
CHANGED = {"post_add", "post_remove", "post_clear"}


def tag_fields(model) -> list[TaggableManager]:
    return [field for field in model._meta.get_fields() if isinstance(field, TaggableManager)]


def recorded_tags(object_version) -> dict[str, list[str]]:
    """The tag names a deserialized version holds, by field name; empty when it holds none."""
    data = object_version.m2m_data or {}
    fields = tag_fields(type(object_version.object))
    return {field.name: data[field.name] for field in fields if field.name in data}


class Serializer(django_json.Serializer):
    def end_object(self, obj):
        for field in tag_fields(type(obj)):
            if self.selected_fields is None or field.name in self.selected_fields:
                self._current[field.name] = sorted(getattr(obj, field.name).names())
        super().end_object(obj)


class Deserializer(python.Deserializer):
    def __init__(self, stream_or_string, **options):
        if not isinstance(stream_or_string, bytes | str):
            stream_or_string = stream_or_string.read()
        super().__init__(json.loads(stream_or_string), **options)

    def _handle_object(self, obj):
        try:
            model = apps.get_model(obj["model"])
        except (LookupError, TypeError, ValueError):
            model = None
        names = {
            field.name: obj["fields"].pop(field.name)
            for field in (tag_fields(model) if model else [])
            if field.name in obj["fields"]
        }
        for found in super()._handle_object(obj):
            found.m2m_data = {**(found.m2m_data or {}), **names}
            yield found


def follow_tag_changes(model) -> None:
    """Record an object of `model` again when its tags change inside a revision: the revision
    took it as it was saved, before the tags (called from `AppConfig.ready()`)."""
    for field in tag_fields(model):
        m2m_changed.connect(
            _record_again,
            sender=field.remote_field.through,
            dispatch_uid=f"tagged_json:{field.remote_field.through._meta.label}",
        )


def _record_again(sender, instance, action, **kwargs):
    if action in CHANGED and reversion.is_active() and reversion.is_registered(type(instance)):
        reversion.add_to_revision(instance)
