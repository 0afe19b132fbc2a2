"""A reader's choices are read again for each message of a long run (`ALERTS_RATE` per second,
in batches of `ALERTS_BATCH`): one who turns corrections off, chooses other pieces, moves to the
daily digest or unsubscribes on their preferences page while the run goes on is sent nothing
of it they no longer ask for."""

import pytest
from django.test import Client
from django.utils import timezone

from articles.alerts import tokens
from articles.alerts.sending import send_digest
from articles.models import AlertDelivery, Event, Subscriber
from tests.articles.alerts.test_alert_withdrawn import (
    READERS,
    alert_all,
    corrected,
    left_with_nothing,
    readers,
    send_correction,
    sent_to,
)
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LATE = READERS[4]


def on_their_page(address: str, **choices) -> None:
    """The reader saves their preferences page with `choices`, as a browser posts it."""
    token = tokens.subscriber_token(Subscriber.objects.get(email=address).key)
    response = Client().post(f"/news/alerts/preferences/{token}/", choices)
    assert response.status_code == 303


def unsubscribed(address: str) -> None:
    token = tokens.subscriber_token(Subscriber.objects.get(email=address).key)
    assert Client().post(f"/news/alerts/unsubscribe/{token}/").status_code == 200


def test_a_reader_who_turns_corrections_off_mid_run_is_not_sent_the_correction(
    mailbox, between_batches
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers(wants_corrections=True)
    note = corrected(piece)
    between_batches(lambda: on_their_page(LATE, everything="on", frequency="instant"))

    assert send_correction(note) == 4

    assert sent_to(mailbox) == READERS[:4]
    assert left_with_nothing(event_id=note.event_id) == [LATE]
    assert Subscriber.objects.get(email=LATE).wants_corrections is False


def test_a_reader_who_chooses_other_pieces_mid_run_is_not_sent_this_one(mailbox, between_batches):
    piece = ArticleFactory(headline="Ferry timetable", authors=[AuthorFactory()])
    readers()
    between_batches(lambda: on_their_page(LATE, kinds=["op-ed"], frequency="instant"))

    assert alert_all(piece) == 4

    assert sent_to(mailbox) == READERS[:4]
    assert left_with_nothing(article=piece) == [LATE]


def test_a_reader_who_still_chooses_the_piece_another_way_is_sent_it(mailbox, between_batches):
    author = AuthorFactory()
    piece = ArticleFactory(headline="Ferry timetable", authors=[author])
    readers()
    between_batches(lambda: on_their_page(LATE, authors=[str(author.pk)], frequency="instant"))

    assert alert_all(piece) == 5


def test_a_reader_who_moves_to_the_digest_mid_run_gets_the_piece_in_that_days_digest(
    mailbox, between_batches
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers()
    # Handed on today, as the worker does before the run: the day's digest lists it.
    Event.objects.filter(article_id=piece.pk).update(handled_at=timezone.now())
    between_batches(lambda: on_their_page(LATE, everything="on", frequency="daily"))

    assert alert_all(piece) == 4
    assert left_with_nothing(article=piece) == [LATE]
    mailbox.clear()

    assert send_digest(timezone.localdate()) == 1
    [digest] = mailbox.messages
    assert digest.recipients == [LATE]
    assert "Ferry timetable" in digest.text


def test_a_reader_who_unsubscribes_mid_run_is_sent_nothing_and_nothing_is_kept(
    mailbox, between_batches
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers()
    between_batches(lambda: unsubscribed(LATE))

    assert alert_all(piece) == 4

    assert sent_to(mailbox) == READERS[:4]
    assert not Subscriber.objects.filter(email=LATE).exists()
    assert not AlertDelivery.objects.filter(subscriber__email=LATE).exists()
