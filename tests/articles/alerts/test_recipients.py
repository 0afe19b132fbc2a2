"""Who gets an alert, sent through a real SMTP server on loopback: the readers who chose the
piece, once however often it is published; nothing for other events or a piece readers
cannot see; a correction to those who asked for corrections, daily readers too, each email
with the notes of its own event."""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.alerts.sending import send_instant_alerts
from articles.events import dispatch
from articles.models import AlertDelivery, Correction
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


# Who gets an alert.


def test_an_alert_goes_to_those_who_chose_the_piece(mailbox):
    dana, marcus = AuthorFactory(), AuthorFactory()
    piece = ArticleFactory(kind="op-ed", authors=[dana], tag_names=["Television"])
    television = Tag.objects.get(name="Television")
    ArticleFactory(tag_names=["Energy"])
    energy = Tag.objects.get(name="Energy")
    SubscriberFactory(email="all@example.com")
    SubscriberFactory(email="op-eds@example.com", everything=False, kinds=["news", "op-ed"])
    SubscriberFactory(email="news@example.com", everything=False, kinds=["news"])
    SubscriberFactory(email="tv@example.com", everything=False, tags=[television, energy])
    SubscriberFactory(email="energy@example.com", everything=False, tags=[energy])
    SubscriberFactory(email="dana@example.com", everything=False, authors=[marcus, dana])
    SubscriberFactory(email="marcus@example.com", everything=False, authors=[marcus])
    SubscriberFactory(email="waiting@example.com", confirmed_at=None)
    SubscriberFactory(email="daily@example.com", frequency="daily")

    assert send_instant_alerts(7, piece.pk, "article.published") == 4

    assert mailbox.recipients() == [
        "all@example.com",
        "dana@example.com",
        "op-eds@example.com",
        "tv@example.com",
    ]
    assert all(
        message.header("From") == "Newsroom <newsroom@localhost>" for message in mailbox.messages
    )


def test_a_piece_sent_before_is_not_sent_again_when_it_is_published_again(mailbox):
    SubscriberFactory()
    piece = ArticleFactory()

    assert send_instant_alerts(1, piece.pk, "published") == 1
    assert send_instant_alerts(9, piece.pk, "published") == 0
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize("kind", ["article.updated", "article.unpublished", "article.deleted"])
def test_other_events_send_nothing(mailbox, kind):
    SubscriberFactory(wants_corrections=True)

    assert send_instant_alerts(1, ArticleFactory().pk, kind) == 0
    assert not mailbox.messages
    assert not AlertDelivery.objects.exists()


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "published_at": None},
        {"status": "in-review", "published_at": None},
        {"status": "unpublished"},
        {"published_at": timedelta(minutes=1)},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_a_piece_readers_cannot_see_sends_nothing(mailbox, state):
    SubscriberFactory()
    if isinstance(state.get("published_at"), timedelta):
        state = {"published_at": timezone.now() + state["published_at"]}

    assert send_instant_alerts(1, ArticleFactory(**state).pk, "published") == 0
    assert send_instant_alerts(2, 987_654, "published") == 0
    assert not mailbox.messages


def test_a_correction_goes_only_to_those_who_asked_for_corrections(mailbox):
    piece = ArticleFactory(headline="Ferry timetable", tag_names=["Transport"])
    transport = Tag.objects.get()
    SubscriberFactory(email="plain@example.com")
    SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    SubscriberFactory(
        email="other-topic@example.com", everything=False, kinds=["op-ed"], wants_corrections=True
    )
    SubscriberFactory(
        email="topic@example.com", everything=False, tags=[transport], wants_corrections=True
    )
    assert send_instant_alerts(1, piece.pk, "published") == 3
    mailbox.clear()
    assert send_instant_alerts(2, piece.pk, "corrected") == 0, "no correction note yet"
    note = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")

    assert send_instant_alerts(note.event_id, piece.pk, "article.corrected") == 2

    assert mailbox.recipients() == ["corrections@example.com", "topic@example.com"]
    message = mailbox.messages[0]
    assert message.subject == "Correction: News: Ferry timetable"
    assert "The ferry leaves at 9, not 8." in message.text
    assert "The first paragraph" not in message.text, "a correction sends the note and a link"


def test_each_correction_email_carries_the_notes_of_its_own_event(mailbox):
    piece = ArticleFactory(headline="Ferry timetable")
    SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    first = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")
    # Handed on, as the worker does: its email is recorded; the next note needs an event of its own.
    assert dispatch.hand_on.call(first.event_id) == "handed on"
    second = Correction.objects.create(
        article=piece, kind=Correction.Kind.UPDATE, text="The Sunday ferry is cancelled."
    )
    third = Correction.objects.create(article=piece, text="It sails from pier 4, not pier 2.")
    assert first.event_id != second.event_id == third.event_id

    assert send_instant_alerts(second.event_id, piece.pk, "article.corrected") == 1
    assert send_instant_alerts(first.event_id, piece.pk, "article.corrected") == 1
    assert send_instant_alerts(second.event_id, piece.pk, "article.corrected") == 0

    later, earlier = mailbox.messages
    assert earlier.subject == "Correction: News: Ferry timetable"
    assert "The ferry leaves at 9, not 8." in earlier.text
    assert "Sunday" not in earlier.everything
    assert "pier 4" not in earlier.everything
    assert later.subject == "Corrections: News: Ferry timetable"
    assert later.text.index("The Sunday ferry is cancelled.") < later.text.index("pier 4")
    assert "leaves at 9" not in later.everything


def test_a_daily_reader_who_asked_for_corrections_is_told_of_one_as_it_is_made(mailbox):
    """A digest lists the day's new pieces: a correction goes to daily readers who asked for
    corrections at once, as it goes to the others."""
    piece = ArticleFactory(headline="Ferry timetable")
    SubscriberFactory(email="daily@example.com", frequency="daily", wants_corrections=True)
    SubscriberFactory(email="daily-plain@example.com", frequency="daily")
    assert send_instant_alerts(1, piece.pk, "published") == 0, "the digest carries publications"
    note = Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")

    assert send_instant_alerts(note.event_id, piece.pk, "article.corrected") == 1

    assert mailbox.recipients() == ["daily@example.com"]
    assert "The ferry leaves at 9, not 8." in mailbox.messages[0].text
