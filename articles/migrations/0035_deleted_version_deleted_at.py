"""Each deleted article's kept version notes when the piece was deleted, so that one recovered
comes back as it stood then (`articles.workflow.recovery`): a piece scheduled when it was
deleted never ran, even once its time has passed.

Rows kept before have no time (judged as of their recovery); going back drops the time.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0034_warning_changed_at")]

    operations = [
        migrations.AddField(
            model_name="deletedversion",
            name="deleted_at",
            field=models.DateTimeField(null=True),
        ),
    ]
