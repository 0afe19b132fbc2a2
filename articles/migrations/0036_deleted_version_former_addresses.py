"""Each deleted article's kept version notes the former addresses the piece had, which are
deleted with it, so that one recovered answers them again (`articles.workflow.redirects`).

Rows kept before have none (those addresses are gone); going back drops them.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0035_deleted_version_deleted_at")]

    operations = [
        migrations.AddField(
            model_name="deletedversion",
            name="former_addresses",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
