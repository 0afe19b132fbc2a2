"""The daily digest, sent through a real SMTP server on loopback: each reader the pieces of the
day they chose, whatever date the pieces show, none sent to them before by digest or alert,
none withdrawn."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from articles.alerts import subscribing
from articles.alerts.sending import send_digest, send_instant_alerts
from articles.models import Event, Subscriber
from articles.workflow import publishing
from tests.articles.alerts.test_contents import HIDDEN, spoiling
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


DAY = date(2026, 3, 10)


def at(hour: int, *, days: int = 0) -> datetime:
    """`hour` o'clock on `DAY` (or `days` after it) in the site's time zone."""
    moment = datetime.combine(DAY + timedelta(days=days), datetime.min.time()).replace(hour=hour)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def announced(article, when: datetime) -> None:
    """The piece's publication handed on to the channels at `when`, as the worker does it."""
    waiting = Event.objects.filter(
        article_id=article.pk, kind=Event.Kind.PUBLISHED, handled_at=None
    )
    assert waiting.update(handled_at=when) == 1


def test_the_digest_sends_each_reader_the_days_pieces_they_chose(mailbox):
    day = DAY
    dana = AuthorFactory(name="Dana Whitfield")
    first = ArticleFactory(headline="Ferry returns", published_at=at(8), authors=[dana])
    spoiler = spoiling(published_at=at(12), authors=[dana])
    other = ArticleFactory(headline="Other news", published_at=at(15))
    yesterdays = ArticleFactory(headline="Yesterday's", published_at=at(8, days=-1), authors=[dana])
    ArticleFactory(headline="Draft", status="draft", published_at=None, authors=[dana])
    for piece in (first, spoiler, other, yesterdays):
        announced(piece, piece.published_at)
    reader = SubscriberFactory(
        email="dana-fan@example.com",
        everything=False,
        authors=[dana],
        frequency="daily",
        confirmed_at=at(6),
    )
    SubscriberFactory(
        email="nothing-today@example.com",
        everything=False,
        kinds=["interview"],
        frequency="daily",
        confirmed_at=at(6),
    )
    SubscriberFactory(email="confirmed-later@example.com", frequency="daily")
    SubscriberFactory(email="instant@example.com", confirmed_at=at(6))

    assert send_digest(day) == 1

    [digest] = mailbox.messages
    assert digest.recipients == ["dana-fan@example.com"]
    assert digest.subject == "Newsroom: 2 new pieces, Mar 10"
    text = digest.text
    assert text.index("Ferry returns") < text.index("(Warning: contains spoilers")
    assert "Other news" not in text
    assert "Yesterday's" not in text
    assert f"http://testserver{first.get_absolute_url()}" in text
    assert f"http://testserver{spoiler.get_absolute_url()}" in text
    assert HIDDEN not in digest.everything
    assert digest.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    reader.refresh_from_db()
    assert reader.last_digest_at is not None
    listed = subscribing.export(reader)["deliveries"][0]["pieces"]
    assert sorted(listed) == sorted([first.headline, spoiler.headline])

    assert send_digest(day) == 0
    assert len(mailbox.messages) == 1
    assert send_digest(day + timedelta(days=5)) == 0


def digest_reader(email: str, *, confirmed_at: datetime | None = None) -> Subscriber:
    """A reader of the daily digest about everything, confirmed early on `DAY`."""
    return SubscriberFactory(email=email, frequency="daily", confirmed_at=confirmed_at or at(6))


def test_the_digest_lists_the_pieces_announced_that_day_whatever_their_date(mailbox):
    """An import, or a piece published again keeping its past time, is announced the day it
    goes public: that day's digest carries it, as instant alerts do that day."""
    digest_reader("daily@example.com")
    imported = ArticleFactory(headline="Imported piece", published_at=at(9, days=-30))
    announced(imported, at(11))
    earlier = ArticleFactory(headline="Announced the day before", published_at=at(23, days=-1))
    announced(earlier, at(23, days=-1))

    assert send_digest(DAY) == 1

    [digest] = mailbox.messages
    assert digest.recipients == ["daily@example.com"]
    assert digest.subject == "Newsroom: 1 new piece, Mar 10"
    assert "Imported piece" in digest.text
    assert "Announced the day before" not in digest.text
    assert send_digest(DAY - timedelta(days=30)) == 0, "nothing was announced that day"


def test_a_piece_published_again_goes_only_to_readers_whose_digest_did_not_carry_it(mailbox):
    digest_reader("had-it@example.com")
    again = ArticleFactory(headline="Back again", published_at=at(8))
    announced(again, at(8))
    assert send_digest(DAY) == 1
    mailbox.clear()
    digest_reader("new-reader@example.com", confirmed_at=at(6, days=1))
    publishing.unpublish(again)
    publishing.publish(again)
    announced(again, at(10, days=1))
    fresh = ArticleFactory(headline="Fresh piece", published_at=at(11, days=1))
    announced(fresh, at(11, days=1))

    assert send_digest(DAY + timedelta(days=1)) == 2

    had_it, new_reader = mailbox.to("had-it@example.com"), mailbox.to("new-reader@example.com")
    assert [message.subject for message in had_it] == ["Newsroom: 1 new piece, Mar 11"]
    assert "Fresh piece" in had_it[0].text
    assert "Back again" not in had_it[0].text
    assert [message.subject for message in new_reader] == ["Newsroom: 2 new pieces, Mar 11"]
    assert "Back again" in new_reader[0].text
    assert "Fresh piece" in new_reader[0].text


def test_a_piece_withdrawn_before_its_digest_is_left_out_until_it_is_published_again(mailbox):
    digest_reader("daily@example.com")
    withdrawn = ArticleFactory(headline="Withdrawn piece", published_at=at(8))
    announced(withdrawn, at(8))
    publishing.unpublish(withdrawn)

    assert send_digest(DAY) == 0
    assert not mailbox.messages

    publishing.publish(withdrawn)
    announced(withdrawn, at(9, days=1))
    assert send_digest(DAY + timedelta(days=1)) == 1
    [digest] = mailbox.messages
    assert digest.subject == "Newsroom: 1 new piece, Mar 11"
    assert "Withdrawn piece" in digest.text


def test_a_piece_sent_as_an_instant_alert_is_not_in_the_digest_of_a_reader_who_changed(
    mailbox,
):
    reader = SubscriberFactory(email="changed@example.com", confirmed_at=at(6))
    piece = ArticleFactory(headline="Told at once", published_at=at(8))
    assert send_instant_alerts(1, piece.pk, "published") == 1
    announced(piece, at(8))
    Subscriber.objects.filter(pk=reader.pk).update(frequency="daily")
    mailbox.clear()
    publishing.unpublish(piece)
    publishing.publish(piece)
    announced(piece, at(9, days=1))

    assert send_digest(DAY + timedelta(days=1)) == 0
    assert not mailbox.messages


def test_a_piece_in_a_digest_is_not_sent_as_an_alert_to_a_reader_who_changed(mailbox):
    reader = digest_reader("changed@example.com")
    piece = ArticleFactory(headline="Listed once", published_at=at(8))
    announced(piece, at(8))
    assert send_digest(DAY) == 1
    Subscriber.objects.filter(pk=reader.pk).update(frequency="instant")
    publishing.unpublish(piece)
    publishing.publish(piece)

    assert send_instant_alerts(2, piece.pk, "published") == 0
    assert len(mailbox.messages) == 1
