from django.db import migrations

from articles import search


def fill(apps, schema_editor):
    """Index the articles that existed before search did."""
    Article = apps.get_model("articles", "Article")
    search.reindex(Article.objects.all(), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_search_index"),
    ]

    operations = [
        # Going back, the columns are dropped by the previous migration; nothing to undo here.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
