"""The featured piece's index keys the status instead of holding it in its condition, so a plan
made once for any status (prepared lookups, `newsroom.compiled.plan_once`) can use it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_event_kind_test_message"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_featured_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.F("status"),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("is_featured", True)),
                name="article_featured_idx",
            ),
        ),
    ]
