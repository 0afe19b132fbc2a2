"""A correction its piece's withdrawal kept from readers before anything was sent (the worker
had not handed it on yet) is told when the piece is public again: once, after the piece's
publication, to the readers who asked for corrections when it was made, and to webhook
receivers; a piece its readers never heard of before the note sends the piece alone. A note
added while the piece is withdrawn goes the same way."""

import pytest
from django.utils import timezone

from articles.events.dispatch import hand_on_due
from articles.models import Correction, Event, Subscriber
from articles.workflow import publishing
from tests.admin_forms import saved
from tests.articles.alerts.test_alert_withdrawn import READERS, readers, sent_to
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

NOTE = "The ferry leaves at 9, not 8."


def announced(changes, mailbox):
    """A piece whose publication every reader had by email; the mailbox emptied after."""
    readers(wants_corrections=True)
    piece = ArticleFactory(status="draft", published_at=None, headline="Ferry timetable")
    changes(publishing.publish, piece)
    assert sorted(sent_to(mailbox)) == READERS
    mailbox.clear()
    return piece


def corrected_then_withdrawn(piece) -> Correction:
    """A note on the public piece, and the piece unpublished before the worker came round."""
    note = Correction.objects.create(article=piece, text=NOTE)
    publishing.unpublish(piece)
    return note


def told_the_note_once(mailbox, changes, piece) -> None:
    """Every reader has the note, and no second alert of the piece; then neither a worker
    starting again nor the piece coming back once more sends it again."""
    assert sorted(sent_to(mailbox)) == READERS, "the note, and no second alert of the piece"
    for message in mailbox.messages:
        assert message.subject == "Correction: News: Ferry timetable"
        assert NOTE in message.text
    mailbox.clear()
    changes(hand_on_due)
    changes(publishing.unpublish, piece)
    changes(publishing.publish, piece)
    assert mailbox.messages == []


def test_a_correction_withdrawn_before_it_was_sent_reaches_every_reader_when_the_piece_is_back(
    mailbox, changes
):
    piece = announced(changes, mailbox)
    note = changes(corrected_then_withdrawn, piece)
    assert mailbox.messages == []
    assert Event.objects.get(pk=note.event_id).dismissed

    changes(publishing.publish, piece)

    for message in mailbox.messages:
        assert NOTE in message.html
    told_the_note_once(mailbox, changes, piece)


def test_a_reader_who_subscribed_while_the_piece_was_withdrawn_gets_the_piece_not_the_note(
    mailbox, changes
):
    piece = announced(changes, mailbox)
    changes(corrected_then_withdrawn, piece)
    SubscriberFactory(email="newcomer@example.com", wants_corrections=True)

    changes(publishing.publish, piece)

    newcomer = mailbox.to("newcomer@example.com")
    assert [message.subject for message in newcomer] == ["News: Ferry timetable"]
    assert sorted(sent_to(mailbox)) == sorted([*READERS, "newcomer@example.com"])


def test_readers_who_stopped_asking_for_corrections_meanwhile_are_not_sent_the_note(
    mailbox, changes
):
    piece = announced(changes, mailbox)
    changes(corrected_then_withdrawn, piece)
    Subscriber.objects.filter(email__in=READERS[3:]).update(wants_corrections=False)

    changes(publishing.publish, piece)

    assert sorted(sent_to(mailbox)) == READERS[:3]


def test_a_note_deleted_while_the_piece_was_withdrawn_is_sent_to_nobody(mailbox, changes):
    piece = announced(changes, mailbox)
    note = changes(corrected_then_withdrawn, piece)
    changes(note.delete)

    changes(publishing.publish, piece)

    assert mailbox.messages == []


def test_a_piece_withdrawn_before_it_was_announced_is_announced_with_its_note_alone(
    mailbox, changes
):
    """Readers never heard of the piece: it reaches them once, as it now reads."""
    readers(wants_corrections=True)
    piece = ArticleFactory(status="draft", published_at=None, headline="Ferry timetable")

    def published_corrected_withdrawn():
        publishing.publish(piece)
        corrected_then_withdrawn(piece)

    changes(published_corrected_withdrawn)
    assert mailbox.messages == []

    changes(publishing.publish, piece)

    assert sorted(sent_to(mailbox)) == READERS
    assert {message.subject for message in mailbox.messages} == {"News: Ferry timetable"}


def note_typed(text: str) -> dict:
    """The change form's first correction row, filled in as an editor would: dated now."""
    now = timezone.localtime()
    return {
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "0",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": f"{now:%Y-%m-%d}",
        "corrections-0-published_at_1": f"{now:%H:%M:%S}",
        "corrections-0-text": text,
    }


def test_a_note_added_while_the_piece_is_withdrawn_reaches_its_readers_when_it_is_back(
    mailbox, changes, editor_client, django_capture_on_commit_callbacks
):
    piece = announced(changes, mailbox)
    changes(publishing.unpublish, piece)
    url = f"/admin/articles/article/{piece.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        saved(editor_client, url, **note_typed(NOTE))
    note = Correction.objects.get(article=piece)
    assert note.event_id is not None, "the note's event is recorded as it is made"
    assert mailbox.messages == []

    changes(publishing.publish, piece)

    told_the_note_once(mailbox, changes, piece)


def test_notes_kept_back_and_added_while_withdrawn_arrive_in_one_email_oldest_first(
    mailbox, changes
):
    piece = announced(changes, mailbox)
    changes(corrected_then_withdrawn, piece)
    changes(Correction.objects.create, article=piece, kind="update", text="Sundays too.")

    changes(publishing.publish, piece)

    assert sorted(sent_to(mailbox)) == READERS
    for message in mailbox.messages:
        assert message.subject == "Corrections: News: Ferry timetable"
        assert message.text.index(NOTE) < message.text.index("Sundays too.")


def test_a_note_on_a_piece_never_announced_is_part_of_its_first_alert_alone(mailbox, changes):
    readers(wants_corrections=True)
    piece = ArticleFactory(status="draft", published_at=None, headline="Ferry timetable")
    changes(Correction.objects.create, article=piece, text=NOTE)

    changes(publishing.publish, piece)

    assert sorted(sent_to(mailbox)) == READERS
    assert {message.subject for message in mailbox.messages} == {"News: Ferry timetable"}
