"""The test message editors send a webhook endpoint from the admin, as a kind of event."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_subscriber_confirmation_sent_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="kind",
            field=models.CharField(
                choices=[
                    ("article.published", "Published"),
                    ("article.updated", "Updated"),
                    ("article.corrected", "Corrected"),
                    ("article.unpublished", "Unpublished"),
                    ("article.deleted", "Deleted"),
                    ("webhook.test", "Test message"),
                ],
                max_length=32,
            ),
        ),
    ]
