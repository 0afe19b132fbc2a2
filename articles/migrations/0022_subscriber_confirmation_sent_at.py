"""When a subscriber's newest confirmation link was made, so that an address nobody confirmed
is forgotten once its links have expired.

Addresses waiting for confirmation when this runs may hold a link made at any time in the last
`ALERTS_CONFIRM_DAYS`: they count from now, so no link that still works loses its subscriber.
"""

from django.db import migrations, models
from django.utils import timezone


def count_waiting_addresses_from_now(apps, schema_editor):
    subscribers = apps.get_model("articles", "Subscriber")
    subscribers.objects.filter(confirmed_at__isnull=True).update(
        confirmation_sent_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_email_alerts")]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="confirmation_sent_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="confirmation sent"
            ),
        ),
        # Going back drops the column, so there is nothing to undo.
        migrations.RunPython(count_waiting_addresses_from_now, migrations.RunPython.noop),
    ]
