"""Data migrations of the editorial groups' permissions, both ways: the groups made, press
contacts and webhooks."""

import pytest
from django.db import connection

from tests.articles.migrating import migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_the_editorial_groups_are_made_with_their_permissions_and_removed_going_back():
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0004_editorial_roles")])
    Group = new_apps.get_model("auth", "Group")
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert Group.objects.get(name="Contributors").permissions.count() == 14

    old_apps = migrate([("articles", "0003_editorial_workflow")])
    assert (
        not old_apps.get_model("auth", "Group")
        .objects.filter(name__in=["Editors", "Contributors"])
        .exists()
    )


def test_editors_may_edit_press_contacts_and_contributors_see_them_until_migrated_back():
    # From before the groups exist (an earlier test's flush may have dropped them).
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0016_press_contacts")])
    Group = new_apps.get_model("auth", "Group")

    def contact_permissions(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model="presscontact")
            .values_list("codename", flat=True)
        )

    assert contact_permissions("Editors") == {
        "add_presscontact",
        "change_presscontact",
        "delete_presscontact",
        "view_presscontact",
    }
    assert contact_permissions("Contributors") == {"view_presscontact"}
    contact = new_apps.get_model("articles", "PressContact").objects.create(
        name="Ruth Calloway", slug="ruth", email="ruth@northwind.example"
    )
    article = new_apps.get_model("articles", "Article").objects.create(
        headline="A release", slug="a-release", kind="press-release", omit_boilerplate=True
    )
    article.press_contacts.add(contact)

    old_apps = migrate([("articles", "0009_slug_help_without_markup")])
    Permission = old_apps.get_model("auth", "Permission")
    assert not Permission.objects.filter(codename__endswith="_presscontact").exists()
    assert old_apps.get_model("articles", "Article").objects.get().slug == "a-release"
    with connection.cursor() as cursor:
        assert "articles_presscontact" not in connection.introspection.table_names(cursor)


def test_editors_alone_may_manage_webhooks_until_migrated_back():
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0018_webhooks")])
    Group = new_apps.get_model("auth", "Group")

    def webhook_permissions(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model__startswith="webhook")
            .values_list("codename", flat=True)
        )

    assert webhook_permissions("Editors") == {
        "add_webhookendpoint",
        "change_webhookendpoint",
        "delete_webhookendpoint",
        "view_webhookendpoint",
        "view_webhookdelivery",
    }
    assert webhook_permissions("Contributors") == set()

    old_apps = migrate([("articles", "0017_events")])
    Permission = old_apps.get_model("auth", "Permission")
    assert not Permission.objects.filter(codename__contains="_webhook").exists()
    with connection.cursor() as cursor:
        assert "articles_webhookendpoint" not in connection.introspection.table_names(cursor)
