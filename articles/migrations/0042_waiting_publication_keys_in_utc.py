"""The key of each publication still waiting to be handed on names its time in UTC.

A publication's key named its time as the time was written when it was scheduled: in the
newsroom's zone from the change form and the calendar, in a file's offset from an import, in
UTC once read back from the database. The same moment written two ways made two publications
of one piece at one time, both announced. Keys now name the time in UTC
(`events.recording.publication_key`); those of publications still waiting are written so here,
so that scheduling the piece for that moment again finds them. Where two already wait for the
same moment, the older keeps the key and the other is left as it is.

Going back leaves the keys in UTC: a key is only ever compared with another, and either form
names the same moment.
"""

from datetime import UTC, datetime

from django.db import migrations

PREFIX = "published:"


def in_utc(key: str) -> str | None:
    """`key` with its time in UTC; None for a key of another form."""
    article_id, _, written = key.removeprefix(PREFIX).partition(":")
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return f"{PREFIX}{article_id}:{moment.astimezone(UTC).isoformat()}"


def keys_in_utc(apps, schema_editor):
    Event = apps.get_model("articles", "Event")
    waiting = Event.objects.filter(handled_at=None, key__startswith=PREFIX).order_by("pk")
    for pk, key in list(waiting.values_list("pk", "key")):
        written = in_utc(key)
        if written is None or written == key:
            continue
        if not Event.objects.filter(key=written).exists():
            Event.objects.filter(pk=pk).update(key=written)


class Migration(migrations.Migration):
    dependencies = [("articles", "0041_origin_urls_lose_share_parameters")]

    operations = [migrations.RunPython(keys_in_utc, migrations.RunPython.noop)]
