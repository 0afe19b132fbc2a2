"""Restoring a version whose original another article re-publishes by now: a form error naming it.

A version keeps the original's identity as it was then. By the time it is restored another
article may hold that identity (migration 0030 gave it to the older of two copies, or the piece
moved to another address and the other took it), and the database holds one article per
original: the restore shows the old version, and saving it names the other article.
"""

import json

import pytest
import reversion
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

OLDER_ADDRESS = "https://www.linkedin.com/pulse/work-dana/"
LATER_ADDRESS = "http://uk.linkedin.com/pulse/work-dana"
IDENTITY = "https://linkedin.com/pulse/work-dana"


def kept_version(article) -> Version:
    with reversion.create_revision():
        article.save()
    return Version.objects.get_for_object(article).first()


def forget_identity(version: Version) -> None:
    """Make `version` as it was kept before articles had an identity (migration 0030)."""
    data = json.loads(version.serialized_data)
    del data[0]["fields"]["origin_key"]
    version.serialized_data = json.dumps(data)
    version.save()


def two_copies() -> tuple[Article, Article, Version]:
    """The older copy holding the original now, and the later one with a version re-publishing
    it under another address, made while the later one held it."""
    older = ArticleFactory(headline="The older copy", origin_url="https://example.org/draft")
    later = ArticleFactory(headline="The later copy", origin_url=LATER_ADDRESS)
    version = kept_version(later)
    later.headline, later.origin_url = "Moved elsewhere", "https://example.org/elsewhere"
    kept_version(later)
    older.origin_url = OLDER_ADDRESS
    older.save()
    return older, later, version


def restore_url(article, version) -> str:
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/"


@pytest.mark.parametrize("identity_kept", [True, False], ids=["identity-kept", "before-0030"])
def test_restoring_a_version_of_an_original_held_by_another_article_names_it(
    editor_client, identity_kept
):
    older, later, version = two_copies()
    if not identity_kept:
        forget_identity(version)
    before = database_snapshot()
    link = f'<a href="/admin/articles/article/{older.pk}/change/">The older copy</a>'

    shown = editor_client.get(restore_url(later, version))
    assert shown.status_code == 200
    assert shown.context["adminform"].form["headline"].value() == "The later copy"
    assert f"This original is already re-published as “{link}”." in shown.text

    response = editor_client.post(restore_url(later, version), form_data(shown))

    assert f"This original is already re-published as “{link}”" in errors_on(response)
    assert response.context["adminform"].form["origin_url"].value() == LATER_ADDRESS
    assert database_snapshot() == before
    assert Article.objects.get(origin_key=IDENTITY) == older


def test_the_restored_version_given_another_address_is_saved_with_that_identity(editor_client):
    older, later, version = two_copies()
    shown = editor_client.get(restore_url(later, version))
    elsewhere = "https://www.linkedin.com/pulse/work-dana-second-take/"

    response = editor_client.post(
        restore_url(later, version), form_data(shown, origin_url=elsewhere)
    )

    assert response.status_code == 302
    later.refresh_from_db()
    assert (later.headline, later.origin_url, later.origin_key) == (
        "The later copy",
        elsewhere,
        "https://linkedin.com/pulse/work-dana-second-take",
    )
    assert Article.objects.get(origin_key=IDENTITY) == older


def test_recovering_a_deleted_copy_of_an_original_held_by_another_article_names_it(editor_client):
    older = ArticleFactory(headline="The older copy", origin_url="https://example.org/draft")
    later = ArticleFactory(headline="The later copy", origin_url=LATER_ADDRESS)
    version = kept_version(later)
    later.delete()
    older.origin_url = OLDER_ADDRESS
    older.save()
    url = f"/admin/articles/article/recover/{version.pk}/"
    before = database_snapshot()
    link = f'<a href="/admin/articles/article/{older.pk}/change/">The older copy</a>'

    shown = editor_client.get(url)
    assert f"This original is already re-published as “{link}”." in shown.text
    response = editor_client.post(url, form_data(shown))

    assert f"This original is already re-published as “{link}”" in errors_on(response)
    assert database_snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_cannot_restore_the_copy_even_with_forged_ids(
    contributor, contributor_client, editor_client, method
):
    older, later, version = two_copies()
    Article.objects.filter(pk__in=[older.pk, later.pk]).update(created_by=contributor)
    data = form_data(editor_client.get(restore_url(later, version)))
    before = database_snapshot()

    for url, status in (
        (restore_url(later, version), 403),
        # The later copy's version through the older copy's page.
        (restore_url(older, version), 403),
        (f"/admin/articles/article/{later.pk}/history/999999/", 403),
    ):
        response = getattr(contributor_client, method)(url, data if method == "post" else None)
        assert response.status_code == status, url

    assert database_snapshot() == before


def test_a_second_copy_left_without_an_identity_is_saved_outside_the_form_without_one(
    editor_client,
):
    """Migration 0030 left the later of two copies of one original without an identity. Saving
    it from anywhere but its change form (the list's actions, the desk, a script) keeps it so:
    the older copy holds the original."""
    older = ArticleFactory(headline="The older copy", origin_url=OLDER_ADDRESS)
    later = ArticleFactory(
        headline="The later copy", origin_url="https://example.org/draft", status="draft"
    )
    Article.objects.filter(pk=later.pk).update(origin_url=LATER_ADDRESS, origin_key="")

    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [later.pk]},
        follow=True,
    )
    assert response.status_code == 200
    later.refresh_from_db()
    assert later.is_published
    assert later.origin_key == ""

    later.headline = "Saved from a script"
    later.save()

    assert Article.objects.get(origin_key=IDENTITY) == older
    assert Article.objects.get(pk=later.pk).headline == "Saved from a script"


def test_a_version_kept_with_a_share_parameter_is_saved_without_it(editor_client):
    article = ArticleFactory(headline="The video", origin_url="https://example.org/draft")
    version = kept_version(article)
    # Kept before a save took the share buttons' parameters out (migration 0040 cleans the
    # article, not its history).
    shared = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Dana_shared_it"
    data = json.loads(version.serialized_data)
    data[0]["fields"].update(origin_url=shared, origin_key=shared.replace("www.", ""))
    version.serialized_data = json.dumps(data)
    version.save()
    shown = editor_client.get(restore_url(article, version))

    response = editor_client.post(restore_url(article, version), form_data(shown))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.origin_url, article.origin_key) == (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ",
    )
