"""A piece scheduled to run after its embargo: its journalists keep reading it at their links
from the embargo until it runs, when the links lead to the public page; nobody else reads it
before then."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, PressAccess
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.articles.embargo.test_pre_access import CHANGE, link_in, release, share

pytestmark = pytest.mark.django_db

HEADLINE = "Zephyrcorp opens its Lisbon plant"


def runs_a_day_after_its_embargo(editor_client, mailoutbox):
    """A release under embargo for two days, shared with Rosa, scheduled a day after it."""
    piece = release(days=2)
    publishing.publish(piece, at=piece.embargoed_until + timedelta(days=1))
    share(editor_client, piece)
    return piece, link_in(mailoutbox[0])


def test_a_journalist_reads_the_piece_from_its_embargo_until_it_runs(
    editor_client, mailoutbox, clock
):
    piece, link = runs_a_day_after_its_embargo(editor_client, mailoutbox)
    assert PressAccess.objects.get().expires_at == piece.published_at
    panel = editor_client.get(CHANGE.format(piece.pk)).content.decode()
    assert f"runs {display_datetime(piece.published_at)}.</strong>" in panel
    assert "a private link that works until it runs, past the embargo" in panel

    clock.move(timedelta(days=2, hours=1))  # the embargo has passed, the piece is not out
    page = Client().get(link)

    assert page.status_code == 200
    assert HEADLINE in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert PressAccess.objects.get().state == "Active"

    # It runs (times moved, as the database's clock would): the link leads to the public page.
    clock.move(-clock.offset)
    moment = timezone.now() - timedelta(seconds=1)
    Article.objects.filter(pk=piece.pk).update(
        embargoed_until=moment - timedelta(days=1), published_at=moment
    )
    PressAccess.objects.update(created_at=moment - timedelta(days=2), expires_at=moment)
    response = Client().get(link)
    assert response.status_code == 302
    assert response["Location"] == "/news/lisbon-plant/"
    assert Client().get("/news/lisbon-plant/").status_code == 200


def test_nobody_else_reads_it_between_the_embargo_and_its_run(editor_client, mailoutbox, clock):
    piece, link = runs_a_day_after_its_embargo(editor_client, mailoutbox)
    other = release(headline="Other launch", slug="other-launch")
    share(editor_client, other, name="Sam Oduya", outlet="Wire", email="sam@wire.test")
    sams = link_in(mailoutbox[1])
    sams_token = sams.rstrip("/").rsplit("/", 1)[1]
    rosas_token = link.rstrip("/").rsplit("/", 1)[1]

    clock.move(timedelta(days=2, hours=1))

    anonymous = Client()
    assert anonymous.get("/news/lisbon-plant/").status_code == 404
    assert anonymous.get("/news/lisbon-plant/embargoed/not-a-token/").status_code == 404
    assert anonymous.get(link[:-3] + "xx/").status_code == 404
    # Sam's link, at this piece's address, opens Sam's own piece (its embargo has passed and
    # it is out): never this one.
    elsewhere = anonymous.get(f"/news/lisbon-plant/embargoed/{sams_token}/", follow=True)
    assert HEADLINE not in elsewhere.content.decode()
    # Rosa's link signed as Sam's is refused, at either address.
    forged = f"{rosas_token.rpartition(':')[0]}:{sams_token.rpartition(':')[2]}"
    assert anonymous.get(f"/news/lisbon-plant/embargoed/{forged}/").status_code == 404
    assert anonymous.get(f"/news/other-launch/embargoed/{forged}/").status_code == 404
    assert HEADLINE not in anonymous.get("/news/").content.decode()
    assert piece.pk not in [
        row["id"] for row in anonymous.get("/api/v1/articles/").json()["results"]
    ]


def test_links_follow_the_piece_scheduled_later_after_they_were_shared(
    editor_client, mailoutbox, clock
):
    piece = release(days=2)
    share(editor_client, piece)
    link = link_in(mailoutbox[0])
    runs = piece.embargoed_until + timedelta(days=1)

    publishing.publish(piece, at=runs)

    assert PressAccess.objects.get().expires_at == runs
    clock.move(timedelta(days=2, hours=1))
    assert Client().get(link).status_code == 200


def test_lifting_the_embargo_of_a_piece_scheduled_after_it_still_ends_the_links(
    editor_client, mailoutbox, clock
):
    piece, link = runs_a_day_after_its_embargo(editor_client, mailoutbox)

    publishing.lift_embargo(piece)

    assert PressAccess.objects.get().state == "Expired"
    assert Client().get(link).status_code in (302, 404)
