"""A journalist's link ends for good once its piece leaves the embargo and is withdrawn, however
the embargo was taken off: putting the piece under a new embargo does not open it again."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, PressAccess
from articles.workflow import publishing
from tests.articles.embargo.test_pre_access import LIFT, link_in, release, share

pytestmark = pytest.mark.django_db


def lifted_then_withdrawn(editor_client, piece) -> None:
    """The editor lifts the embargo with the button, then unpublishes the piece."""
    assert editor_client.post(LIFT.format(piece.pk)).status_code == 302
    publishing.unpublish(Article.objects.get(pk=piece.pk))


def withdrawn_with_the_embargo_cleared(editor_client, piece) -> None:
    """A script takes the piece back to a draft and empties its embargo in one save."""
    piece = Article.objects.get(pk=piece.pk)
    piece.status, piece.embargoed_until, piece.published_at = "draft", None, None
    piece.save()


def test_lifting_the_embargo_sends_links_to_the_public_page_until_it_is_withdrawn(
    editor_client, mailoutbox
):
    piece = release()
    share(editor_client, piece)
    path = link_in(mailoutbox[0])

    editor_client.post(LIFT.format(piece.pk))

    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"] == "/news/lisbon-plant/"
    assert PressAccess.objects.get().view_count == 0
    assert PressAccess.objects.get().state == "Expired"

    publishing.unpublish(Article.objects.get(pk=piece.pk))

    assert Client().get(path).status_code == 404


@pytest.mark.parametrize("withdraw", [lifted_then_withdrawn, withdrawn_with_the_embargo_cleared])
def test_a_link_to_a_withdrawn_piece_stays_ended_when_it_is_embargoed_anew(
    editor_client, mailoutbox, withdraw
):
    """The editor shared the piece with a journalist, took it off, and later holds it under a
    new embargo: the journalist's old link, sent for the first embargo, opens nothing. The
    editor shares it anew with whom they choose."""
    piece = release(days=3)
    share(editor_client, piece)
    old_link = link_in(mailoutbox[0])
    withdraw(editor_client, piece)
    assert Client().get(old_link).status_code == 404

    publishing.embargo(Article.objects.get(pk=piece.pk), until=timezone.now() + timedelta(days=1))

    response = Client().get(old_link)
    assert response.status_code == 404
    assert "Lisbon plant" not in response.content.decode()
    assert PressAccess.objects.get().state != "Active"


def test_an_ended_link_sends_its_reader_to_the_public_page_kept_by_no_cache_nor_indexed(
    editor_client, mailoutbox
):
    """The redirect from a journalist's ended link names the link's address: no shared cache
    keeps it and no search engine lists it, as for the link's own page."""
    piece = release()
    share(editor_client, piece)
    old_link = link_in(mailoutbox[0])
    assert editor_client.post(LIFT.format(piece.pk)).status_code == 302

    for address in (old_link, f"{old_link}media-kit.zip"):
        response = Client().get(address)

        assert response.status_code == 302
        assert response["Location"].startswith("/news/lisbon-plant/")
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]
