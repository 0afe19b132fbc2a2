"""Email alerts as a channel of the event outbox (`articles.events`), and the daily digest.

When the worker hands on an event, `handle` runs in the transaction that marks it handled: it
records the event's deliveries (one row per subscriber, unique, so running it again adds none)
and queues `send_alerts`, which sends them; both commit with the event or not at all. A stopped
worker's unsent rows are queued again by `resume` when the next worker starts, and a row sent
already is never sent again (`articles.alerts.sending`).

The digest of a day is a task that waits in the queue until a few minutes after that day ends
(in the site's time zone) and, once it has run, queues the next day's: no cron job. A worker
starting, and a reader confirming a daily digest, start the chain again if no digest waits for
today; a worker then sends yesterday's too, which sends only what was not sent. A backend that
cannot wait for a time (`make serve`'s immediate one) sends no digest.

An address nobody confirmed is not kept: each confirmation link queues `forget_unconfirmed` for
just after the day it expires (one task a day however many links), and a worker starting runs
it too, for links made while no worker ran. The immediate backend cannot wait, so without a
worker (`make serve`) nothing is forgotten.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from articles.alerts import sending
from articles.events import Channel
from articles.events.queue import enqueue
from articles.models import AlertDelivery, Subscriber

NAME = "email-alerts"
# How long after midnight a day's digest goes out: pieces announced at 23:59 are in it.
DIGEST_DELAY = timedelta(minutes=5)


@task()
def send_alerts(event_id: int, article_id: int, kind: str) -> int:
    """Send the recorded alerts of one event; the number sent."""
    return sending.send_instant_alerts(event_id, article_id, kind)


@task()
def send_digest(day: str) -> int:
    """Send the digest of `day` (an ISO date); the number sent. Run the day after, it queues
    that day's digest: the chain goes on by itself."""
    sent = sending.send_digest(date.fromisoformat(day))
    following = date.fromisoformat(day) + timedelta(days=1)
    if following == timezone.localdate():
        schedule_digest(following)
    return sent


@task()
def forget_unconfirmed(day: str = "") -> int:
    """Delete every subscriber whose confirmation links have all expired unopened; the number
    deleted. `day` names the day whose expired links the run was queued for."""
    expired = timezone.now() - timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    deleted, _ = unconfirmed().filter(confirmation_sent_at__lt=expired).delete()
    return deleted


def day_end(day: date) -> datetime:
    """Just after `day` ends in the site's time zone: when its digest goes out, with pieces
    announced at 23:59, and when links that expired that day are forgotten."""
    midnight = datetime.combine(day + timedelta(days=1), datetime.min.time())
    return timezone.make_aware(midnight, timezone.get_current_timezone()) + DIGEST_DELAY


def schedule_digest(day: date) -> None:
    """Queue `day`'s digest for its time, unless it waits in the queue already."""
    if not waiting(send_digest, day.isoformat()):
        enqueue(send_digest, day.isoformat(), at=day_end(day))


def schedule_forgetting(link_made: datetime) -> None:
    """Queue `forget_unconfirmed` for just after the day a confirmation link made at
    `link_made` expires, unless one waits for that day already."""
    expires = link_made + timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    day = timezone.localdate(expires)
    if not waiting(forget_unconfirmed, day.isoformat()):
        enqueue(forget_unconfirmed, day.isoformat(), at=day_end(day))


def waiting(waiting_task, *args) -> bool:
    """Whether `waiting_task` with `args` waits in the database queue (False with any other
    backend, which cannot be asked)."""
    if not isinstance(waiting_task.get_backend(), DatabaseBackend):
        return False
    found = DBTaskResult.objects.filter(task_path=waiting_task.module_path, status="READY")
    return any(kept["args"] == list(args) for kept in found.values_list("args_kwargs", flat=True))


def handle(event) -> None:
    if sending.prepare_event(event.pk, event.article_id, event.kind) is None:
        return
    if unsent().filter(event_id=event.pk).exists():
        enqueue(send_alerts, event.pk, event.article_id, event.kind)


def resume() -> None:
    """Queue again what a stopped worker left unsent; and, for daily readers, the digest chain
    if it broke (no digest waiting for today): yesterday's, which may not have gone out, and
    today's."""
    waiting = unsent().filter(event_id__isnull=False, article__isnull=False)
    for event_id, article_id, kind in waiting.values_list(
        "event_id", "article_id", "kind"
    ).distinct():
        enqueue(send_alerts, event_id, article_id, kind)
    for day in unsent().filter(digest_on__isnull=False).values_list("digest_on", flat=True):
        enqueue(send_digest, day.isoformat())
    if daily_readers().exists():
        start_digests(catch_up=True)
    forget_unconfirmed.call()


def start_digests(*, catch_up: bool = False) -> None:
    """Make sure today's digest waits for its time; if it did not and `catch_up`, send
    yesterday's too (it may not have gone out)."""
    today = timezone.localdate()
    cannot_wait = not isinstance(send_digest.get_backend(), DatabaseBackend)
    if cannot_wait or waiting(send_digest, today.isoformat()):
        return
    if catch_up:
        enqueue(send_digest, (today - timedelta(days=1)).isoformat())
    schedule_digest(today)


def daily_readers():
    return Subscriber.objects.filter(
        frequency=Subscriber.Frequency.DAILY, confirmed_at__isnull=False
    )


def unconfirmed():
    return Subscriber.objects.filter(confirmed_at__isnull=True)


def unsent():
    return AlertDelivery.objects.filter(sent_at=None, failed_at=None).order_by()


ALERTS = Channel(NAME, handle, resume)
