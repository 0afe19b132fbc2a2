"""Restoring a revision changes the embargo only as the change form's box may: compared with the
piece as it is now, not with the revision the form started from."""

from datetime import timedelta

import pytest
import reversion
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

PAST_EMBARGO = "An embargo ends in the future: choose a later time."


def release(**fields) -> Article:
    fields = {"headline": "Zephyrcorp opens its Lisbon plant", **fields}
    return ArticleFactory(
        slug="lisbon-plant", kind=Article.Kind.PRESS_RELEASE, authors=[AuthorFactory()], **fields
    )


def kept_version(piece: Article) -> Version:
    """Keep `piece` as it is stored now as a revision, and return that version."""
    piece = Article.objects.get(pk=piece.pk)
    with reversion.create_revision():
        piece.save()
    return Version.objects.get_for_object(piece).first()


def restore_url(piece: Article, version: Version) -> str:
    return f"/admin/articles/article/{piece.pk}/history/{version.pk}/"


def restore(client, piece: Article, version: Version):
    url = restore_url(piece, version)
    return client.post(url, form_data(client.get(url)))


def as_stored(piece: Article) -> tuple:
    piece.refresh_from_db()
    return (piece.headline, piece.status, piece.published_at, piece.embargoed_until)


def test_restoring_an_embargoed_revision_onto_a_public_piece_is_refused(editor_client):
    piece = publishing.embargo(
        release(status=Article.Status.DRAFT, published_at=None),
        until=timezone.now() + timedelta(days=2),
    )
    embargoed = kept_version(piece)
    publishing.lift_embargo(piece)
    piece.headline = "Zephyrcorp has opened its Lisbon plant"
    piece.save()
    before = as_stored(piece)

    response = restore(editor_client, piece, embargoed)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["embargoed_until"]
    assert error == (
        f"This piece has been public since {display_datetime(before[2])}: an embargo can only "
        "hold a piece that is not out yet. To take it down, use “Unpublish”."
    )
    assert as_stored(piece) == before
    page = Client().get("/news/lisbon-plant/")
    assert page.status_code == 200
    assert "Zephyrcorp has opened its Lisbon plant" in page.content.decode()


def test_restoring_a_revision_whose_embargo_has_passed_onto_a_held_piece_is_refused(
    editor_client,
):
    yesterday = timezone.now() - timedelta(days=1)
    piece = release(published_at=yesterday, embargoed_until=yesterday)
    ran_at_its_embargo = kept_version(piece)
    publishing.unpublish(piece)
    publishing.embargo(piece, until=timezone.now() + timedelta(days=2))
    before = as_stored(piece)

    response = restore(editor_client, piece, ran_at_its_embargo)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["embargoed_until"] == [PAST_EMBARGO]
    assert as_stored(piece) == before
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_restoring_a_revision_without_the_embargo_onto_a_held_piece_keeps_it_held(
    editor_client,
):
    piece = release(status=Article.Status.DRAFT, published_at=None)
    before_the_embargo = kept_version(piece)
    publishing.embargo(piece, until=timezone.now() + timedelta(days=2))
    until = piece.embargoed_until

    response = restore(editor_client, piece, before_the_embargo)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["embargoed_until"]
    assert error == (
        f"The piece is under embargo until {display_datetime(until)}; this revision has "
        "none. To keep the embargo, put that time back in the box; to run the piece now, "
        "use “Lift the embargo” on its page first."
    )
    piece.refresh_from_db()
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404

    # With the time put back the draft is restored, its embargo still in the box.
    local = timezone.localtime(until)
    url = restore_url(piece, before_the_embargo)
    data = form_data(
        editor_client.get(url),
        embargoed_until_0=local.strftime("%Y-%m-%d"),
        embargoed_until_1=local.strftime("%H:%M:%S"),
    )
    restored = editor_client.post(url, data)
    assert restored.status_code == 302, errors_on(restored)
    piece.refresh_from_db()
    assert (piece.status, piece.embargoed_until) == (
        Article.Status.DRAFT,
        until.replace(microsecond=0),
    )
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_restoring_a_revision_with_the_same_embargo_restores_its_text(editor_client):
    piece = publishing.embargo(
        release(status=Article.Status.DRAFT, published_at=None, headline="Old headline"),
        until=(timezone.now() + timedelta(days=2)).replace(microsecond=0),
    )
    old = kept_version(piece)
    piece.headline = "New headline"
    piece.save()
    until = piece.embargoed_until

    response = restore(editor_client, piece, old)

    assert response.status_code == 302, errors_on(response)
    piece.refresh_from_db()
    assert piece.headline == "Old headline"
    assert (piece.embargoed_until, piece.published_at) == (until, until)
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_a_contributor_cannot_restore_an_embargoed_revision_with_forged_ids(
    contributor_client, contributor
):
    piece = publishing.embargo(
        release(status=Article.Status.DRAFT, published_at=None, created_by=contributor),
        until=timezone.now() + timedelta(days=2),
    )
    embargoed = kept_version(piece)
    publishing.lift_embargo(piece)
    before = as_stored(piece)
    other = ArticleFactory()

    assert contributor_client.post(restore_url(piece, embargoed), {}).status_code == 403
    forged = f"/admin/articles/article/{other.pk}/history/{embargoed.pk}/"
    assert contributor_client.post(forged, {}).status_code in (403, 404)
    assert as_stored(piece) == before
    assert Client().get("/news/lisbon-plant/").status_code == 200
