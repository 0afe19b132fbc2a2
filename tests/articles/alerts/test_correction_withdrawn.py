"""A correction cut off by its piece's withdrawal (see `test_alert_withdrawn`) reaches the
readers it missed when the piece is published again and its publication is handed on: each
note once, to those who still ask for corrections, and to nobody who had it or who subscribed
since."""

import pytest

from articles.alerts import channel, sending
from articles.events import dispatch
from articles.models import AlertDelivery, Article, Correction, Event, Subscriber
from articles.workflow import publishing
from tests.articles.alerts.test_alert_withdrawn import (
    READERS,
    corrected,
    left_with_nothing,
    publication_of,
    readers,
    sent_to,
)
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

NOTE = "The ferry leaves at 9, not 8."


@pytest.fixture
def cut_off(mailbox, between_batches, django_capture_on_commit_callbacks):
    """A piece whose alert every reader had, whose correction reached the first batch only:
    the piece was unpublished between batches. Each event is handed on as the worker does;
    the mailbox is emptied after."""
    readers(wants_corrections=True)
    piece = ArticleFactory(headline="Ferry timetable")
    handed_on(publication_of(piece), django_capture_on_commit_callbacks)
    assert sorted(sent_to(mailbox)) == READERS
    mailbox.clear()
    note = corrected(piece, NOTE)
    between_batches(lambda: publishing.unpublish(piece))
    handed_on(note.event, django_capture_on_commit_callbacks)
    assert sent_to(mailbox) == READERS[:2]
    assert left_with_nothing(event_id=note.event_id) == READERS[2:]
    mailbox.clear()
    return piece, note


def handed_on(event: Event, capture) -> None:
    """Hand the event on, as the worker does, and run what that queues."""
    with capture(execute=True):
        assert dispatch.hand_on.call(event.pk) == "handed on"


def published_again(piece: Article, capture) -> None:
    publishing.publish(piece)
    handed_on(publication_of(piece), capture)


def correction_rows(note: Correction) -> dict[str, str]:
    rows = AlertDelivery.objects.filter(event_id=note.event_id).order_by("subscriber__email")
    return {row.subscriber.email: "sent" if row.sent_at else row.error or "waiting" for row in rows}


def test_readers_cut_off_from_a_correction_get_it_once_when_the_piece_is_public_again(
    mailbox, cut_off, django_capture_on_commit_callbacks
):
    piece, note = cut_off

    published_again(piece, django_capture_on_commit_callbacks)

    assert sorted(sent_to(mailbox)) == READERS[2:], "no publication alert: they had the piece"
    for message in mailbox.messages:
        assert message.subject == "Correction: News: Ferry timetable"
        assert NOTE in message.text
        assert NOTE in message.html
    assert correction_rows(note) == dict.fromkeys(READERS, "sent")

    # Nothing more, however often the queue is resumed or the piece comes back.
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        channel.resume()
    publishing.unpublish(piece)
    published_again(piece, django_capture_on_commit_callbacks)
    assert mailbox.messages == []


def test_a_reader_who_subscribed_while_the_piece_was_withdrawn_gets_the_piece_not_the_note(
    mailbox, cut_off, django_capture_on_commit_callbacks
):
    piece, note = cut_off
    SubscriberFactory(email="newcomer@example.com", wants_corrections=True)

    published_again(piece, django_capture_on_commit_callbacks)

    newcomer = mailbox.to("newcomer@example.com")
    assert [message.subject for message in newcomer] == ["News: Ferry timetable"]
    assert NOTE not in newcomer[0].everything
    assert sorted(sent_to(mailbox)) == sorted([*READERS[2:], "newcomer@example.com"])
    assert "newcomer@example.com" not in correction_rows(note)


def test_a_reader_who_stopped_asking_for_corrections_meanwhile_is_not_sent_the_note(
    mailbox, cut_off, django_capture_on_commit_callbacks
):
    piece, note = cut_off
    Subscriber.objects.filter(email=READERS[4]).update(wants_corrections=False)

    published_again(piece, django_capture_on_commit_callbacks)

    assert sorted(sent_to(mailbox)) == READERS[2:4]
    assert correction_rows(note)[READERS[4]] == sending.NOTHING_LEFT


def test_a_note_deleted_while_the_piece_was_withdrawn_is_sent_to_nobody(
    mailbox, cut_off, django_capture_on_commit_callbacks
):
    piece, note = cut_off
    note.delete()

    published_again(piece, django_capture_on_commit_callbacks)

    assert mailbox.messages == []
    rows = correction_rows(note)
    assert rows == {
        **dict.fromkeys(READERS[:2], "sent"),
        **dict.fromkeys(READERS[2:], sending.NOTHING_LEFT),
    }
    assert not channel.unsent().exists(), "nothing is left waiting for a worker to resume"
