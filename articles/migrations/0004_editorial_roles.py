"""The two editorial groups and exactly the permissions each needs (see articles/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")

CONTRIBUTORS = {
    ("articles", "article"): ("add", "change", "view"),
    ("articles", "author"): ("add", "view"),
    ("articles", "byline"): CRUD,
    ("articles", "contentwarning"): CRUD,
    ("articles", "correction"): ("view",),
}

EDITORS = {
    ("articles", "article"): (*CRUD, "publish"),
    ("articles", "author"): CRUD,
    ("articles", "byline"): CRUD,
    ("articles", "contentwarning"): CRUD,
    ("articles", "correction"): CRUD,
    ("articles", "previewlink"): CRUD,
    ("articles", "slugredirect"): CRUD,
    ("taggit", "tag"): CRUD,
    ("taggit", "taggeditem"): CRUD,
    ("newsroom", "sitepage"): CRUD,
    ("newsroom", "sitesettings"): ("change", "view"),
}

GROUPS = {"Contributors": CONTRIBUTORS, "Editors": EDITORS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for (app_label, model), actions in grants.items():
            codenames = [f"{action}_{model}" for action in actions]
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Missing permissions for {name}: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
