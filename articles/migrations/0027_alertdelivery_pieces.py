"""The pieces each daily digest listed, so that a piece announced again (unpublished and
published again) is not listed twice to the same reader.

Digests sent before this runs have no pieces on record: a piece one of them listed that is
published again may be listed once more.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0026_search_leaves_held_pieces_out")]

    operations = [
        migrations.AddField(
            model_name="alertdelivery",
            name="pieces",
            field=models.ManyToManyField(
                blank=True,
                help_text="The pieces a digest listed.",
                related_name="+",
                to="articles.article",
            ),
        ),
    ]
