"""The dashboard: what waits for the person signed in, and what runs when.

`build` makes every list in a fixed number of queries, however many pieces there are: one per
list, and one for the bylines of every piece shown (which the publish checks read too).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Sum, When, Window
from django.db.models.query import prefetch_related_objects
from django.utils import timezone

from articles.desk import plan
from articles.models import (
    LISTING_DEFERRED,
    SEARCH_FIELDS,
    Article,
    Byline,
    ContentWarning,
    PreviewLink,
)
from articles.workflow import checklist, roles

# How far ahead "coming up" looks, and how many lines each list shows.
AHEAD = timedelta(days=14)
LINES = 10
# The pieces on their way out whose publish checks are run, soonest first.
CHECKED = 100

Status = Article.Status


@dataclass
class Unready:
    article: Article
    problems: list[str]
    at: datetime | None  # when it runs or is meant to


@dataclass
class Dashboard:
    now: datetime
    may_publish: bool
    may_see_links: bool
    # The lists cut at LINES lines, where more were found.
    more: set[str] = field(default_factory=set)
    awaiting_review: list[Article] = field(default_factory=list)
    my_drafts: list[Article] = field(default_factory=list)
    my_drafts_count: int = 0  # all of them, however many are shown
    coming_up: list[plan.Entry] = field(default_factory=list)
    unready: list[Unready] = field(default_factory=list)
    recently_published: list[Article] = field(default_factory=list)
    open_links: list[PreviewLink] = field(default_factory=list)

    @property
    def until(self) -> datetime:
        return self.now + AHEAD


def build(user, *, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    board = Dashboard(
        now=now,
        may_publish=roles.can_publish(user),
        may_see_links=user.has_perm("articles.view_previewlink"),
    )
    articles = Article.objects.defer(*LISTING_DEFERRED)
    mine = roles.on_desk(user, Article.objects.all())
    if board.may_publish:
        board.awaiting_review = list(
            articles.filter(status=Status.IN_REVIEW).order_by("updated_at", "pk")[: LINES + 1]
        )
    # Counted in the same query, over every row before the cut: the number the article list
    # filtered to "yours" (`OwnFilter`) then shows.
    board.my_drafts = list(
        articles.filter(roles.in_progress_of(user))
        .annotate(in_progress=Window(Count("pk")))
        .order_by("-updated_at", "-pk")[: LINES + 1]
    )
    board.my_drafts_count = board.my_drafts[0].in_progress if board.my_drafts else 0
    board.coming_up = plan.entries(mine, start=now, end=board.until, kinds=plan.UPCOMING, now=now)
    board.unready = unready(mine, now=now, until=board.until)
    # The views summed in a subquery: a join grouped by piece summed every public piece's
    # links before the newest few were picked.
    views = (
        PreviewLink.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(total=Sum("view_count"))
        .values("total")
    )
    board.recently_published = list(
        roles.on_desk(user, articles.published())
        .annotate(sign_off_views=Subquery(views))
        .order_by("-published_at", "-pk")[: LINES + 1]
    )
    if board.may_see_links:
        board.open_links = list(
            PreviewLink.objects.filter(revoked_at=None, expires_at__gt=now, article__in=mine)
            .select_related("article")
            .defer(*(f"article__{name}" for name in LISTING_DEFERRED))
            .order_by("expires_at", "pk")[: LINES + 1]
        )
    for name in ("awaiting_review", "my_drafts", "recently_published", "open_links"):
        rows = getattr(board, name)
        if len(rows) > LINES:
            setattr(board, name, rows[:LINES])
            board.more.add(name)
    shown = [
        *board.awaiting_review,
        *board.my_drafts,
        *(entry.article for entry in board.coming_up),
        *board.recently_published,
    ]
    prefetch_related_objects(
        shown, Prefetch("bylines", queryset=Byline.objects.select_related("author"))
    )
    return board


def unready(articles, *, now: datetime, until: datetime) -> list[Unready]:
    """Pieces on their way out that a publish check refuses: in review, scheduled, or planned
    before `until`, soonest first (three queries: the pieces, their bylines and their warnings,
    which the spoiler check reads)."""
    on_the_way = (
        articles.filter(
            Q(status=Status.IN_REVIEW)
            | Q(status=Status.PUBLISHED, published_at__gt=now)
            | Q(status__in=roles.CONTRIBUTOR_STATUSES, planned_for__lt=until)
        )
        .defer(*SEARCH_FIELDS)  # the checks read the text
        .annotate(
            due=Case(
                When(status=Status.PUBLISHED, then=F("published_at")), default=F("planned_for")
            )
        )
        .order_by(F("due").asc(nulls_last=True), "pk")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            Prefetch("warnings", queryset=ContentWarning.objects.order_by("position")),
        )
    )
    found = []
    for article in on_the_way[:CHECKED]:
        # The bylines as prefetched with their authors: no query per piece.
        names = [byline.author.name for byline in article.bylines.all()]
        if problems := checklist.publication_problems(article, byline_names=names):
            found.append(Unready(article, problems, article.due))
    return found
