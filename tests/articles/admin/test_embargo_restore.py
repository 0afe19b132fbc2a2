"""Restoring a revision keeps the piece's embargo as it is now; the restore page's box changes it
only as the change form's may, compared with the piece as it is, not with the revision."""

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


def embargo_box(moment) -> dict:
    local = timezone.localtime(moment)
    return {
        "embargoed_until_0": local.strftime("%Y-%m-%d") if moment else "",
        "embargoed_until_1": local.strftime("%H:%M:%S") if moment else "",
    }


def test_restoring_an_embargoed_revision_onto_a_public_piece_keeps_it_public(editor_client):
    until = timezone.now() + timedelta(days=2)
    piece = publishing.embargo(release(status=Article.Status.DRAFT, published_at=None), until=until)
    embargoed = kept_version(piece)
    publishing.lift_embargo(piece)
    piece.headline = "Zephyrcorp has opened its Lisbon plant"
    piece.save()
    _, status, published_at, embargoed_until = as_stored(piece)
    url = restore_url(piece, embargoed)

    # The revision's embargo typed back into the box: refused as on the change form.
    refused = editor_client.post(url, form_data(editor_client.get(url), **embargo_box(until)))
    assert refused.status_code == 200
    (error,) = refused.context["adminform"].form.errors["embargoed_until"]
    assert error == (
        f"This piece has been public since {display_datetime(published_at)}: an embargo can "
        "only hold a piece that is not out yet. To take it down, use “Unpublish”."
    )
    assert as_stored(piece)[0] == "Zephyrcorp has opened its Lisbon plant"

    # Restored as the form opens: the revision's text, the piece's publication as it is.
    response = restore(editor_client, piece, embargoed)

    assert response.status_code == 302, errors_on(response)
    assert as_stored(piece) == (
        "Zephyrcorp opens its Lisbon plant",
        status,
        published_at,
        embargoed_until,
    )
    page = Client().get("/news/lisbon-plant/")
    assert page.status_code == 200
    assert "Zephyrcorp opens its Lisbon plant" in page.content.decode()


def test_restoring_a_revision_whose_embargo_has_passed_onto_a_held_piece_keeps_it_held(
    editor_client,
):
    yesterday = timezone.now() - timedelta(days=1)
    piece = release(published_at=yesterday, embargoed_until=yesterday)
    ran_at_its_embargo = kept_version(piece)
    publishing.unpublish(piece)
    # Whole seconds, as the box shows them.
    publishing.embargo(piece, until=(timezone.now() + timedelta(days=2)).replace(microsecond=0))
    before = as_stored(piece)
    url = restore_url(piece, ran_at_its_embargo)

    refused = editor_client.post(url, form_data(editor_client.get(url), **embargo_box(yesterday)))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["embargoed_until"] == [PAST_EMBARGO]
    assert as_stored(piece) == before

    response = restore(editor_client, piece, ran_at_its_embargo)

    assert response.status_code == 302, errors_on(response)
    assert as_stored(piece)[1:] == before[1:]
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_restoring_a_revision_without_the_embargo_onto_a_held_piece_keeps_it_held(
    editor_client,
):
    piece = release(status=Article.Status.DRAFT, published_at=None)
    before_the_embargo = kept_version(piece)
    publishing.embargo(piece, until=(timezone.now() + timedelta(days=2)).replace(microsecond=0))
    until = piece.embargoed_until
    url = restore_url(piece, before_the_embargo)

    # The box emptied on the restore page lifts nothing: the restore says how to.
    emptied = editor_client.post(url, form_data(editor_client.get(url), **embargo_box(None)))
    assert emptied.status_code == 200
    (error,) = emptied.context["adminform"].form.errors["embargoed_until"]
    assert error == (
        f"The piece is under embargo until {display_datetime(until)}; this revision has "
        "none. To keep the embargo, put that time back in the box; to run the piece now, "
        "use “Lift the embargo” on its page first."
    )
    piece.refresh_from_db()
    assert piece.is_embargoed

    restored = restore(editor_client, piece, before_the_embargo)

    assert restored.status_code == 302, errors_on(restored)
    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (until, until)
    assert piece.is_embargoed
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
