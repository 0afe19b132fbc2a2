"""An instant run takes long too (`ALERTS_RATE` per second, in batches of `ALERTS_BATCH`): a
piece withdrawn while its alerts or its correction go out reaches no reader sent after, and is
announced to them when it is published again; a piece, or a correction note, edited while they
go out reaches the readers sent after as it reads then, a new warning and spoiler passage kept
from them as from everyone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.alerts import sending
from articles.alerts.sending import send_instant_alerts
from articles.events import dispatch
from articles.models import AlertDelivery, Article, Correction, Event
from articles.workflow import publishing
from tests.admin_forms import saved
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

READERS = [f"reader{n}@example.com" for n in range(5)]

WITHDRAWALS = {
    "unpublished": publishing.unpublish,
    "rescheduled": lambda piece: publishing.publish(piece, at=timezone.now() + timedelta(days=1)),
}


def readers(**fields) -> None:
    for address in READERS:
        SubscriberFactory(email=address, **fields)


def publication_of(piece: Article) -> Event:
    return Event.objects.filter(article_id=piece.pk, kind=Event.Kind.PUBLISHED).latest("pk")


def alert_all(piece: Article) -> int:
    """Send the alerts of the piece's publication, as the worker does."""
    return send_instant_alerts(publication_of(piece).pk, piece.pk, "article.published")


def sent_to(mailbox) -> list[str]:
    return [message.recipients[0] for message in mailbox.messages]


def left_with_nothing(**rows) -> list[str]:
    """The readers whose rows were given up as `NOTHING_LEFT`, every one of them so."""
    given_up = AlertDelivery.objects.filter(sent_at=None, **rows).order_by("subscriber__email")
    assert {(row.error, row.failed_at is not None) for row in given_up} <= {
        (sending.NOTHING_LEFT, True)
    }
    return list(given_up.values_list("subscriber__email", flat=True))


def edited_in_the_admin(editor_client, piece: Article, **changes) -> None:
    saved(editor_client, f"/admin/articles/article/{piece.pk}/change/", **changes)


@pytest.mark.parametrize("withdraw", WITHDRAWALS.values(), ids=WITHDRAWALS.keys())
def test_a_piece_withdrawn_between_batches_is_alerted_to_no_reader_after(
    mailbox, between_batches, withdraw
):
    readers()
    piece = ArticleFactory(headline="Withdrawn piece")
    between_batches(lambda: withdraw(piece))

    assert alert_all(piece) == 2

    assert sent_to(mailbox) == READERS[:2]
    assert left_with_nothing(article=piece) == READERS[2:]
    assert not Article.objects.published().filter(pk=piece.pk).exists()


def test_readers_an_alert_missed_get_it_when_the_piece_is_published_again(
    mailbox, between_batches, django_capture_on_commit_callbacks
):
    readers()
    piece = ArticleFactory(headline="Withdrawn piece")
    between_batches(lambda: publishing.unpublish(piece))
    assert alert_all(piece) == 2
    mailbox.clear()

    publishing.publish(piece)
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.hand_on.call(publication_of(piece).pk) == "handed on"

    assert sorted(sent_to(mailbox)) == READERS[2:]
    assert all("Withdrawn piece" in message.subject for message in mailbox.messages)
    sent = AlertDelivery.objects.filter(article=piece, sent_at__isnull=False)
    assert sorted(sent.values_list("subscriber__email", flat=True)) == READERS


def test_a_headline_edited_between_batches_reaches_the_readers_alerted_after(
    mailbox, between_batches, editor_client
):
    readers()
    piece = ArticleFactory(headline="Ferry returns")
    between_batches(
        lambda: edited_in_the_admin(editor_client, piece, headline="Ferry returns to Marrow Bay")
    )

    assert alert_all(piece) == 5

    assert sent_to(mailbox) == READERS
    subjects = [message.subject for message in mailbox.messages]
    assert subjects == ["News: Ferry returns"] * 2 + ["News: Ferry returns to Marrow Bay"] * 3


HIDDEN = "the ferryman was the mayor all along"
SPOILED_BODY = f"<p>In the end, {HIDDEN}, and the town forgives him.</p>"
KEPT_BODY = f'<p>In the end, <span class="spoiler">{HIDDEN}</span>, and the town forgives him.</p>'
WARNING = "(Warning: contains spoilers for Low Tide at Marrow Bay)"
SPOILER_WARNING = {
    "warnings-TOTAL_FORMS": "1",
    "warnings-0-kind": "spoilers",
    "warnings-0-text": "contains spoilers for Low Tide at Marrow Bay",
    "warnings-0-subject": "Low Tide at Marrow Bay",
    "warnings-0-position": "0",
}


def test_a_spoiler_marked_between_batches_is_kept_from_every_reader_alerted_after(
    mailbox, between_batches, editor_client
):
    readers()
    piece = ArticleFactory(
        headline="Low Tide's finale, reviewed", body=SPOILED_BODY, dek=f"In the end, {HIDDEN}."
    )
    between_batches(
        lambda: edited_in_the_admin(
            editor_client,
            piece,
            body=KEPT_BODY,
            dek="How a town forgives its ferryman.",
            **SPOILER_WARNING,
        )
    )

    assert alert_all(piece) == 5

    piece.refresh_from_db()
    assert piece.warnings.count() == 1, "the editor's change was kept"
    before, after = mailbox.messages[:2], mailbox.messages[2:]
    assert [message.recipients[0] for message in after] == READERS[2:]
    assert all(HIDDEN in message.text for message in before)
    for message in after:
        assert HIDDEN not in message.text
        assert HIDDEN not in message.html
        assert HIDDEN not in message.everything
        assert message.subject.startswith(WARNING)
        assert message.text.startswith(WARNING)
        assert WARNING in message.html
        assert "[spoiler]" in message.text


# Corrections: the note and the piece are asked again for each message too.


def corrected(piece: Article, text: str = "The ferry leaves at 9, not 8.") -> Correction:
    return Correction.objects.create(article=piece, text=text)


def send_correction(note: Correction) -> int:
    return send_instant_alerts(note.event_id, note.article_id, "article.corrected")


@pytest.mark.parametrize("withdraw", WITHDRAWALS.values(), ids=WITHDRAWALS.keys())
def test_a_correction_of_a_piece_withdrawn_between_batches_goes_to_no_reader_after(
    mailbox, between_batches, withdraw
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers(wants_corrections=True, frequency="daily")
    note = corrected(piece)
    between_batches(lambda: withdraw(piece))

    assert send_correction(note) == 2

    assert sent_to(mailbox) == READERS[:2]
    assert left_with_nothing(event_id=note.event_id) == READERS[2:]


def test_a_correction_edited_between_batches_reaches_the_readers_sent_after_as_it_reads(
    mailbox, between_batches, editor_client
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers(wants_corrections=True, frequency="daily")
    note = corrected(piece, "The ferry leaves at 9, not 8.")
    between_batches(
        lambda: edited_in_the_admin(
            editor_client, piece, **{"corrections-0-text": "The ferry leaves at 9:30, not 8."}
        )
    )

    assert send_correction(note) == 5

    note.refresh_from_db()
    assert note.text == "The ferry leaves at 9:30, not 8.", "the editor's change was kept"
    before, after = mailbox.messages[:2], mailbox.messages[2:]
    assert all("leaves at 9, not 8" in message.text for message in before)
    for message in after:
        assert "leaves at 9, not 8" not in message.everything
        assert "The ferry leaves at 9:30, not 8." in message.text
        assert "The ferry leaves at 9:30, not 8." in message.html
        assert message.subject == "Correction: News: Ferry timetable"


def test_a_correction_deleted_between_batches_goes_to_no_reader_after(
    mailbox, between_batches, editor_client
):
    piece = ArticleFactory(headline="Ferry timetable")
    readers(wants_corrections=True, frequency="daily")
    note = corrected(piece)
    between_batches(
        lambda: edited_in_the_admin(editor_client, piece, **{"corrections-0-DELETE": "on"})
    )

    assert send_correction(note) == 2

    assert not Correction.objects.exists(), "the editor's deletion was kept"
    assert sent_to(mailbox) == READERS[:2]
    assert left_with_nothing(article=piece) == READERS[2:]


def test_a_warning_added_between_batches_heads_the_correction_sent_after(
    mailbox, between_batches, editor_client
):
    piece = ArticleFactory(headline="Low Tide's finale, reviewed", body=KEPT_BODY)
    readers(wants_corrections=True, frequency="daily")
    note = corrected(piece, "The finale aired on Sunday, not Saturday.")
    between_batches(lambda: edited_in_the_admin(editor_client, piece, **SPOILER_WARNING))

    assert send_correction(note) == 5

    before, after = mailbox.messages[:2], mailbox.messages[2:]
    assert [message.subject for message in before] == [
        "Correction: News: Low Tide's finale, reviewed"
    ] * 2
    for message in after:
        assert message.subject == f"{WARNING} Correction: News: Low Tide's finale, reviewed"
        assert message.text.startswith(WARNING)
        assert WARNING in message.html
        assert HIDDEN not in message.everything
