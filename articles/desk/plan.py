"""What is on the plan: pieces at the times they run or are meant to run.

Each kind of entry says which articles it takes and at which of their times it stands
(`KINDS`); one query finds the entries of any span, for the calendar, the dashboard and the
feed alike.
"""

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from articles.models import LISTING_DEFERRED, Article
from newsroom.typed_times import repeats


@dataclass(frozen=True)
class EntryKind:
    code: str
    label: str
    field: str  # the article's time the entry stands at
    takes: Callable[[datetime], Q]  # the articles it takes, at a given now
    movable: bool  # whether editors move it on the calendar


Status = Article.Status

# A piece under embargo stands at the time it runs: its publication time, never earlier than
# the embargo (later, if it was scheduled past it). It moves only with the embargo, on its own
# page.
EMBARGOED = EntryKind(
    "embargoed",
    "Embargoed",
    "published_at",
    lambda now: Q(status=Status.PUBLISHED, embargoed_until__gt=now),
    movable=False,
)
SCHEDULED = EntryKind(
    "scheduled",
    "Scheduled",
    "published_at",
    lambda now: Q(status=Status.PUBLISHED, published_at__gt=now),
    movable=True,
)
PUBLISHED = EntryKind(
    "published",
    "Published",
    "published_at",
    lambda now: Q(status=Status.PUBLISHED, published_at__lte=now),
    movable=False,
)
PLANNED = EntryKind(
    "planned",
    "Planned",
    "planned_for",
    lambda now: Q(status__in=(Status.DRAFT, Status.IN_REVIEW)),
    movable=True,
)
# In order of precedence: a piece that two kinds take is an entry of the first.
KINDS = (EMBARGOED, SCHEDULED, PUBLISHED, PLANNED)
UPCOMING = (EMBARGOED, SCHEDULED, PLANNED)
_BY_CODE = {kind.code: kind for kind in KINDS}


@dataclass(frozen=True)
class Entry:
    article: Article
    kind: EntryKind
    at: datetime

    @property
    def state(self) -> tuple[str, str]:
        """(code, label) of what the piece is, as the calendar names it: a planned piece by its
        status ("Draft", "In review"), read from the row already loaded; any other by its kind."""
        if self.kind is PLANNED:
            return self.article.status, self.article.get_status_display()
        return self.kind.code, self.kind.label

    @property
    def local_at(self) -> datetime:
        """The entry's time in the newsroom's time zone."""
        return timezone.localtime(self.at)

    @property
    def clock(self) -> str:
        """The entry's time of day as the calendar shows it, "09:00"; in the hour the clocks
        show twice, with the zone that tells which it is, "02:30 CEST" then "02:30 CET"."""
        local = self.local_at
        shown = f"{local:%H:%M}"
        if repeats(local.replace(tzinfo=None), local.tzinfo):
            return f"{shown} {local.tzname()}"
        return shown


def kind_of(article: Article, *, now: datetime | None = None) -> EntryKind | None:
    """The kind of entry `article`, as stored, is on the plan now, if any: one query."""
    now = now or timezone.now()
    rules = [(kind, kind.takes(now) & Q(**{f"{kind.field}__isnull": False})) for kind in KINDS]
    found = (
        Article.objects.filter(pk=article.pk)
        .annotate(entry_kind=_kind_case(rules))
        .values_list("entry_kind", flat=True)
        .first()
    )
    return _BY_CODE.get(found or "")


def entries(
    articles: QuerySet,
    *,
    start: datetime,
    end: datetime,
    kinds: Sequence[EntryKind] = KINDS,
    now: datetime | None = None,
) -> list[Entry]:
    """The entries of `articles` from `start` up to `end`, soonest first: one query.

    `articles` is already narrowed to what the reader may see (`roles.on_desk`).
    """
    now = now or timezone.now()
    spans = {
        kind.field: Q(**{f"{kind.field}__gte": start, f"{kind.field}__lt": end}) for kind in kinds
    }
    rules = [(kind, kind.takes(now) & spans[kind.field]) for kind in kinds]
    found = (
        articles.filter(reduce(operator.or_, spans.values()))  # what the time indexes find
        .annotate(
            entry_kind=_kind_case(rules),
            entry_at=Case(
                *(When(rule, then=F(kind.field)) for kind, rule in rules),
                output_field=models.DateTimeField(),
            ),
        )
        .filter(entry_kind__isnull=False)
        .defer(*LISTING_DEFERRED)
        .order_by("entry_at", "pk")
    )
    return [Entry(article, _BY_CODE[article.entry_kind], article.entry_at) for article in found]


def _kind_case(rules: list[tuple[EntryKind, Q]]) -> Case:
    return Case(
        *(When(rule, then=Value(kind.code)) for kind, rule in rules),
        output_field=models.CharField(),
    )
