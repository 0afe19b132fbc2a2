"""Recording alerts before they are sent: one `AlertDelivery` row for each reader an event or
a day's digest is for, unique, so that recording again adds no row; and which of a day's
pieces each digest reader chose and was not sent before (`articles.alerts.sending` sends)."""

from datetime import date, datetime, timedelta
from itertools import islice

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from articles.alerts import matching, messages
from articles.alerts.current import public_editions
from articles.models import SEARCH_FIELDS, AlertDelivery, Article, Event, Subscriber

ROWS_PER_INSERT = 500

DigestPiece = AlertDelivery.pieces.through


def record_event(event_id: int, article: Article, *, kind: str) -> None:
    """One row for each subscriber the event is for; those there already stay as they are."""
    subscribers = matching.told_at_once(article, kind=kind)
    if kind == matching.CORRECTED:
        # Readers who asked for corrections when it was made: one who subscribed since (while
        # the piece was withdrawn, say) is sent the piece as it now reads, not the old note.
        made = Event.objects.filter(pk=event_id).values("due_at")
        subscribers = subscribers.filter(confirmed_at__lte=Subquery(made))
    if kind == matching.PUBLISHED:
        # Sent, or waiting in another run; one given up (the piece was withdrawn before the
        # reader's turn) leaves the reader to be told now.
        alerted = AlertDelivery.objects.filter(
            subscriber=OuterRef("pk"), article=article, kind=matching.PUBLISHED, failed_at=None
        ).exclude(event_id=event_id)
        listed = DigestPiece.objects.filter(
            alertdelivery__subscriber=OuterRef("pk"),
            alertdelivery__sent_at__isnull=False,
            article=article,
        )
        subscribers = subscribers.exclude(Exists(alerted)).exclude(Exists(listed))
    keys = subscribers.order_by("pk").values_list("pk", flat=True).iterator(ROWS_PER_INSERT)
    while chunk := list(islice(keys, ROWS_PER_INSERT)):
        AlertDelivery.objects.bulk_create(
            [
                AlertDelivery(
                    subscriber_id=key,
                    event_id=event_id,
                    article=article,
                    kind=kind,
                    message_id=messages.event_message_id(event_id, key),
                )
                for key in chunk
            ],
            ignore_conflicts=True,
        )


def sent_a_later_digest(day: date) -> set[int]:
    """The readers waiting for `day`'s digest who were sent a later day's already (it goes
    again after a failed run): theirs says that it comes late. One query."""
    waiting = AlertDelivery.objects.filter(digest_on=day, sent_at=None, failed_at=None)
    later = AlertDelivery.objects.filter(
        digest_on__gt=day, sent_at__isnull=False, subscriber__in=waiting.values("subscriber")
    )
    return set(later.values_list("subscriber_id", flat=True))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` in the site's time zone, and of the day after."""
    zone = timezone.get_current_timezone()
    start, end = (
        timezone.make_aware(datetime.combine(moment, datetime.min.time()), zone)
        for moment in (day, day + timedelta(days=1))
    )
    return start, end


def announced_on(day: date) -> list[Article]:
    """The pieces public now whose publication was handed on to the channels on `day` in the
    site's time zone, whatever their publication time."""
    start, end = day_bounds(day)
    handed_on = Event.objects.filter(
        article_id=OuterRef("pk"),
        kind=Event.Kind.PUBLISHED,
        dismissed=False,
        handled_at__gte=start,
        handled_at__lt=end,
    )
    return list(
        Article.objects.published()
        .filter(Exists(handed_on))
        .defer(*SEARCH_FIELDS)
        .with_bylines()
        .prefetch_related("tags")
        .order_by("published_at", "pk")
    )


def unsent_choices(
    subscribers: list[Subscriber],
    subjects: dict[int, matching.Subjects],
    *,
    public: dict[int, int] | None = None,
) -> dict[int, list[int]]:
    """For each of `subscribers`, the pieces of `subjects` (by key, in their order) that are
    still public (`public`, as `public_editions` gives it, when asked already), and that they
    chose and were not sent before, in an alert or a digest: five queries, however many.

    A digest asks again for each message: a piece withdrawn (unpublished or rescheduled)
    while a long run goes on is sent to no reader after, and one edited meanwhile
    (a headline, a warning, a passage marked as a spoiler) is built again before it is."""
    keys = [subscriber.pk for subscriber in subscribers]
    if public is None:
        public = public_editions(subjects)
    articles = list(public)
    alerted = AlertDelivery.objects.filter(
        subscriber__in=keys, article__in=articles, kind=matching.PUBLISHED, sent_at__isnull=False
    ).values_list("subscriber_id", "article_id")
    listed = DigestPiece.objects.filter(
        alertdelivery__subscriber__in=keys,
        alertdelivery__sent_at__isnull=False,
        article__in=articles,
    ).values_list("alertdelivery__subscriber_id", "article_id")
    sent = {*alerted, *listed}
    choices = matching.choices_of(subscribers)
    return {
        key: [
            article
            for article, about in subjects.items()
            if article in public and (key, article) not in sent and choices[key].take_in(about)
        ]
        for key in keys
    }


def record_digest(day: date, subjects: dict[int, matching.Subjects]) -> None:
    """One row for each daily subscriber, confirmed by the end of `day`, who chose one of the
    day's pieces not sent to them before."""
    subscribers = Subscriber.objects.filter(
        confirmed_at__lt=day_bounds(day)[1], frequency=Subscriber.Frequency.DAILY
    ).order_by("pk")
    found = subscribers.iterator(ROWS_PER_INSERT)
    while chunk := list(islice(found, ROWS_PER_INSERT)):
        unsent = unsent_choices(chunk, subjects)
        AlertDelivery.objects.bulk_create(
            [
                AlertDelivery(
                    subscriber=subscriber,
                    digest_on=day,
                    kind="digest",
                    message_id=messages.digest_message_id(day, subscriber.pk),
                )
                for subscriber in chunk
                if unsent[subscriber.pk]
            ],
            ignore_conflicts=True,
        )
