"""Each spoiler warning keeps when it was last saved, so an alert or digest made before a
warning changed (by a script, without saving its piece) is made again before it is sent.

Warnings stored before are stamped with the time this runs; going back drops the stamp.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0033_forget_versions_at_deletion_that_serve_no_more")]

    operations = [
        migrations.AddField(
            model_name="contentwarning",
            name="changed_at",
            field=models.DateTimeField(auto_now=True),
        ),
    ]
