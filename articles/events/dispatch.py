"""The tasks that hand due events to the channels, each exactly once.

`hand_on` locks the event's row, and in that one transaction checks the event still holds (a
publication whose piece was moved or withdrawn before its time, and an update or correction of
a piece withdrawn since, are dismissed), takes its payload,
lets every channel write its deliveries, and marks it handled. Run twice, by a retry or a
second worker, the second run finds it handled and does nothing; stopped halfway, it left
nothing and runs again. Handing a publication on also catches the page cache's schedule up, so
the pages it touches are retired, here and at the edge, at its time, and tells again the
corrections its piece's withdrawal kept back (`corrections_kept_back`).
"""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks import task

from articles.events.payloads import article_payload
from articles.events.queue import enqueue
from articles.events.registry import channels
from articles.models import Article, Correction, Event
from newsroom import pagecache
from newsroom.pagecache import schedule

logger = logging.getLogger(__name__)


@task()
def hand_on(event_id: int) -> str:
    with transaction.atomic():
        event = (
            Event.objects.select_for_update()
            .filter(pk=event_id, handled_at=None, due_at__lte=timezone.now())
            .first()
        )
        if event is None:
            return "nothing to do"
        event.handled_at = timezone.now()
        if not still_holds(event):
            event.dismissed = True
            event.save(update_fields=["handled_at", "dismissed"])
            return "dismissed"
        if event.payload is None:
            event.payload = article_payload(event.article_id) or {"id": event.article_id}
        for channel in channels():
            channel.handle(event)
        event.save(update_fields=["handled_at", "payload"])
        if event.kind == Event.Kind.PUBLISHED:
            tell_again(corrections_kept_back(event.article_id))
    if event.kind == Event.Kind.PUBLISHED:
        # A publication is handed on at its time: catching the page cache's schedule up now
        # retires, and purges at the edge, what the piece touches, though the edge may be
        # serving every reader without asking the app (it kept pages taken before the piece
        # was scheduled for as long as it may keep any). The catch-up is due again a moment
        # later, once the database's clock has surely passed the time too
        # (`schedule.CLOCKS_APART`): the worker is there then as well.
        upcoming = pagecache.next_publication()
        if upcoming is not None and upcoming <= event.due_at + schedule.CLOCKS_APART:
            enqueue(catch_up_schedule, at=upcoming)
    return "handed on"


@task()
def hand_on_each(event_ids: list[int]) -> str:
    """Hand on several events in turn, each as `hand_on` does: the updates of every public
    piece of an author or topic renamed, written together. One left behind by a worker stopped
    halfway is handed on when the next one starts (`hand_on_due`)."""
    outcomes = [hand_on.call(event_id) for event_id in event_ids]
    return f"{outcomes.count('handed on')} of {len(outcomes)} handed on"


@task()
def catch_up_schedule() -> str:
    """Catch the page cache's schedule up, as the first reader request after its time would."""
    pagecache.next_publication()
    return "caught up"


def still_holds(event: Event) -> bool:
    """A publication holds if its piece is public, published at the time it fell due; an update
    or a correction if its piece is still public (a piece withdrawn meanwhile is told of by its
    own event)."""
    if event.kind not in (Event.Kind.PUBLISHED, Event.Kind.UPDATED, Event.Kind.CORRECTED):
        return True
    article = Article.objects.filter(pk=event.article_id).only("status", "published_at").first()
    if article is None or not article.is_published:
        return False
    return event.kind != Event.Kind.PUBLISHED or article.published_at == event.due_at


def not_yet_public(article_id: int | None, now) -> bool:
    """Whether the piece is published at a time the app's clock (`now`, which hands scheduled
    publications on) has reached and the database's (which decides what is public, and so what
    a channel sends) has not: the two a little apart. A channel's task that finds it so tries
    again `schedule.CLOCKS_APART` later, when the database's clock has surely passed the time
    too. A piece moved later since is neither."""
    return Article.objects.filter(
        pk=article_id,
        status=Article.Status.PUBLISHED,
        published_at__lte=now,
        published_at__gt=Now(),
    ).exists()


def corrections_kept_back(article_id: int) -> list[Event]:
    """The piece's corrections dismissed because it was withdrawn before they were handed on,
    oldest first, that still have notes and were made after receivers had heard of the piece
    (one whose publication was dismissed too is announced as it now reads, notes and all)."""
    heard_of = Event.objects.filter(
        article_id=article_id,
        kind=Event.Kind.PUBLISHED,
        dismissed=False,
        handled_at__lte=OuterRef("created_at"),
    )
    return list(
        Event.objects.filter(article_id=article_id, kind=Event.Kind.CORRECTED, dismissed=True)
        .filter(Exists(heard_of), Exists(Correction.objects.filter(event=OuterRef("pk"))))
        .order_by("pk")
    )


def tell_again(kept_back: list[Event]) -> None:
    """Hand on once more, after the publication being handed on, the first of `kept_back`,
    with the notes of them all: one email and one message, as notes made before the worker
    came round are."""
    if not kept_back:
        return
    first, *others = kept_back
    Correction.objects.filter(event__in=others).update(event=first)
    first.handled_at, first.dismissed = None, False
    first.save(update_fields=["handled_at", "dismissed"])
    enqueue(hand_on, first.pk)


def hand_on_due() -> int:
    """Queue every event that is due and not handled: what a stopped worker left, or what a
    backend that cannot wait for a time left to now. Returns how many."""
    waiting = list(
        Event.objects.filter(handled_at=None, due_at__lte=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    for pk in waiting:
        enqueue(hand_on, pk)
    return len(waiting)


def went_public(since, until) -> set[str]:
    """For a backend that cannot wait for a time: the first reader request after a scheduled
    piece's time hands on what fell due (see `newsroom.pagecache.schedule`); retires nothing."""
    hand_on_due()
    return set()


def nothing_of_its_own(when) -> None:
    """The schedule's times are the pieces' own, which the articles' source already gives."""
    return None


def resume() -> None:
    """What a worker does before it starts: re-queue the due events and the channels' unsent
    deliveries that a stopped worker left behind."""
    count = hand_on_due()
    if count:
        logger.info("Re-queued %d waiting event(s)", count)
    for channel in channels():
        if channel.resume is not None:
            channel.resume()
