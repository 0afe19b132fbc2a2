"""Email alerts as a channel of the event outbox (`articles.events`), and the daily digest.

When the worker hands on an event, `handle` runs in the transaction that marks it handled: it
records the event's deliveries (one row per subscriber, unique, so running it again adds none)
and queues `send_alerts`, which sends them; both commit with the event or not at all. A stopped
worker's unsent rows are queued again by `resume` when the next worker starts, and a row sent
already is never sent again (`articles.alerts.sending`). A worker whose clock runs a little
ahead of the database's hands a scheduled publication on before the database shows the piece:
`send_alerts` then waits `schedule.CLOCKS_APART` and goes once it does, as webhooks wait
(`articles.events.dispatch.not_yet_public`). A piece's publication handed on also
queues again the correction emails its withdrawal cut off (`resend_corrections`); a reader's
correction waits while the alert of the piece's return to them is unsent, and is queued again
once that alert's run is over, whichever task the worker took first.

The digest of a day is a task that waits in the queue until a few minutes after that day ends
(in the site's time zone) and, as it starts, queues the next day's: no cron job, and a run that
fails (the mail relay down, a database error) stops nothing. A day whose run failed goes again,
its readers not yet sent only, once a later day's digest has gone out (sending works again) or
a worker starts. When the chain stopped (a worker down or too busy for days), each day it
missed is caught up, oldest first, each day's digest listing that day's pieces: a digest that
runs late queues the days after it at once, and a worker starting queues every day of the last
`CATCH_UP_DAYS` whose digest neither ran nor waits (the task results tell, so they must be kept
that long). No day is queued while its digest waits, nor, but by a worker starting, while it
runs. A day further back is not sent: its pieces are on the site, and a digest days late would
be news to nobody. A reader confirming a daily digest queues today's if none waits. A backend
that cannot wait for a time (`make serve`'s immediate one) sends no digest.

An address nobody confirmed is not kept: each confirmation link queues `forget_unconfirmed` for
just after the day it expires (one task a day however many links), and a worker starting runs
it too, for links made while no worker ran. An address whose alerts were stopped (`bounces`)
is kept `ALERTS_CONFIRM_DAYS` from then, for staff to see why, and forgotten after. The
immediate backend cannot wait, so without a worker (`make serve`) nothing is forgotten.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from articles.alerts import matching, recording, sending
from articles.events import Channel
from articles.events.dispatch import not_yet_public
from articles.events.queue import enqueue
from articles.models import AlertDelivery, Article, Correction, Subscriber
from newsroom.pagecache import schedule

NAME = "email-alerts"
# How long after midnight a day's digest goes out: pieces announced at 23:59 are in it.
DIGEST_DELAY = timedelta(minutes=5)
# How many days back a stopped digest chain is caught up.
CATCH_UP_DAYS = 7
TOO_LATE = f"Not sent: the digest's day is more than {CATCH_UP_DAYS} days past."
WAITING, RUNNING = TaskResultStatus.READY, TaskResultStatus.RUNNING


@task()
def send_alerts(event_id: int, article_id: int, kind: str) -> int:
    """Send the recorded alerts of one event; the number sent. A publication's sent, the
    piece's corrections that waited behind its alerts are queued again. A piece due by the
    app's clock and not yet public by the database's waits, as its webhooks do."""
    now = timezone.now()
    if not_yet_public(article_id, now):
        # A moment later it is: sent now, the alert would link to a page not there yet.
        enqueue(send_alerts, event_id, article_id, kind, at=now + schedule.CLOCKS_APART)
        return 0
    sent = sending.send_instant_alerts(event_id, article_id, kind)
    if matching.event_kind(kind) == matching.PUBLISHED:
        queue_corrections(article_id)
    return sent


@task()
def send_digest(day: str) -> int:
    """Send the digest of `day` (an ISO date); the number sent. The chain goes on first, so
    that this run failing stops nothing (`catch_up`): today's digest waits for its time, and
    the days between, when this runs late, go at once. Once this one has gone out, the days
    whose run failed go again (`retry_failed`). A day more than `CATCH_UP_DAYS` back sends
    nothing."""
    of = date.fromisoformat(day)
    today = timezone.localdate()
    if of < today:
        catch_up(after=of)
    if of < today - timedelta(days=CATCH_UP_DAYS):
        return sending.give_up_digest(of, TOO_LATE)
    sent = sending.send_digest(of)
    retry_failed()
    return sent


@task()
def forget_unconfirmed(day: str = "") -> int:
    """Delete every subscriber whose confirmation links have all expired unopened; the number
    deleted. `day` names the day whose expired links the run was queued for. One whose alerts
    were stopped is kept as long again from then, for staff to see why (`bounces`)."""
    expired = timezone.now() - timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    forgotten = unconfirmed().filter(confirmation_sent_at__lt=expired)
    deleted, _ = forgotten.exclude(stopped_at__gte=expired).delete()
    return deleted


def day_end(day: date) -> datetime:
    """Just after `day` ends in the site's time zone: when its digest goes out, with pieces
    announced at 23:59, and when links that expired that day are forgotten."""
    midnight = datetime.combine(day + timedelta(days=1), datetime.min.time())
    return timezone.make_aware(midnight, timezone.get_current_timezone()) + DIGEST_DELAY


def schedule_digest(day: date) -> None:
    """Queue `day`'s digest for its time, unless it waits in the queue already. A day past is
    due at once, and, the queue running what is due by its time, goes before any later day."""
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
    prepared = sending.prepare_event(event.pk, event.article_id, event.kind)
    if prepared is None:
        return
    if unsent().filter(event_id=event.pk).exists():
        enqueue(send_alerts, event.pk, event.article_id, event.kind)
    if matching.event_kind(event.kind) == matching.PUBLISHED:
        resend_corrections(prepared[0])


def resend_corrections(article: Article) -> None:
    """The piece is public again: queue again its correction emails given up because it was
    withdrawn before the reader's turn (`NOTHING_LEFT`), for those who still ask for its
    corrections and whose notes are still there, and any still waiting. Rows sent stay sent,
    so each note reaches each reader once."""
    readers = matching.told_at_once(article, kind=matching.CORRECTED)
    given_up = AlertDelivery.objects.filter(
        article=article,
        kind=matching.CORRECTED,
        sent_at=None,
        failed_at__isnull=False,
        error=sending.NOTHING_LEFT,
        subscriber__in=readers,
    ).filter(Exists(Correction.objects.filter(event_id=OuterRef("event_id"))))
    given_up.update(failed_at=None, error="")
    queue_corrections(article.pk)


def queue_corrections(article_id: int) -> None:
    """Queue the correction emails of piece `article_id` still waiting to be sent: those a
    withdrawal cut off, and those that waited behind the alert of the piece's return
    (`sending.awaited_alert`)."""
    waiting = unsent().filter(article_id=article_id, kind=matching.CORRECTED)
    for event_id in waiting.values_list("event_id", flat=True).distinct():
        enqueue(send_alerts, event_id, article_id, matching.CORRECTED)


def resume() -> None:
    """Queue again what a stopped worker left unsent; and, for daily readers, every digest of
    the last `CATCH_UP_DAYS` that neither ran nor waits, and today's."""
    alerts = unsent().filter(event_id__isnull=False, article__isnull=False)
    for event_id, article_id, kind in alerts.values_list(
        "event_id", "article_id", "kind"
    ).distinct():
        enqueue(send_alerts, event_id, article_id, kind)
    stopped = unsent().filter(digest_on__isnull=False).values_list("digest_on", flat=True)
    for day in sorted(stopped.distinct()):
        schedule_digest(day)
    if daily_readers().exists():
        catch_up()
    forget_unconfirmed.call()


def start_digests() -> None:
    """Make sure today's digest waits for its time (a reader just asked for digests)."""
    if can_wait():
        schedule_digest(timezone.localdate())


def catch_up(*, after: date | None = None) -> None:
    """Queue at once, oldest first, the digest of each day after `after` (a digest's run) or
    of the last `CATCH_UP_DAYS` (a worker starting) up to yesterday that neither ran nor waits;
    and today's for its time."""
    if not can_wait():
        return
    today = timezone.localdate()
    first = today - timedelta(days=CATCH_UP_DAYS)
    covered = {WAITING, TaskResultStatus.SUCCESSFUL}
    if after is not None:
        first = max(first, after + timedelta(days=1))
        # Only a digest's run counts runs as going on: those a worker starting finds were
        # left by a stopped worker, and go again.
        covered.add(RUNNING)
    ran = digest_days(since=first, statuses=covered)
    for back in range((today - first).days, 0, -1):
        day = today - timedelta(days=back)
        if day not in ran:
            schedule_digest(day)
    schedule_digest(today)


def retry_failed() -> None:
    """Queue again at once, oldest first, each day of the last `CATCH_UP_DAYS` whose digest
    failed, and that has not run since and neither waits nor runs: called once a digest has
    gone out, so runs that fail never queue each other."""
    if not can_wait():
        return
    first = timezone.localdate() - timedelta(days=CATCH_UP_DAYS)
    failed = digest_days(since=first, statuses={TaskResultStatus.FAILED})
    covered = digest_days(since=first, statuses={WAITING, RUNNING, TaskResultStatus.SUCCESSFUL})
    for day in sorted(failed - covered):
        schedule_digest(day)


def digest_days(*, since: date, statuses: set[str]) -> set[date]:
    """The days from `since` whose digest has a task result in `statuses`: waiting or running
    now, or finished since `since` began."""
    finished = Q(finished_at__gte=recording.day_bounds(since)[0])
    results = DBTaskResult.objects.filter(
        task_path=send_digest.module_path, status__in=statuses
    ).filter(Q(status__in=[WAITING, RUNNING]) | finished)
    days = (
        date.fromisoformat(kept["args"][0])
        for kept in results.values_list("args_kwargs", flat=True)
    )
    return {day for day in days if day >= since}


def can_wait() -> bool:
    """Whether tasks wait in a database queue for their time (not `make serve`'s backend)."""
    return isinstance(send_digest.get_backend(), DatabaseBackend)


def daily_readers():
    return Subscriber.objects.filter(
        frequency=Subscriber.Frequency.DAILY, confirmed_at__isnull=False
    )


def unconfirmed():
    return Subscriber.objects.filter(confirmed_at__isnull=True)


def unsent():
    return AlertDelivery.objects.filter(sent_at=None, failed_at=None).order_by()


ALERTS = Channel(NAME, handle, resume)
