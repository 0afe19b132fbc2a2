"""A correction held back by its piece's withdrawal never reaches a reader before the alert of
the piece's return: whatever order the worker (or several) runs the queued tasks in, a reader
waiting for the piece's alert is sent the note after it."""

import pytest

from articles.alerts import channel
from articles.events import dispatch
from articles.models import Correction, Event
from articles.workflow import publishing
from tests.articles.alerts.test_alert_withdrawn import READERS, publication_of, readers, sent_to
from tests.articles.alerts.worker import run_ahead, work_the_queue
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]

NOTE = "The ferry leaves at 9, not 8."
PIECE, CORRECTION = "News: Ferry timetable", "Correction: News: Ferry timetable"


def subjects_of(mailbox, address: str) -> list[str]:
    return [message.subject for message in mailbox.to(address)]


def test_a_held_correction_reaches_no_reader_before_the_alert_of_the_piece_s_return(
    mailbox, between_batches
):
    readers(wants_corrections=True)
    piece = ArticleFactory(status="draft", published_at=None, headline="Ferry timetable")
    publishing.publish(piece)
    # The piece is corrected and withdrawn while its alert goes out: the first batch had it,
    # the rest are told of it when it is back; the note is held back.
    between_batches(
        lambda: (Correction.objects.create(article=piece, text=NOTE), publishing.unpublish(piece))
    )
    work_the_queue()
    assert sent_to(mailbox) == READERS[:2]
    note = Correction.objects.get(article=piece)
    assert Event.objects.get(pk=note.event_id).dismissed
    mailbox.clear()

    publishing.publish(piece)
    # A worker hands the return on, which queues its alerts and the held note's event; a
    # second worker takes the note's event and its alerts before the return's alerts.
    run_ahead(dispatch.hand_on, publication_of(piece).pk)
    run_ahead(dispatch.hand_on, note.event_id)
    run_ahead(channel.send_alerts, note.event_id, piece.pk, "article.corrected")
    work_the_queue()

    for address in READERS[:2]:
        assert subjects_of(mailbox, address) == [CORRECTION], "they had the piece already"
    for address in READERS[2:]:
        assert subjects_of(mailbox, address) == [PIECE, CORRECTION]
    piece_alert, correction = mailbox.to(READERS[2])
    assert NOTE not in piece_alert.text
    assert NOTE in correction.text
