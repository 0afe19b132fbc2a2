"""Each correction names the `article.corrected` event that tells of it, so that every email
about corrections carries the notes of its own event.

An event recorded before this runs and not yet sent (waiting to be handed on, or with emails
not yet sent) is given its piece's newest note, the one it would have sent.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def name_the_newest_note_of_unsent_events(apps, schema_editor):
    events = apps.get_model("articles", "Event")
    corrections = apps.get_model("articles", "Correction")
    deliveries = apps.get_model("articles", "AlertDelivery")
    unsent = deliveries.objects.filter(event_id=OuterRef("pk"), sent_at=None, failed_at=None)
    waiting = events.objects.filter(kind="article.corrected", dismissed=False).filter(
        Q(handled_at=None) | Q(Exists(unsent))
    )
    for event in waiting.order_by("-pk"):
        newest = (
            corrections.objects.filter(article_id=event.article_id, event=None)
            .order_by("-published_at", "-pk")
            .first()
        )
        if newest is not None:
            corrections.objects.filter(pk=newest.pk).update(event=event)


class Migration(migrations.Migration):
    dependencies = [("articles", "0027_alertdelivery_pieces")]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="event",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="corrections",
                to="articles.event",
            ),
        ),
        migrations.RunPython(
            name_the_newest_note_of_unsent_events, reverse_code=migrations.RunPython.noop
        ),
    ]
