"""Topics keep their former addresses, as articles, site pages and authors do: a public
topic's old slug redirects (301) its page and feeds to where it is now
(`newsroom.former_addresses`). Editors see and free them; contributors get nothing."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = ("add", "change", "delete", "view")


def _permissions(apps):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles",
        codename__in=[f"{action}_topicredirect" for action in EDITORS],
    )


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


def withdraw(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0043_author_former_addresses"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="TopicRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "old_slug",
                    models.SlugField(
                        allow_unicode=True,
                        help_text="The last part of the former address, after /news/tags/.",
                        max_length=100,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "former address",
                "verbose_name_plural": "former addresses",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("old_slug",), name="topicredirect_unique_old_slug"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("old_slug", ""), _negated=True),
                        name="topicredirect_slug_not_empty",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, withdraw),
    ]
