"""Writing events from signals, in the transaction of the change, so that every way of changing
a piece (the admin and its inlines, the publishing functions, the calendar, a shell) records
the same.

A piece is public when it is published and its time has come (`Article.is_published`). Going
public records `article.published`, each time it does; a change while public, to the piece or
its bylines, warnings or topics, `article.updated` (so does renaming an author or topic it
shows: see `renaming`); a new correction on a public piece `article.corrected`, which the
correction names; leaving the public `article.unpublished`
(nothing, if its publication was not handed on yet: that is dismissed); deleting a public piece
`article.deleted` (likewise nothing, its publication dismissed, if that was not handed on yet).
A note on a piece withdrawn after it was announced records its `article.corrected` too, told
when the piece is public again. Scheduling records the publication at once, due at its time.
An event not yet handed on covers later changes of its kind (its payload is taken when it is
handed on), and a publication covers updates: the admin's save of a piece and its inlines is
one event.
"""

from datetime import UTC

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import TaggedItem

from articles.events import dispatch
from articles.events.queue import enqueue
from articles.models import (
    Article,
    Byline,
    ContentWarning,
    Correction,
    Event,
    article_content_type,
)
from newsroom import revisions
from newsroom.compiled import CompiledLookup
from newsroom.transactions import kept_with_transaction

# Saves of only these fields change nothing readers see: bookkeeping and the editors' plan.
QUIET_FIELDS = frozenset(
    {"planned_for", "updated_at", "version", "search_text", "search_vector", "slug_fixed"}
)


def publication_key(article_id: int, at) -> str:
    """One publication of one piece at one time, however often it is scheduled or noticed, and
    in whichever zone the time was written (the newsroom's, a file's, the database's UTC)."""
    return f"published:{article_id}:{at.astimezone(UTC).isoformat()}"


# An event not yet handed on covers later changes of the same kind: its payload is taken when
# it is handed on. A publication covers updates.
COVERED_BY = {
    Event.Kind.UPDATED: (Event.Kind.UPDATED, Event.Kind.PUBLISHED),
    Event.Kind.CORRECTED: (Event.Kind.CORRECTED,),
    Event.Kind.UNPUBLISHED: (Event.Kind.UNPUBLISHED,),
}


def record(
    kind, article_id, *, using=DEFAULT_DB_ALIAS, key=None, due_at=None, payload=None
) -> Event:
    """Write an event for `article_id`, unless one waiting to be handed on covers it, and ask
    for it to be handed on when due; the event written, or the one there already."""
    now = timezone.now()
    events = Event.objects.using(using)
    if kind in COVERED_BY:
        waiting = events.filter(
            article_id=article_id, kind__in=COVERED_BY[kind], handled_at=None, due_at__lte=now
        )
        if transaction.get_connection(using).in_atomic_block:
            # One the worker is handing on now holds its row: it cannot cover this change.
            waiting = waiting.select_for_update(skip_locked=True)
        if (covering := waiting.first()) is not None:
            return covering
    due_at = due_at or now
    if key is not None:
        event, created = events.get_or_create(
            key=key, defaults={"kind": kind, "article_id": article_id, "due_at": due_at}
        )
        if not created:
            return event
    else:
        event = events.create(kind=kind, article_id=article_id, due_at=due_at, payload=payload)
    enqueue(dispatch.hand_on, event.pk, at=due_at)
    return event


def record_updates(articles: QuerySet[Article], *, using=DEFAULT_DB_ALIAS) -> list[Event]:
    """`record(UPDATED, …)` of each of `articles` at once, in a fixed number of queries however
    many there are: an update waiting to be handed on covers its piece, as there; the others
    are written together and handed on, in turn, by one task. The events written."""
    now = timezone.now()
    events = Event.objects.using(using)
    waiting = events.filter(
        article_id__in=articles.values("pk"),
        kind__in=COVERED_BY[Event.Kind.UPDATED],
        handled_at=None,
        due_at__lte=now,
    )
    if transaction.get_connection(using).in_atomic_block:
        waiting = waiting.select_for_update(skip_locked=True)
    covered = set(waiting.values_list("article_id", flat=True))
    written = events.bulk_create(
        Event(kind=Event.Kind.UPDATED, article_id=pk, due_at=now)
        for pk in articles.order_by("pk").values_list("pk", flat=True).distinct()
        if pk not in covered
    )
    if written:
        enqueue(dispatch.hand_on_each, [event.pk for event in written])
    return written


def _is_public(status, published_at, now) -> bool:
    return status == Article.Status.PUBLISHED and published_at is not None and published_at <= now


def article_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    # What the raw saves of an editor's restore found stored (None outside a restore).
    restored = revisions.restore_notes()
    if raw:
        # A raw save (a fixture loaded, a revision restored) records nothing itself. An editor's
        # restore saves the restored revision through its form next: that save is compared
        # with the piece as it was before the restore.
        if restored is not None and instance.pk is not None:
            restored.setdefault((Article, instance.pk), _stored_state(instance.pk, using))
        return
    # A piece restored from its history after its deletion had no stored state: it is recovered.
    instance._events_recovered = False
    if restored is not None and (Article, instance.pk) in restored:
        before = restored.pop((Article, instance.pk))
        instance._events_recovered = before is None
    elif instance.pk is not None:
        before = _stored_state(instance.pk, using)
    else:
        before = None
    instance._events_before = before


def _stored_state(pk: int, using: str) -> tuple | None:
    """The stored piece's status and publication time; None if there is none."""
    return (
        Article._base_manager.using(using)
        .filter(pk=pk)
        .values_list("status", "published_at")
        .first()
    )


def article_saved(
    sender, instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs
):
    if raw:
        return
    if getattr(instance, "_events_recovered", False):
        recovered(instance, using=using)
        return
    before = getattr(instance, "_events_before", None)
    now = timezone.now()
    was_public = before is not None and _is_public(*before, now)
    if instance.is_published:
        if not was_public:
            publication(instance, using=using)
        elif update_fields is None or not set(update_fields) <= QUIET_FIELDS:
            record(Event.Kind.UPDATED, instance.pk, using=using)
    elif was_public:
        withdrawal(instance, using=using)
    if instance.is_scheduled and (before is None or before[1] != instance.published_at):
        publication(instance, using=using)


def dismiss_waiting_publications(article_id: int, *, using: str, due_by=None) -> int:
    """Dismiss the piece's publications not handed on yet (only those due by `due_by`, if
    given); how many."""
    waiting = Event.objects.using(using).filter(
        article_id=article_id, kind=Event.Kind.PUBLISHED, handled_at=None
    )
    if due_by is not None:
        waiting = waiting.filter(due_at__lte=due_by)
    return waiting.update(handled_at=timezone.now(), dismissed=True)


def withdrawal(article: Article, *, using: str) -> None:
    """A public piece left the public. If its publication was not handed on yet (the worker
    had not come round to it), receivers never heard of it: that publication is dismissed and
    the withdrawal is not told either, so going public again is announced afresh. A publication
    the worker is handing on meanwhile holds its row, and is found handed on."""
    if not dismiss_waiting_publications(article.pk, using=using, due_by=timezone.now()):
        record(Event.Kind.UNPUBLISHED, article.pk, using=using)


def recovered(article: Article, *, using: str) -> None:
    """A piece brought back from its history after its deletion. It comes back off the site
    (`articles.workflow.recovery`) and is announced once an editor publishes it again; saved
    public or scheduled all the same, it is announced anew when its time comes (or at once),
    and a publication of it still waiting from before its deletion is dismissed, so that it is
    announced once."""
    if not (article.is_published or article.is_scheduled):
        return
    dismiss_waiting_publications(article.pk, using=using)
    record(Event.Kind.PUBLISHED, article.pk, using=using, due_at=article.published_at)


def publication(article: Article, *, using: str) -> None:
    """The piece's publication at its time, now or scheduled: due when it goes public."""
    key = publication_key(article.pk, article.published_at)
    # A publication at this time handed on or dismissed already is history: going public again
    # ("Publish now" keeps a past time) is a new one. One still waiting stays the only one.
    Event.objects.using(using).filter(key=key).exclude(handled_at=None).update(key=None)
    record(Event.Kind.PUBLISHED, article.pk, using=using, key=key, due_at=article.published_at)


def _deleting(using: str) -> set[int]:
    """Pieces being deleted in the transaction under way: their bylines, warnings and topics go
    first, with the piece still there, and are the deletion, not an update of it. Kept with the
    transaction, so that a deletion rolled back leaves the piece as it was."""
    return kept_with_transaction(using, "events_deleting", set)


def article_deleting(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    instance._events_snapshot = removal_payload(instance) if instance.is_published else None
    _deleting(using).add(instance.pk)


def article_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    _deleting(using).discard(instance.pk)
    snapshot = getattr(instance, "_events_snapshot", None)
    if snapshot is None:
        return
    # As for a withdrawal: receivers never heard of a piece whose publication was not handed on
    # yet, so that publication is dismissed and the deletion is not told either.
    if not dismiss_waiting_publications(snapshot["id"], using=using, due_by=timezone.now()):
        record(Event.Kind.DELETED, snapshot["id"], using=using, payload=snapshot)


def removal_payload(article: Article) -> dict:
    """What is left to say about a piece that is gone: which one, and where it was."""
    from articles.events.payloads import absolute

    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "url": absolute(article.get_absolute_url()),
    }


def part_changed(
    sender, instance, using=DEFAULT_DB_ALIAS, raw=False, created=False, signal=None, **kwargs
):
    """A byline, warning, topic or correction of a public piece changed."""
    if raw:
        return
    article_id = _article_of(instance)
    if article_id is None or article_id in _deleting(using):
        return
    correction = sender is Correction and created
    if not PUBLIC_PIECE.rows(article=article_id, using=using):
        # A note on a piece readers have heard of is theirs when it is public again: its event,
        # dismissed while the piece is withdrawn, is handed on again with the piece's return
        # (`dispatch.corrections_kept_back`).
        if correction and announced(article_id, using=using):
            correction_made(instance, using=using)
        return
    if correction:
        correction_made(instance, using=using)
    else:
        record(Event.Kind.UPDATED, article_id, using=using)


def announced(article_id: int, *, using: str) -> bool:
    """Whether receivers heard of the piece: a publication of it was handed on."""
    return (
        Event.objects.using(using)
        .filter(article_id=article_id, kind=Event.Kind.PUBLISHED, dismissed=False)
        .exclude(handled_at=None)
        .exists()
    )


def correction_made(correction: Correction, *, using: str) -> None:
    """A new note on a public piece: told by the piece's `article.corrected` event waiting to be
    handed on, or by a new one, which the note names. An email about corrections carries the
    notes of its own event alone, so each note is sent once, however many follow it before the
    worker runs. The waiting event stays locked until the note names it, so the worker cannot
    hand it on without it."""
    with transaction.atomic(using=using):
        event = record(Event.Kind.CORRECTED, correction.article_id, using=using)
        Correction.objects.using(using).filter(pk=correction.pk).update(event=event)
    correction.event = event


# Whether a piece is public, compiled once (see `newsroom.compiled`): every save of a part of a
# piece asks it.
PUBLIC_PIECE = CompiledLookup(
    lambda article: Article.objects.published().filter(pk=article).values_list("pk")[:1],
    article=int,
)


def _article_of(instance) -> int | None:
    if isinstance(instance, TaggedItem):
        if instance.content_type_id != article_content_type():
            return None
        return instance.object_id
    return instance.article_id


def connect() -> None:
    uid = "articles:events"
    pre_save.connect(article_saving, sender=Article, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(article_saved, sender=Article, dispatch_uid=f"{uid}:post_save")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid=f"{uid}:pre_delete")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=f"{uid}:post_delete")
    for part in (Byline, ContentWarning, Correction, TaggedItem):
        label = part._meta.label
        post_save.connect(part_changed, sender=part, dispatch_uid=f"{uid}:{label}:save")
        post_delete.connect(part_changed, sender=part, dispatch_uid=f"{uid}:{label}:delete")
