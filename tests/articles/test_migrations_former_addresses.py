"""The migrations that keep former addresses, both ways: a site page's (newsroom 0006, and the
editors' right to free one, articles 0037), a deleted piece's (articles 0036), a deleted
site page's (newsroom 0007), an author's (articles 0043) and a topic's (articles 0044)."""

import pytest
from django.db import connection

from tests.articles.migrating import migrate

BEFORE = [("articles", "0035_deleted_version_deleted_at"), ("newsroom", "0005_site_boilerplate")]
AFTER = [
    ("articles", "0038_origin_published_on_not_in_the_future"),
    ("newsroom", "0006_site_page_former_addresses"),
]
PAGES_BEFORE = [("newsroom", "0006_site_page_former_addresses")]
PAGES_AFTER = [("newsroom", "0007_deleted_site_page_former_addresses")]
AUTHORS_BEFORE = [("articles", "0042_waiting_publication_keys_in_utc")]
AUTHORS_AFTER = [("articles", "0043_author_former_addresses")]
TOPICS_AFTER = [("articles", "0044_topic_former_addresses")]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def table_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def test_editors_alone_may_free_a_site_pages_former_address_until_migrated_back():
    migrate(BEFORE)
    new_apps = migrate(AFTER)
    Group = new_apps.get_model("auth", "Group")

    def held(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(codename__endswith="_sitepageredirect")
            .values_list("codename", flat=True)
        )

    assert held("Editors") == {
        "add_sitepageredirect",
        "change_sitepageredirect",
        "delete_sitepageredirect",
        "view_sitepageredirect",
    }
    assert held("Contributors") == set()
    assert "newsroom_sitepageredirect" in table_names()

    migrate(BEFORE)
    assert held("Editors") == set()
    assert "newsroom_sitepageredirect" not in table_names()


def test_a_deletion_record_made_before_keeps_no_addresses_and_goes_back_without_them():
    old_apps = migrate(BEFORE)
    DeletedVersion = old_apps.get_model("articles", "DeletedVersion")
    kept = DeletedVersion.objects.create(article_id=7, version=3)

    new_apps = migrate(AFTER)
    DeletedVersion = new_apps.get_model("articles", "DeletedVersion")
    assert DeletedVersion.objects.get(pk=kept.pk).former_addresses == []

    old_apps = migrate(BEFORE)
    DeletedVersion = old_apps.get_model("articles", "DeletedVersion")
    assert DeletedVersion.objects.get(pk=kept.pk).version == 3


def test_a_deleted_pages_former_addresses_are_kept_from_then_on_and_dropped_going_back():
    old_apps = migrate(PAGES_BEFORE)
    SitePage = old_apps.get_model("newsroom", "SitePage")
    page = SitePage.objects.create(title="About", slug="about-us", status="published")
    old_apps.get_model("newsroom", "SitePageRedirect").objects.create(old_slug="about", page=page)

    new_apps = migrate(PAGES_AFTER)
    DeletedSitePage = new_apps.get_model("newsroom", "DeletedSitePage")
    assert DeletedSitePage.objects.count() == 0
    kept = DeletedSitePage.objects.create(
        page_id=7, former_addresses=[{"id": 1, "slug": "press", "created_at": "2026-01-02"}]
    )
    assert DeletedSitePage.objects.get(pk=kept.pk).former_addresses[0]["slug"] == "press"
    assert "newsroom_deletedsitepage" in table_names()

    old_apps = migrate(PAGES_BEFORE)
    assert "newsroom_deletedsitepage" not in table_names()
    redirects = old_apps.get_model("newsroom", "SitePageRedirect").objects
    assert list(redirects.values_list("old_slug", "page__slug")) == [("about", "about-us")]


def test_editors_alone_may_free_an_authors_former_address_until_migrated_back():
    old_apps = migrate(AUTHORS_BEFORE)
    for name in ("Editors", "Contributors"):  # an earlier test's flush may have dropped them
        old_apps.get_model("auth", "Group").objects.get_or_create(name=name)
    new_apps = migrate(AUTHORS_AFTER)
    Group = new_apps.get_model("auth", "Group")
    Author = new_apps.get_model("articles", "Author")
    author = Author.objects.create(name="Dana Whitfield", slug="dana-whitfield-ross")
    new_apps.get_model("articles", "AuthorRedirect").objects.create(
        old_slug="dana-whitfield", author=author
    )

    def held(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(codename__endswith="_authorredirect")
            .values_list("codename", flat=True)
        )

    assert held("Editors") == {
        "add_authorredirect",
        "change_authorredirect",
        "delete_authorredirect",
        "view_authorredirect",
    }
    assert held("Contributors") == set()

    old_apps = migrate(AUTHORS_BEFORE)
    assert held("Editors") == set()
    assert "articles_authorredirect" not in table_names()
    assert old_apps.get_model("articles", "Author").objects.get().slug == "dana-whitfield-ross"


def test_editors_alone_may_free_a_topics_former_address_until_migrated_back():
    old_apps = migrate(AUTHORS_AFTER)
    for name in ("Editors", "Contributors"):  # an earlier test's flush may have dropped them
        old_apps.get_model("auth", "Group").objects.get_or_create(name=name)
    new_apps = migrate(TOPICS_AFTER)
    Group = new_apps.get_model("auth", "Group")
    tag = new_apps.get_model("taggit", "Tag").objects.create(name="Television", slug="tv")
    new_apps.get_model("articles", "TopicRedirect").objects.create(old_slug="television", topic=tag)

    def held(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(codename__endswith="_topicredirect")
            .values_list("codename", flat=True)
        )

    assert held("Editors") == {
        "add_topicredirect",
        "change_topicredirect",
        "delete_topicredirect",
        "view_topicredirect",
    }
    assert held("Contributors") == set()

    old_apps = migrate(AUTHORS_AFTER)
    assert held("Editors") == set()
    assert "articles_topicredirect" not in table_names()
    assert old_apps.get_model("taggit", "Tag").objects.get().slug == "tv"
