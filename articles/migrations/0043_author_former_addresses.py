"""Authors keep their former addresses, as articles and site pages do: a public author's old
slug redirects (301) their page and feeds to where they are now (`newsroom.former_addresses`).
Editors see and free them, as they do an article's; contributors get nothing."""

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
        codename__in=[f"{action}_authorredirect" for action in EDITORS],
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
        ("articles", "0042_waiting_publication_keys_in_utc"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuthorRedirect",
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
                        help_text="The last part of the former address, after /news/authors/.",
                        max_length=120,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="articles.author",
                    ),
                ),
            ],
            options={
                "verbose_name": "former address",
                "verbose_name_plural": "former addresses",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("old_slug",), name="authorredirect_unique_old_slug"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("old_slug", ""), _negated=True),
                        name="authorredirect_slug_not_empty",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, withdraw),
    ]
