"""Forget the versions at deletion that serve no more (`articles.workflow.versions`): those of
articles that are back, recovered before a recovery removed the row it carried, and those of
articles none of whose revisions is left, which cannot be recovered. Going back restores
nothing: no recovery could use a row forgotten."""

from django.db import migrations


def forget(apps, schema_editor):
    db = schema_editor.connection.alias
    DeletedVersion = apps.get_model("articles", "DeletedVersion")
    Article = apps.get_model("articles", "Article")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    rows = DeletedVersion.objects.using(db)
    articles = ContentType.objects.using(db).filter(app_label="articles", model="article")
    versions = Version.objects.using(db).filter(content_type__in=articles)
    back = set(
        Article.objects.using(db)
        .filter(pk__in=rows.values("article_id"))
        .values_list("pk", flat=True)
    )
    # One row per deleted article: few, each looked up by its own key.
    served = [
        article_id
        for article_id in rows.values_list("article_id", flat=True)
        if article_id in back or not versions.filter(object_id=str(article_id)).exists()
    ]
    rows.filter(article_id__in=served).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0032_tweet_identity_is_its_status"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
