"""Alerts as production sends them: an editor's change writes an event in its transaction, the
database task queue holds the work, and `manage.py worker` hands the event to the email alerts
channel and sends, through a real SMTP server on loopback.

A reader who takes everything gets one alert for a piece published now, one for a piece
scheduled a minute ahead once the clock has moved on, nothing for a draft, a preview link or a
correction they did not ask for, and nothing after unsubscribing in one click. A worker killed
mid-batch and started again delivers each email once. An address nobody confirms is deleted
once its link has expired.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.alerts import channel
from articles.events import dispatch
from articles.models import AlertDelivery, Article, Correction, Event, Subscriber
from articles.workflow import previews, publishing
from tests.articles.alerts.reader import (
    CONFIRM,
    UNSUBSCRIBE,
    ask_for_alerts,
    subscribe_and_confirm,
)
from tests.articles.alerts.worker import the_database_reaches, waiting_tasks, work_the_queue
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]

ROOT = Path(__file__).resolve().parents[3]


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def subjects(mailbox) -> list[str]:
    return [message.subject for message in mailbox.messages]


def test_published_now_and_scheduled_a_minute_ahead_each_send_one_alert(client, mailbox, clock):
    subscribe_and_confirm(client, mailbox)
    author = AuthorFactory()

    publishing.publish(draft(headline="Published now", authors=[author]))
    work_the_queue()
    work_the_queue()
    assert subjects(mailbox) == ["News: Published now"]

    scheduled = draft(headline="Scheduled piece", authors=[author])
    publishing.publish(scheduled, at=timezone.now() + timedelta(minutes=1))
    work_the_queue()
    assert subjects(mailbox) == ["News: Published now"], "not before its time"

    clock.move(timedelta(minutes=1, seconds=1))
    work_the_queue()
    work_the_queue()
    the_database_reaches(scheduled, clock)
    work_the_queue()
    assert subjects(mailbox) == ["News: Published now", "News: Scheduled piece"]
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 2

    # Unsubscribed in one click, the reader gets nothing more.
    unsubscribe = mailbox.messages[-1].link(UNSUBSCRIBE)
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    publishing.publish(draft(headline="After unsubscribing", authors=[author]))
    work_the_queue()
    assert len(mailbox.messages) == 2


def test_a_scheduled_piece_moved_before_its_time_sends_at_its_new_time_only(client, mailbox, clock):
    subscribe_and_confirm(client, mailbox)
    piece = draft(headline="Moved piece")
    publishing.publish(piece, at=timezone.now() + timedelta(minutes=1))
    publishing.publish(piece, at=timezone.now() + timedelta(minutes=5))

    clock.move(timedelta(minutes=2))
    work_the_queue()
    assert mailbox.messages == []

    clock.move(timedelta(minutes=4))
    work_the_queue()
    the_database_reaches(piece, clock)
    work_the_queue()
    assert subjects(mailbox) == ["News: Moved piece"]


def test_a_piece_published_again_is_announced_but_not_emailed_twice(client, mailbox):
    subscribe_and_confirm(client, mailbox)
    piece = draft(headline="Back again")
    publishing.publish(piece)
    work_the_queue()

    publishing.unpublish(piece)
    publishing.publish(piece)
    work_the_queue()

    assert subjects(mailbox) == ["News: Back again"]
    handed_on = Event.objects.filter(kind=Event.Kind.PUBLISHED, dismissed=False)
    assert handed_on.exclude(handled_at=None).count() == 2


def test_drafts_previews_updates_and_unasked_corrections_send_nothing(client, mailbox):
    subscribe_and_confirm(client, mailbox)
    careful = SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    piece = draft(headline="Work in progress")
    piece.headline = "Still in progress"
    piece.save()
    publishing.submit_for_review(piece)
    link = previews.create_link(article=piece, reviewer="Legal")
    assert client.get(previews.url_for(link)).status_code == 200
    work_the_queue()
    assert mailbox.messages == []

    public = draft(headline="Ferry timetable")
    publishing.publish(public)
    work_the_queue()
    assert sorted(m.recipients[0] for m in mailbox.messages) == [
        careful.email,
        "reader@example.com",
    ]
    mailbox.clear()

    public.headline = "Ferry timetable, revised"
    public.save()
    Correction.objects.create(article=public, text="The ferry leaves at 9, not 8.")
    work_the_queue()

    [correction] = mailbox.messages
    assert correction.recipients == [careful.email]
    assert correction.subject == "Correction: News: Ferry timetable, revised"


def published_with_a_careful_reader(mailbox, headline: str) -> Article:
    """A public piece, its alerts sent, and a reader of it who asked for corrections."""
    SubscriberFactory(email="corrections@example.com", wants_corrections=True)
    piece = draft(headline=headline)
    publishing.publish(piece)
    work_the_queue()
    mailbox.clear()
    return piece


def test_two_corrections_before_the_worker_runs_are_sent_once_in_one_email(mailbox):
    piece = published_with_a_careful_reader(mailbox, "Ferry timetable")
    Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")
    Correction.objects.create(article=piece, text="It sails from pier 4, not pier 2.")

    work_the_queue()
    work_the_queue()

    [email] = mailbox.messages
    assert email.recipients == ["corrections@example.com"]
    assert email.subject == "Corrections: News: Ferry timetable"
    first, second = "The ferry leaves at 9, not 8.", "It sails from pier 4, not pier 2."
    assert email.text.index(first) < email.text.index(second)
    assert email.html.index(first) < email.html.index(second)


def test_a_correction_made_while_the_last_ones_email_waits_is_sent_in_its_own(mailbox):
    piece = published_with_a_careful_reader(mailbox, "Ferry timetable")
    Correction.objects.create(article=piece, text="The ferry leaves at 9, not 8.")
    [waiting] = Event.objects.filter(kind=Event.Kind.CORRECTED, handled_at=None)
    dispatch.hand_on.call(waiting.pk)  # handed on; its emails wait in the queue
    Correction.objects.create(
        article=piece, kind=Correction.Kind.UPDATE, text="The Sunday ferry is cancelled."
    )

    work_the_queue()
    work_the_queue()

    first, second = mailbox.to("corrections@example.com")
    assert len(mailbox.messages) == 2
    assert first.subject == "Correction: News: Ferry timetable"
    assert "The ferry leaves at 9, not 8." in first.text
    assert "The Sunday ferry is cancelled." not in first.everything
    assert second.subject == "Update: News: Ferry timetable"
    assert "The Sunday ferry is cancelled." in second.text
    assert "The ferry leaves at 9, not 8." not in second.everything
    work_the_queue()
    assert len(mailbox.messages) == 2


# A worker killed mid-batch, as production would see it: another process, killed outright.


@pytest.mark.postgres
def test_a_worker_killed_mid_batch_and_started_again_delivers_each_email_once(mailbox):
    readers = [SubscriberFactory(email=f"reader{n}@example.com").email for n in range(8)]
    publishing.publish(draft(headline="One for everyone"))
    assert DBTaskResult.objects.count() == 1
    worker = start_worker(mailbox)
    killed = kill_at_the_fourth_message(mailbox, worker)

    assert worker.wait(timeout=60) == -signal.SIGKILL
    assert killed.is_set()
    assert len(mailbox.messages) == 3, "the fourth was never accepted"
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 3

    work_the_queue()  # a new worker: it re-queues what the killed one left

    delivered = sorted(message.recipients[0] for message in mailbox.messages)
    assert delivered == sorted(readers)
    assert not AlertDelivery.objects.filter(sent_at__isnull=True).exists()
    work_the_queue()
    assert len(mailbox.messages) == len(readers)


def start_worker(mailbox) -> subprocess.Popen:
    """`manage.py worker` in a process of its own, on this test's database and SMTP server."""
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": settings.EMAIL_HOST,
        "EMAIL_PORT": str(settings.EMAIL_PORT),
        "EMAIL_USE_TLS": "false",
        "ALERTS_RATE": "20",
        "ALERTS_BATCH": "100",
    }
    command = [sys.executable, "manage.py", "worker", "--batch", "--interval", "0"]
    return subprocess.Popen(
        [*command, "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_at_the_fourth_message(mailbox, worker):
    """The SMTP server kills the worker while it sends the fourth message, before accepting it:
    a message is delivered when the server says so, and that one never was."""
    import threading

    killed = threading.Event()
    accept = mailbox.handle_DATA

    async def handle_DATA(server, session, envelope):
        if len(mailbox.messages) == 3 and not killed.is_set():
            worker.send_signal(signal.SIGKILL)
            killed.set()
            return "421 Shutting down"
        return await accept(server, session, envelope)

    mailbox.handle_DATA = handle_DATA
    deadline = time.monotonic() + 60
    while not killed.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    return killed


def test_the_daily_digest_waits_for_the_end_of_the_day_and_queues_the_next(client, mailbox, clock):
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    today = timezone.localdate()
    waiting = waiting_tasks(channel.send_digest).get()
    assert waiting.args_kwargs["args"] == [today.isoformat()]
    assert waiting.run_after == channel.day_end(today)
    publishing.publish(draft(headline="Today's piece"))
    work_the_queue()
    assert mailbox.messages == [], "a daily reader gets no instant alert"

    clock.move(channel.day_end(today) - timezone.now() + timedelta(seconds=1))
    work_the_queue()

    [digest] = mailbox.messages
    assert "Today's piece" in digest.text
    tomorrow = today + timedelta(days=1)
    following = waiting_tasks(channel.send_digest).get()
    assert following.args_kwargs["args"] == [tomorrow.isoformat()]
    work_the_queue()
    assert len(mailbox.messages) == 1


def test_a_piece_published_today_with_an_earlier_date_is_in_todays_digest(client, mailbox, clock):
    """An import, or "Publish now" on a piece that keeps its past time: announced today, it is
    in today's digest, as it reaches instant readers today."""
    subscribe_and_confirm(client, mailbox, everything="on", frequency="daily")
    today = timezone.localdate()
    imported = ArticleFactory(
        status=Article.Status.DRAFT,
        headline="Imported piece",
        published_at=timezone.now() - timedelta(days=3),
    )
    publishing.publish(imported)
    work_the_queue()

    clock.move(channel.day_end(today) - timezone.now() + timedelta(seconds=1))
    work_the_queue()

    [digest] = mailbox.messages
    assert digest.recipients == ["reader@example.com"]
    assert digest.subject == f"Newsroom: 1 new piece, {today:%b} {today.day}"
    assert "Imported piece" in digest.text
    assert f"http://testserver{imported.get_absolute_url()}" in digest.text


def test_subscribers_are_kept_apart_from_the_outbox(mailbox):
    """Deleting a subscriber leaves events alone; erasing one leaves no delivery behind."""
    reader = SubscriberFactory()
    publishing.publish(draft(headline="Once"))
    work_the_queue()
    assert AlertDelivery.objects.filter(subscriber=reader).count() == 1

    reader.delete()

    assert not AlertDelivery.objects.exists()
    assert not Subscriber.objects.exists()


def test_an_address_nobody_confirms_is_forgotten_once_its_link_has_expired(client, mailbox, clock):
    tag = ArticleFactory(tag_names=["Television"]).tags.get()
    ask_for_alerts(client, "never@example.com", tags=str(tag.pk))
    ask_for_alerts(client, "later@example.com")
    subscribe_and_confirm(client, mailbox, "kept@example.com")
    expiry = timezone.localdate(timezone.now() + timedelta(days=settings.ALERTS_CONFIRM_DAYS))
    # Every link made today expires the same day: one run waits for just after it.
    waiting = waiting_tasks(channel.forget_unconfirmed).get()
    assert waiting.args_kwargs["args"] == [expiry.isoformat()]
    assert waiting.run_after == channel.day_end(expiry)

    clock.move(timedelta(days=3))
    ask_for_alerts(client, "later@example.com")  # a fresh link, which works three days longer
    [fresh] = mailbox.to("later@example.com")[-1:]
    assert waiting_tasks(channel.forget_unconfirmed).count() == 2
    work_the_queue()
    assert Subscriber.objects.count() == 3, "no link has expired yet"

    clock.move(channel.day_end(expiry) - timezone.now() + timedelta(seconds=1))
    work_the_queue()

    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "later@example.com",
        "kept@example.com",
    }
    assert Subscriber.tags.through.objects.count() == 0, "nothing of the forgotten one is left"
    assert client.post(fresh.link(CONFIRM)).status_code == 200
    assert Subscriber.objects.get(email="later@example.com").is_confirmed

    clock.move(timedelta(days=4))
    work_the_queue()
    assert Subscriber.objects.count() == 2, "confirmed readers are kept"
    assert not waiting_tasks(channel.forget_unconfirmed).exists()


def test_a_worker_starting_forgets_links_that_expired_while_none_ran(mailbox):
    now = timezone.now()
    expired = now - timedelta(days=settings.ALERTS_CONFIRM_DAYS, minutes=1)
    SubscriberFactory(email="expired@example.com", confirmed_at=None, confirmation_sent_at=expired)
    SubscriberFactory(email="waiting@example.com", confirmed_at=None, confirmation_sent_at=now)
    SubscriberFactory(email="confirmed@example.com", confirmation_sent_at=expired)

    work_the_queue()

    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "waiting@example.com",
        "confirmed@example.com",
    }
