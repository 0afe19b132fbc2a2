"""Editors see and free a site page's former addresses (newsroom migration 0006), as they do
an article's; contributors, who cannot change site pages, get nothing. Here, not in the
newsroom app, because the editorial groups are this app's (migration 0004)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = ("add", "change", "delete", "view")


def _permissions(apps):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="newsroom",
        codename__in=[f"{action}_sitepageredirect" for action in EDITORS],
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
        ("articles", "0036_deleted_version_former_addresses"),
        ("newsroom", "0006_site_page_former_addresses"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
