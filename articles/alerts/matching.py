"""Which subscribers a piece is for, and which pieces a subscriber chose.

A subscriber takes everything, or the pieces of the kinds, tags or authors they chose (any one
is enough): one who chose none of them gets nothing (`everything` is a choice of its own, never
the absence of others). Only confirmed subscribers get anything; a correction goes only to
those who asked for corrections as well.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Article, Subscriber
from articles.models.alerts import kind_chosen

# The events the outbox names (`articles.events`), and what each sends.
PUBLISHED = "published"
CORRECTED = "corrected"
SENDING_EVENTS = {PUBLISHED, CORRECTED}

TagLink = Subscriber.tags.through
AuthorLink = Subscriber.authors.through


def event_kind(kind: str) -> str:
    """ "article.published" and "published" alike: the part after the model's name."""
    return kind.rpartition(".")[2]


@dataclass(frozen=True)
class Subjects:
    """What a piece is, as subscribers choose: its kind, tags and authors."""

    kind: str
    tags: frozenset[int]
    authors: frozenset[int]

    @classmethod
    def of(cls, article: Article) -> "Subjects":
        return cls(
            kind=article.kind,
            tags=frozenset(article.tags.values_list("pk", flat=True)),
            authors=frozenset(article.bylines.values_list("author_id", flat=True)),
        )


def choosing(subjects: Subjects) -> Q:
    """Subscribers whose choices take in a piece about `subjects`."""
    chosen = Q(everything=True) | kind_chosen(subjects.kind)
    if subjects.tags:
        chosen |= Q(
            Exists(TagLink.objects.filter(subscriber=OuterRef("pk"), tag__in=subjects.tags))
        )
    if subjects.authors:
        chosen |= Q(
            Exists(
                AuthorLink.objects.filter(subscriber=OuterRef("pk"), author__in=subjects.authors)
            )
        )
    return chosen


def told_at_once(article: Article, *, kind: str) -> QuerySet:
    """Confirmed subscribers whom the event `kind` about `article` is for at once: a publication
    for those of instant alerts; a correction for every reader who asked for corrections, daily
    ones too (a correction matters as soon as it is made, and a digest lists new pieces)."""
    found = Subscriber.objects.filter(choosing(Subjects.of(article)), confirmed_at__isnull=False)
    if kind == CORRECTED:
        return found.filter(wants_corrections=True)
    return found.filter(frequency=Subscriber.Frequency.INSTANT)


def still_told(subscriber: Subscriber, subjects: Subjects, *, kind: str) -> bool:
    """Whether `subscriber`, as read just now, still asks for the event `kind` about a piece
    about `subjects` at once (as `told_at_once` chose them): no query when their own row
    decides it, one when only their topics or authors can."""
    if kind == CORRECTED:
        if not subscriber.wants_corrections:
            return False
    elif subscriber.frequency != Subscriber.Frequency.INSTANT:
        return False
    if subscriber.everything or subjects.kind in subscriber.kind_list:
        return True
    if not (subjects.tags or subjects.authors):
        return False
    return Subscriber.objects.filter(choosing(subjects), pk=subscriber.pk).exists()


def following_only(tag_ids) -> Q:
    """Subscribers who follow one of the topics `tag_ids` and nothing else: not everything, no
    kind, no author, no other topic."""
    links = TagLink.objects.filter(subscriber=OuterRef("pk"))
    return (
        Q(everything=False, kinds="")
        & Exists(links.filter(tag__in=tag_ids))
        & ~Exists(links.exclude(tag__in=tag_ids))
        & ~Exists(AuthorLink.objects.filter(subscriber=OuterRef("pk")))
    )


@dataclass(frozen=True)
class Choices:
    """A subscriber's choices, read once for matching many pieces."""

    everything: bool
    kinds: frozenset[str]
    tags: frozenset[int]
    authors: frozenset[int]

    def take_in(self, subjects: Subjects) -> bool:
        return (
            self.everything
            or subjects.kind in self.kinds
            or bool(self.tags & subjects.tags)
            or bool(self.authors & subjects.authors)
        )


def choices_of(subscribers: list[Subscriber]) -> dict[int, Choices]:
    """The choices of `subscribers`, by key: two queries, however many there are."""
    keys = [subscriber.pk for subscriber in subscribers]
    tags: dict[int, set[int]] = {}
    for subscriber, tag in TagLink.objects.filter(subscriber__in=keys).values_list(
        "subscriber_id", "tag_id"
    ):
        tags.setdefault(subscriber, set()).add(tag)
    authors: dict[int, set[int]] = {}
    for subscriber, author in AuthorLink.objects.filter(subscriber__in=keys).values_list(
        "subscriber_id", "author_id"
    ):
        authors.setdefault(subscriber, set()).add(author)
    return {
        subscriber.pk: Choices(
            everything=subscriber.everything,
            kinds=frozenset(subscriber.kind_list),
            tags=frozenset(tags.get(subscriber.pk, ())),
            authors=frozenset(authors.get(subscriber.pk, ())),
        )
        for subscriber in subscribers
    }
