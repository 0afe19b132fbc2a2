"""Take pieces held behind their warning out of the search index, but for headline and dek.

Their introduction was indexed and quoted in snippets, though their page shows it only behind
the warning; saves now index nothing of their text (`articles.search.document_text`). This
brings the rows saved before up to date.

Frozen: the vector is made as `articles.search.document_vector` made it when this migration was
written, so later changes to that module cannot change what it does.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

SEARCH_CONFIG = "english"


def document_vector():
    """`articles.search.document_vector`: headline A, dek B, text C."""
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector("search_text", weight="C", config=SEARCH_CONFIG)
    )


def leave_held_text_out(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    held = Article.objects.using(schema_editor.connection.alias).filter(hold_behind_warning=True)
    held.update(search_text="")
    if schema_editor.connection.vendor == "postgresql":
        # A second statement: within one UPDATE the vector would be made from the old text.
        held.update(search_vector=document_vector())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_fill_missing_image_sizes"),
    ]

    operations = [
        # Going back leaves the held text out: the code before indexes it again on its next save.
        migrations.RunPython(leave_held_text_out, migrations.RunPython.noop, elidable=True),
    ]
