"""The daily digest's chain after it stopped: every missed day's digest goes out, oldest first,
each listing the pieces announced that day, within `CATCH_UP_DAYS`.

Driven as production runs it: the database task queue, a worker that keeps running
(`keep_working`) or starts again (`work_the_queue`), a real SMTP server on loopback, and the
site's clock moved on. The clock starts a fortnight back, so that every piece published on the
way is public by the database's own clock too.
"""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from articles.alerts import channel
from articles.events import dispatch
from articles.models import AlertDelivery, Article, Event
from articles.workflow import publishing
from tests.articles.alerts.reader import subscribe_and_confirm
from tests.articles.alerts.worker import keep_working, waiting_tasks, work_the_queue
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]

# What a relay answers while it is down for a while: the run ends, its rows wait.
RELAY_DOWN = "451 4.3.0 Try again later"


@pytest.fixture
def start(clock):
    """Day 0, the first day of these tests: a fortnight back, at 9 o'clock."""
    clock.move(-timedelta(days=14))
    start = timezone.localdate()
    clock.move(at(start, 9) - timezone.now())
    return start


def at(day: date, hour: int) -> datetime:
    moment = datetime.combine(day, datetime.min.time()).replace(hour=hour)
    return timezone.make_aware(moment, timezone.get_current_timezone())


def move_to(clock, moment: datetime) -> None:
    clock.move(moment - timezone.now())


def announce(headline: str) -> Article:
    """A piece published now, and handed on by the worker that runs all along."""
    piece = ArticleFactory(status=Article.Status.DRAFT, headline=headline, published_at=None)
    publishing.publish(piece)
    keep_working()
    return piece


def hand_on_alone(headline: str) -> Article:
    """A piece published now, handed on by a worker too busy to run the digests due."""
    piece = ArticleFactory(status=Article.Status.DRAFT, headline=headline, published_at=None)
    publishing.publish(piece)
    [event] = Event.objects.filter(article_id=piece.pk, handled_at=None)
    dispatch.hand_on.call(event.pk)
    return piece


def digest_of(day: date, count: int = 1, *, late: bool = False) -> str:
    """The subject of `day`'s digest; `late`, one that follows a later day's."""
    noun = "piece" if count == 1 else "pieces"
    if late:
        return f"Newsroom: {count} new {noun}, {day:%A}, {day:%b} {day.day} (sent late)"
    return f"Newsroom: {count} new {noun}, {day:%b} {day.day}"


def fail_the_digest_of(day: date, clock, mailbox) -> None:
    """`day`'s digest runs just after midnight while the relay is down: the run fails, and the
    next day's digest waits for its time all the same."""
    mailbox.refuse_sender = RELAY_DOWN
    move_to(clock, channel.day_end(day) + timedelta(seconds=1))
    keep_working()
    mailbox.refuse_sender = ""
    assert not mailbox.messages
    following = day + timedelta(days=1)
    [waiting] = waiting_tasks(channel.send_digest)
    assert waiting.args_kwargs["args"] == [following.isoformat()], "the chain goes on"
    assert waiting.run_after == channel.day_end(following)


def relay_down_after(mailbox, count: int) -> None:
    """The relay accepts `count` more messages, then refuses every sender until told again."""
    accept = mailbox.handle_DATA
    accepted = []

    async def handle_DATA(server, session, envelope):
        answer = await accept(server, session, envelope)
        accepted.append(envelope)
        if len(accepted) == count:
            mailbox.refuse_sender = RELAY_DOWN
            del mailbox.handle_DATA
        return answer

    mailbox.handle_DATA = handle_DATA


def test_a_run_that_fails_mid_way_leaves_the_next_day_waiting_and_goes_again_after_it(
    client, mailbox, clock, start
):
    readers = [f"reader{n}@example.com" for n in range(3)]
    for address in readers:
        subscribe_and_confirm(client, mailbox, address, everything="on", frequency="daily")
    announce("Monday's piece")
    relay_down_after(mailbox, 1)
    move_to(clock, channel.day_end(start) + timedelta(seconds=1))
    keep_working()
    assert [message.recipients for message in mailbox.messages] == [readers[:1]]
    [waiting] = waiting_tasks(channel.send_digest)
    tuesday = start + timedelta(days=1)
    assert waiting.args_kwargs["args"] == [tuesday.isoformat()]
    mailbox.refuse_sender = ""  # the relay is back
    mailbox.clear()

    move_to(clock, at(tuesday, 10))
    announce("Tuesday's piece")
    move_to(clock, channel.day_end(tuesday) + timedelta(seconds=1))
    keep_working()

    tuesdays = [message for message in mailbox.messages if message.subject == digest_of(tuesday)]
    mondays = [
        message for message in mailbox.messages if message.subject == digest_of(start, late=True)
    ]
    assert sorted(message.recipients[0] for message in tuesdays) == readers
    assert all("Tuesday's piece" in message.text for message in tuesdays)
    assert sorted(message.recipients[0] for message in mondays) == readers[1:]
    assert all("Monday's piece" in message.text for message in mondays)
    assert len(mailbox.messages) == 5
    assert not AlertDelivery.objects.filter(sent_at=None).exists()
    [waiting] = waiting_tasks(channel.send_digest)
    assert waiting.args_kwargs["args"] == [(tuesday + timedelta(days=1)).isoformat()]

    work_the_queue()  # a worker starting again sends nothing twice
    keep_working()
    assert len(mailbox.messages) == 5


def test_a_relay_down_for_days_leaves_each_day_waiting_and_every_day_goes_once_it_is_back(
    client, mailbox, clock, start
):
    """Runs that fail do not queue each other again: the failed days go once a digest has gone
    out, each once."""
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    announce("Monday's piece")
    fail_the_digest_of(start, clock, mailbox)
    tuesday = start + timedelta(days=1)
    move_to(clock, at(tuesday, 10))
    announce("Tuesday's piece")
    fail_the_digest_of(tuesday, clock, mailbox)
    wednesday = tuesday + timedelta(days=1)
    move_to(clock, at(wednesday, 10))
    announce("Wednesday's piece")

    move_to(clock, channel.day_end(wednesday) + timedelta(seconds=1))
    keep_working()

    assert [message.subject for message in mailbox.messages] == [
        digest_of(wednesday),
        digest_of(start, late=True),
        digest_of(tuesday, late=True),
    ]
    assert "Monday's piece" in mailbox.messages[1].text
    assert "Tuesday's piece" in mailbox.messages[2].text
    [waiting] = waiting_tasks(channel.send_digest)
    assert waiting.args_kwargs["args"] == [(wednesday + timedelta(days=1)).isoformat()]
    work_the_queue()
    assert len(mailbox.messages) == 3


def test_a_worker_started_after_the_chain_stopped_sends_every_missed_days_digest(
    client, mailbox, clock, start
):
    """Day 0's run fails, and the worker, too busy, hands the next days' pieces on but runs no
    digest until it is started again: every day goes, oldest first, the failed one too."""
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    announce("Monday's piece")
    fail_the_digest_of(start, clock, mailbox)
    days = [start + timedelta(days=n) for n in range(4)]
    move_to(clock, at(days[1], 10))
    hand_on_alone("Tuesday's piece")
    move_to(clock, at(days[2], 10))
    hand_on_alone("Wednesday's piece")

    move_to(clock, at(days[3], 8))
    work_the_queue()  # the worker is started again

    assert [message.subject for message in mailbox.messages] == [
        digest_of(days[0]),
        digest_of(days[1]),
        digest_of(days[2]),
    ]
    listed = [
        [name for name in ("Monday", "Tuesday", "Wednesday") if f"{name}'s piece" in message.text]
        for message in mailbox.messages
    ]
    assert listed == [["Monday"], ["Tuesday"], ["Wednesday"]]
    [today] = waiting_tasks(channel.send_digest)
    assert today.args_kwargs["args"] == [days[3].isoformat()]
    assert today.run_after == channel.day_end(days[3])

    work_the_queue()  # and again: nothing goes twice
    assert len(mailbox.messages) == 3


def test_a_digest_run_days_late_queues_the_day_between_at_once(client, mailbox, clock, start):
    """A worker too busy to run day 0's digest on time still hands Tuesday's piece on; when the
    digest runs on day 2, Tuesday's follows at once and day 2's waits for its time."""
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    announce("Monday's piece")
    tuesday = start + timedelta(days=1)
    move_to(clock, at(tuesday, 10))
    hand_on_alone("Tuesday's piece")

    move_to(clock, at(tuesday + timedelta(days=1), 8))
    keep_working()

    assert [message.subject for message in mailbox.messages] == [
        digest_of(start),
        digest_of(tuesday),
    ]
    assert "Tuesday's piece" in mailbox.messages[1].text
    [waiting] = waiting_tasks(channel.send_digest)
    assert waiting.args_kwargs["args"] == [(tuesday + timedelta(days=1)).isoformat()]


def test_pieces_published_while_no_worker_ran_are_in_the_digest_of_the_day_it_starts(
    client, mailbox, clock, start
):
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    announce("Monday's piece")
    move_to(clock, at(start + timedelta(days=1), 10))
    publishing.publish(
        ArticleFactory(status="draft", headline="Tuesday's piece", published_at=None)
    )
    thursday = start + timedelta(days=3)

    move_to(clock, at(thursday, 8))
    work_the_queue()
    move_to(clock, channel.day_end(thursday) + timedelta(seconds=1))
    keep_working()

    assert [message.subject for message in mailbox.messages] == [
        digest_of(start),
        digest_of(thursday),
    ]
    assert "Monday's piece" in mailbox.messages[0].text
    assert "Tuesday's piece" in mailbox.messages[1].text


def test_days_further_back_than_the_catch_up_are_not_sent_and_say_why(
    client, mailbox, clock, start
):
    reader = subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    announce("Too old to send")
    fail_the_digest_of(start, clock, mailbox)
    back = channel.CATCH_UP_DAYS
    first_kept = start + timedelta(days=2)
    today = first_kept + timedelta(days=back)
    move_to(clock, at(start + timedelta(days=1), 10))
    hand_on_alone("Also too old")
    move_to(clock, at(first_kept, 10))
    hand_on_alone("Oldest still sent")

    move_to(clock, at(today, 8))
    work_the_queue()

    assert [message.subject for message in mailbox.messages] == [digest_of(first_kept)]
    assert "Oldest still sent" in mailbox.messages[0].text
    given_up = AlertDelivery.objects.get(subscriber=reader, digest_on=start)
    assert given_up.sent_at is None
    assert given_up.failed_at is not None
    assert f"more than {back} days" in given_up.error
    [waiting] = waiting_tasks(channel.send_digest)
    assert waiting.args_kwargs["args"] == [today.isoformat()]


def test_a_worker_starting_queues_a_stopped_digest_once_however_many_it_left(
    client, mailbox, clock, start
):
    for n in range(3):
        subscribe_and_confirm(
            client, mailbox, f"reader{n}@example.com", everything="on", frequency="daily"
        )
    announce("Monday's piece")
    fail_the_digest_of(start, clock, mailbox)
    assert AlertDelivery.objects.filter(digest_on=start, sent_at=None).count() == 3

    channel.resume()  # what a worker does first when it starts

    queued = [task.args_kwargs["args"] for task in waiting_tasks(channel.send_digest)]
    assert queued.count([start.isoformat()]) == 1
    work_the_queue()
    assert sorted(message.recipients[0] for message in mailbox.messages) == [
        f"reader{n}@example.com" for n in range(3)
    ]
