"""A digest run takes long (`ALERTS_RATE` per second, in batches of `ALERTS_BATCH`): a piece
withdrawn while it runs goes to no reader sent after, and is lost to none of them; a piece
edited while it runs reaches the readers sent after as it reads then, its new warning and
spoiler passages kept from them as from everyone."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from articles.alerts import sending
from articles.alerts.sending import send_digest
from articles.models import AlertDelivery, Article, Event
from articles.workflow import publishing
from tests.admin_forms import saved
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)
READERS = [f"reader{n}@example.com" for n in range(5)]


def at(hour: int, *, days: int = 0) -> datetime:
    moment = datetime.combine(DAY + timedelta(days=days), datetime.min.time()).replace(hour=hour)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def announced(headline: str, when: datetime, **fields) -> Article:
    """A piece published at `when`, its publication handed on to the channels then."""
    piece = ArticleFactory(headline=headline, published_at=when, **fields)
    handed_on = Event.objects.filter(article_id=piece.pk, kind=Event.Kind.PUBLISHED)
    assert handed_on.filter(handled_at=None).update(handled_at=when) == 1
    return piece


def listed(mailbox, headline: str) -> list[str]:
    return [message.recipients[0] for message in mailbox.messages if headline in message.text]


WITHDRAWALS = {
    "unpublished": publishing.unpublish,
    "rescheduled": lambda piece: publishing.publish(piece, at=timezone.now() + timedelta(days=1)),
}


@pytest.mark.parametrize("withdraw", WITHDRAWALS.values(), ids=WITHDRAWALS.keys())
def test_a_piece_withdrawn_between_batches_goes_to_no_reader_after(
    mailbox, between_batches, withdraw
):
    for address in READERS:
        SubscriberFactory(email=address, frequency="daily", confirmed_at=at(6))
    announced("Kept piece", at(8))
    withdrawn = announced("Withdrawn piece", at(9))
    between_batches(lambda: withdraw(withdrawn))

    assert send_digest(DAY) == 5

    assert listed(mailbox, "Kept piece") == READERS
    assert listed(mailbox, "Withdrawn piece") == READERS[:2]
    assert [message.subject for message in mailbox.messages] == [
        "Newsroom: 2 new pieces, Mar 10",
        "Newsroom: 2 new pieces, Mar 10",
        *["Newsroom: 1 new piece, Mar 10"] * 3,
    ]
    carried = AlertDelivery.objects.filter(digest_on=DAY, pieces=withdrawn)
    assert sorted(carried.values_list("subscriber__email", flat=True)) == READERS[:2]


def test_readers_whose_only_piece_was_withdrawn_get_it_when_it_is_published_again(
    mailbox, between_batches
):
    for address in READERS:
        SubscriberFactory(email=address, frequency="daily", confirmed_at=at(6))
    withdrawn = announced("Withdrawn piece", at(9))
    between_batches(lambda: publishing.unpublish(withdrawn))

    assert send_digest(DAY) == 2

    assert listed(mailbox, "Withdrawn piece") == READERS[:2]
    not_sent = AlertDelivery.objects.filter(digest_on=DAY, sent_at=None)
    assert sorted(not_sent.values_list("subscriber__email", flat=True)) == READERS[2:]
    assert {row.error for row in not_sent} == {sending.NOTHING_LEFT}
    assert all(row.failed_at for row in not_sent)

    mailbox.clear()
    publishing.publish(withdrawn)
    handed_on = Event.objects.filter(
        article_id=withdrawn.pk, kind=Event.Kind.PUBLISHED, handled_at=None
    )
    assert handed_on.update(handled_at=at(10, days=1)) == 1
    assert send_digest(DAY + timedelta(days=1)) == 3
    assert listed(mailbox, "Withdrawn piece") == READERS[2:]


def edited_in_the_admin(editor_client, piece: Article, **changes) -> None:
    saved(editor_client, f"/admin/articles/article/{piece.pk}/change/", **changes)


def test_a_headline_edited_between_batches_reaches_the_readers_sent_after(
    mailbox, between_batches, editor_client
):
    for address in READERS:
        SubscriberFactory(email=address, frequency="daily", confirmed_at=at(6))
    piece = announced("Ferry returns", at(9))
    between_batches(
        lambda: edited_in_the_admin(editor_client, piece, headline="Ferry returns to Marrow Bay")
    )

    assert send_digest(DAY) == 5

    piece.refresh_from_db()
    assert piece.headline == "Ferry returns to Marrow Bay", "the editor's change was kept"
    assert [message.recipients[0] for message in mailbox.messages] == READERS
    assert listed(mailbox, "Ferry returns to Marrow Bay") == READERS[2:]


HIDDEN = "the ferryman was the mayor all along"
SPOILED_BODY = f"<p>In the end, {HIDDEN}, and the town forgives him.</p>"
KEPT_BODY = f'<p>In the end, <span class="spoiler">{HIDDEN}</span>, and the town forgives him.</p>'
WARNING = "(Warning: contains spoilers for Low Tide at Marrow Bay)"


def test_a_spoiler_marked_between_batches_is_kept_from_every_reader_sent_after(
    mailbox, between_batches, editor_client
):
    for address in READERS:
        SubscriberFactory(email=address, frequency="daily", confirmed_at=at(6))
    piece = announced(
        "Low Tide's finale, reviewed", at(9), body=SPOILED_BODY, dek=f"In the end, {HIDDEN}."
    )

    def mark_the_spoiler():
        edited_in_the_admin(
            editor_client,
            piece,
            body=KEPT_BODY,
            dek="How a town forgives its ferryman.",
            **{
                "warnings-TOTAL_FORMS": "1",
                "warnings-0-kind": "spoilers",
                "warnings-0-text": "contains spoilers for Low Tide at Marrow Bay",
                "warnings-0-subject": "Low Tide at Marrow Bay",
                "warnings-0-position": "0",
            },
        )

    between_batches(mark_the_spoiler)

    assert send_digest(DAY) == 5

    piece.refresh_from_db()
    assert piece.warnings.count() == 1, "the editor's change was kept"
    before, after = mailbox.messages[:2], mailbox.messages[2:]
    assert [message.recipients[0] for message in after] == READERS[2:]
    assert all(HIDDEN in message.text for message in before)
    for message in after:
        assert HIDDEN not in message.everything
        assert WARNING in message.text
        assert WARNING in message.html
