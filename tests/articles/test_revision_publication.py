"""Restoring a version brings back what the piece says, not when or whether it runs.

A version from before a piece first ran holds no publication time and a draft's status. Restored
onto the piece as it is now, the piece keeps its status, publication time and embargo: a live
piece stays live with its date (and its address history: a later rename leaves a redirect), a
withdrawn one stays withdrawn, a scheduled or embargoed one keeps its time. The restore form's
buttons change that, as on any edit.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import form_data, saved
from tests.factories import ArticleFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def restore_url(article, version) -> str:
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/"


def first_draft(article) -> Version:
    """The revision saved with the first draft's summary, before the piece ran."""
    versions = Version.objects.get_for_object(article)
    return versions.get(serialized_data__contains="The first draft")


def run_after_a_draft(client, **fields) -> Article:
    """A draft saved once in the admin (its first revision), then published there."""
    article = ArticleFactory(
        headline="Harbour plan", slug="harbour-plan", status="draft", published_at=None, **fields
    )
    saved(client, change_url(article), dek="The first draft's summary.")
    saved(client, change_url(article), dek="The summary as it ran.", _publish="")
    article.refresh_from_db()
    return article


def button_names(response) -> list[str]:
    return [button.name for button in response.context["publishing"]["buttons"]]


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_restoring_a_draft_from_before_a_piece_ran_keeps_it_live_with_its_date(
    editor_client, client
):
    article = run_after_a_draft(editor_client)
    ran_at = article.published_at
    shown = editor_client.get(restore_url(article, first_draft(article)))

    assert shown.context["adminform"].form["dek"].value() == "The first draft's summary."
    assert button_names(shown) == ["_continue", "_unpublish"]
    assert "the piece stays as it is now: live since" in messages_of(shown)
    response = editor_client.post(restore_url(article, first_draft(article)), form_data(shown))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.status, article.published_at) == (
        "The first draft's summary.",
        Article.Status.PUBLISHED,
        ran_at,
    )
    assert client.get("/news/harbour-plan/").status_code == 200

    # It has run: renamed by hand, its address leads to the new one.
    saved(editor_client, change_url(article), slug="harbour-plan-approved")
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-approved/"


def test_the_restore_form_takes_the_piece_down_when_asked_and_it_keeps_its_date(
    editor_client, client
):
    article = run_after_a_draft(editor_client)
    ran_at = article.published_at
    shown = editor_client.get(restore_url(article, first_draft(article)))

    response = editor_client.post(
        restore_url(article, first_draft(article)), form_data(shown, _unpublish="")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.status, article.published_at) == (
        "The first draft's summary.",
        Article.Status.UNPUBLISHED,
        ran_at,
    )
    assert client.get("/news/harbour-plan/").status_code == 404
    saved(editor_client, change_url(article), slug="harbour-plan-approved")
    saved(editor_client, change_url(article), _publish="")
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-approved/"


def test_restoring_a_version_that_ran_onto_a_withdrawn_piece_keeps_it_withdrawn(
    editor_client, client
):
    article = run_after_a_draft(editor_client)
    ran = Version.objects.get_for_object(article).order_by("pk").last()
    saved(editor_client, change_url(article), _unpublish="")
    shown = editor_client.get(restore_url(article, ran))

    assert "_unpublish" not in button_names(shown)
    response = editor_client.post(restore_url(article, ran), form_data(shown))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.status) == ("The summary as it ran.", Article.Status.UNPUBLISHED)
    assert client.get("/news/harbour-plan/").status_code == 404


def test_restoring_a_draft_onto_an_embargoed_piece_keeps_the_embargo_and_its_time(
    editor_client, client
):
    article = ArticleFactory(
        headline="Harbour plan", slug="harbour-plan", status="draft", published_at=None
    )
    saved(editor_client, change_url(article), dek="The first draft's summary.")
    embargo = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, embargoed_until=embargo, published_at=embargo
    )
    shown = editor_client.get(restore_url(article, first_draft(article)))

    assert "the piece stays as it is now: embargoed until" in messages_of(shown)
    response = editor_client.post(restore_url(article, first_draft(article)), form_data(shown))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.dek, article.status, article.embargoed_until, article.published_at) == (
        "The first draft's summary.",
        Article.Status.PUBLISHED,
        embargo,
        embargo,
    )
    assert client.get("/news/harbour-plan/").status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_cannot_restore_or_unpublish_through_a_restore_with_forged_ids(
    contributor, contributor_client, editor_client, method
):
    article = run_after_a_draft(editor_client)
    other = ArticleFactory(headline="Another piece", created_by=contributor)
    Article.objects.filter(pk=article.pk).update(created_by=contributor)
    version = first_draft(article)
    data = form_data(editor_client.get(restore_url(article, version)), _unpublish="")
    before = database_snapshot()

    for url in (
        restore_url(article, version),
        restore_url(other, version),
        f"/admin/articles/article/{article.pk}/history/999999/",
    ):
        response = getattr(contributor_client, method)(url, data if method == "post" else None)
        assert response.status_code == 403, url

    assert database_snapshot() == before


def test_an_editor_cannot_restore_one_pieces_version_onto_another(editor_client, client):
    article = run_after_a_draft(editor_client)
    other = ArticleFactory(headline="Another piece", slug="another-piece")
    version = first_draft(article)
    data = form_data(editor_client.get(restore_url(article, version)))
    before = database_snapshot()

    assert editor_client.get(restore_url(other, version)).status_code == 404
    assert editor_client.post(restore_url(other, version), data).status_code == 404

    assert database_snapshot() == before
    assert client.get("/news/another-piece/").status_code == 200


def test_saving_a_restored_version_goes_on_on_the_pieces_own_page(editor_client):
    article = run_after_a_draft(editor_client)
    restore = restore_url(article, first_draft(article))

    response = editor_client.post(restore, form_data(editor_client.get(restore), _continue=""))

    # Not back to the restore page, which would show the old version as if not yet restored.
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    said = messages_of(response)
    assert "“Harbour plan” is restored from its history" in said
    assert "live since" in said
    assert restore not in said
    page = editor_client.get(response["Location"])
    assert page.context["adminform"].form["dek"].value() == "The first draft's summary."
