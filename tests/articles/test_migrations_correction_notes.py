"""Migration 0028 on the notes of pieces with several corrections: which note each correction
event not yet sent is given, when notes share a date, are dated out of order or were deleted,
and when a piece has two events not yet sent.

It gives each such event the note it would have sent before notes named their events, the
piece's newest by date (the latest made among equals), and a second one the newest left; notes
already told, and events already sent, dismissed or of other pieces, are left alone.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.migrating import SITE_LATEST, migrate

BEFORE = [("articles", "0027_alertdelivery_pieces"), SITE_LATEST]
AFTER = [("articles", "0028_correction_event"), SITE_LATEST]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


class Before:
    """The models as 0027 left them, and a way to make the rows of a piece's corrections."""

    def __init__(self):
        apps = migrate(BEFORE)
        self.Article = apps.get_model("articles", "Article")
        self.Correction = apps.get_model("articles", "Correction")
        self.Event = apps.get_model("articles", "Event")
        self.Subscriber = apps.get_model("articles", "Subscriber")
        self.AlertDelivery = apps.get_model("articles", "AlertDelivery")
        self.now = timezone.now()

    def piece(self, slug):
        return self.Article.objects.create(headline=slug.title(), slug=slug)

    def note(self, piece, text, *, minutes=0):
        return self.Correction.objects.create(
            article=piece, text=text, published_at=self.now + timedelta(minutes=minutes)
        )

    def event(self, piece, **fields):
        return self.Event.objects.create(kind="article.corrected", article_id=piece.pk, **fields)

    def delivery(self, event, **fields):
        subscriber, _ = self.Subscriber.objects.get_or_create(
            email="reader@example.com", defaults={"key": "k" * 43}
        )
        return self.AlertDelivery.objects.create(
            subscriber=subscriber,
            event_id=event.pk,
            message_id=f"<{event.pk}@example.com>",
            **fields,
        )


def named_events() -> dict[int, int | None]:
    Correction = migrate(AFTER).get_model("articles", "Correction")
    return dict(Correction.objects.values_list("pk", "event_id"))


def test_notes_sharing_a_date_go_to_the_latest_made_and_earlier_ones_stay_unnamed():
    before = Before()
    ferry = before.piece("ferry")
    first = before.note(ferry, "First.")
    second = before.note(ferry, "Second.")
    third = before.note(ferry, "Third.")
    waiting = before.event(ferry)

    assert named_events() == {first.pk: None, second.pk: None, third.pk: waiting.pk}


def test_two_events_not_yet_sent_of_one_piece_take_the_newest_note_and_the_next():
    before = Before()
    ferry = before.piece("ferry")
    oldest = before.note(ferry, "Oldest.", minutes=-20)
    middle = before.note(ferry, "Middle.", minutes=-10)
    newest = before.note(ferry, "Newest.")
    # Handed on, its email to one reader not sent yet; then a later one waiting.
    handed_on = before.event(ferry, handled_at=before.now)
    before.delivery(handed_on)
    waiting = before.event(ferry)

    assert named_events() == {oldest.pk: None, middle.pk: handed_on.pk, newest.pk: waiting.pk}


def test_the_newest_note_is_the_latest_by_date_not_the_latest_made():
    before = Before()
    ferry = before.piece("ferry")
    dated_later = before.note(ferry, "Dated later.", minutes=5)
    backdated = before.note(ferry, "Backdated.", minutes=-5)
    waiting = before.event(ferry)

    assert named_events() == {dated_later.pk: waiting.pk, backdated.pk: None}


def test_a_waiting_event_whose_note_was_deleted_is_given_the_newest_note_left():
    # Before 0028 it would have sent that note again; it names it, and sends it, after 0028.
    before = Before()
    ferry = before.piece("ferry")
    told = before.note(ferry, "Told already.", minutes=-10)
    sent = before.event(ferry, handled_at=before.now)
    before.delivery(sent, sent_at=before.now)
    deleted = before.note(ferry, "Deleted.")
    waiting = before.event(ferry)
    deleted.delete()

    assert named_events() == {told.pk: waiting.pk}


def test_events_sent_failed_or_dismissed_and_other_pieces_notes_are_left_alone():
    before = Before()
    ferry, bridge, tunnel = before.piece("ferry"), before.piece("bridge"), before.piece("tunnel")
    ferry_note = before.note(ferry, "Ferry.")
    bridge_note = before.note(bridge, "Bridge.")
    tunnel_note = before.note(tunnel, "Tunnel.")
    sent = before.event(ferry, handled_at=before.now)
    before.delivery(sent, sent_at=before.now)
    failed = before.event(bridge, handled_at=before.now)
    before.delivery(failed, failed_at=before.now)
    before.event(tunnel, dismissed=True)
    before.Event.objects.create(kind="article.updated", article_id=tunnel.pk)
    # A piece's waiting event, its notes all of another piece.
    before.event(before.piece("pier"))

    assert named_events() == {ferry_note.pk: None, bridge_note.pk: None, tunnel_note.pk: None}

    migrate(BEFORE)  # and back again
