"""Journalists' links when the editor moves the embargo: the links that end with the embargo
follow it; those the editor chose to end sooner keep their time."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import PressAccess
from articles.workflow import publishing
from tests.admin_forms import saved
from tests.articles.embargo.test_pre_access import CHANGE, link_in, release, share

pytestmark = pytest.mark.django_db


def move_embargo(client, piece, to):
    local = timezone.localtime(to)
    saved(
        client,
        CHANGE.format(piece.pk),
        embargoed_until_0=local.strftime("%Y-%m-%d"),
        embargoed_until_1=local.strftime("%H:%M:%S"),
    )
    piece.refresh_from_db()
    assert piece.embargoed_until == to.replace(microsecond=0)
    return piece


def test_a_link_to_a_postponed_embargo_works_until_the_new_embargo(
    editor_client, mailoutbox, clock
):
    piece = release(days=2)
    share(editor_client, piece)
    link = link_in(mailoutbox[0])

    piece = move_embargo(editor_client, piece, piece.embargoed_until + timedelta(days=2))

    # A day after the old embargo, a day before the new one: the piece is still under embargo.
    clock.move(timedelta(days=3))
    piece.refresh_from_db()
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404
    page = Client().get(link)
    assert page.status_code == 200
    assert "Zephyrcorp opens its Lisbon plant" in page.content.decode()
    shared = PressAccess.objects.get()
    assert shared.state == "Active"
    assert shared.expires_at == piece.embargoed_until


def test_a_link_the_editor_ended_sooner_keeps_its_time_when_the_embargo_moves(
    editor_client, mailoutbox
):
    piece = release(days=4)
    sooner = timezone.localtime(timezone.now() + timedelta(days=1)).replace(microsecond=0)
    share(
        editor_client,
        piece,
        expires_at_0=sooner.strftime("%Y-%m-%d"),
        expires_at_1=sooner.strftime("%H:%M:%S"),
    )
    share(editor_client, piece, email="ana@wire.test", name="Ana Wire")

    piece = move_embargo(editor_client, piece, piece.embargoed_until + timedelta(days=3))

    assert PressAccess.objects.get(journalist__email="rosa@ledger.test").expires_at == sooner
    assert PressAccess.objects.get(journalist__email="ana@wire.test").expires_at == (
        piece.embargoed_until
    )


def test_a_link_follows_an_embargo_brought_forward_in_code(editor_client, mailoutbox):
    piece = release(days=4)
    share(editor_client, piece)
    link = link_in(mailoutbox[0])

    piece = publishing.embargo(piece, until=piece.embargoed_until - timedelta(days=2))

    shared = PressAccess.objects.get()
    assert shared.expires_at == piece.embargoed_until
    assert shared.state == "Active"
    assert Client().get(link).status_code == 200


def test_a_revoked_link_stays_revoked_when_the_embargo_moves(editor_client, mailoutbox):
    piece = release(days=2)
    share(editor_client, piece)
    revoked = PressAccess.objects.get()
    revoked.revoked_at = timezone.now()
    revoked.save(update_fields=["revoked_at"])
    old_end = revoked.expires_at

    move_embargo(editor_client, piece, piece.embargoed_until + timedelta(days=2))

    revoked.refresh_from_db()
    assert revoked.expires_at == old_end
    assert revoked.state == "Revoked"
