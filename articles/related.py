"""The pieces related to an article on its page: those sharing the most topics with it,
newest first on ties, but for those a reader's spoiler choice hides, as the listings do, with
how many of those it left out."""

from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from taggit.models import Tag, TaggedItem

from articles.cache_tags import article_tags, tag_tag
from articles.filters import SpoilerLookup, SpoilerPreference, every_piece
from articles.models import Article, article_content_type, read_warning_notes, warning_notes
from newsroom import pagecache

RELATED_COUNT = 3
RELATED_CANDIDATES = 500
# What a related piece shows: its link, kind, headline and date, and its warnings (brought by
# the same query, as a card's are).
RELATED_COLUMNS = ("id", "kind", "headline", "slug", "published_at")


# The pieces related to an article through its topics, as a reader's spoiler choice narrows
# them. The content type is passed as a value: the compiled SQL outlives a database that numbers
# content types anew (as tests do).
RELATED = SpoilerLookup(
    lambda narrow, article, tags, content_type: related_rows(
        article, tags, content_type, narrow=narrow
    ),
    article=int,
    tags=list,
    content_type=int,
)


class Related(NamedTuple):
    """The related pieces shown, how many of those that would rank among them the reader's
    spoiler choice leaves out (the list says so, as a listing does), and the subject hidden
    as those pieces' warnings name it, which costs no query to find."""

    pieces: list[Article]
    hidden: int = 0
    subject: str = ""


def related_articles(article: Article, tags: list[Tag], spoilers: SpoilerPreference) -> Related:
    """Other public articles sharing the most tags with this one, newest first on ties,
    but for those the reader's spoiler choice hides.

    Kept until a piece on one of the topics is published, changed or withdrawn, or one of
    those shown or left out changes: the grouping reads every article of the shared tags.
    """
    tag_ids = [tag.pk for tag in tags]
    if not tag_ids:
        return Related([])

    def find() -> Related:
        found, hidden = find_related(article, tag_ids, spoilers)
        pagecache.shows(*article_tags(related.pk for related in found + hidden))
        subjects = (
            warning.subject
            for piece in hidden
            for warning in piece.ordered_warnings
            if spoilers.subject_slug and warning.subject_slug == spoilers.subject_slug
        )
        return Related(found, len(hidden), next(subjects, ""))

    # Named apart from the plain lists kept before, which a deploy would otherwise read.
    return pagecache.remember(
        f"related-pieces:{article.pk}:{','.join(map(str, sorted(tag_ids)))}:{spoilers.value}",
        find,
        tags=[tag_tag(pk) for pk in tag_ids],
    )


def related_candidates(article: int, tag_ids: list[int], content_type: int, *, narrow):
    """The newest pieces sharing a tag, found by walking the listing index, of those
    `narrow` leaves (see `SpoilerLookup`).

    Counting shared tags over a whole archive would read tens of thousands of rows.
    """
    shares_a_tag = TaggedItem.objects.filter(
        content_type=content_type, object_id=OuterRef("pk"), tag_id__in=tag_ids
    )
    return (
        narrow(Article.objects.published())
        .filter(Exists(shares_a_tag))
        .exclude(pk=article)
        .order_by("-published_at", "-pk")
        .values("pk")[:RELATED_CANDIDATES]
    )


def related_rows(article: int, tag_ids: list[int], content_type: int, *, narrow):
    """Of the candidates, those sharing the most tags, newest first on ties, and, when `narrow`
    leaves some out, those it leaves out of the ones that would rank first without it: each row
    `RELATED_COLUMNS`, the count of shared tags, whether `narrow` leaves it out, then the
    piece's `warning_notes`. One query, so the list can say what it hides at no cost."""
    shared = (
        TaggedItem.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), tag_id__in=tag_ids
        )
        .order_by()
        .values("object_id")
        .annotate(count=Count("tag_id"))
        .values("count")
    )
    ranked = ranked_related(article, tag_ids, content_type, shared, narrow=narrow)
    rows = Article.objects.filter(pk__in=ranked)
    left_out = Value(False)
    if narrow is not every_piece:
        # A piece `narrow` keeps that ranks first without it ranks first with it too, so those
        # read besides are the pieces left out.
        everything = ranked_related(article, tag_ids, content_type, shared, narrow=every_piece)
        rows = Article.objects.filter(Q(pk__in=ranked) | Q(pk__in=everything))
        left_out = ~Exists(narrow(Article.objects.filter(pk=OuterRef("pk"))))
    return (
        rows.values_list(*RELATED_COLUMNS)
        .annotate(shared_tags=Subquery(shared), left_out=left_out)
        .annotate(related_warnings=warning_notes())
        .order_by("-shared_tags", "-published_at", "-pk")
    )


def ranked_related(article: int, tag_ids: list[int], content_type: int, shared, *, narrow):
    """The keys of the candidates sharing the most tags (`shared` counts them), newest first
    on ties."""
    candidates = related_candidates(article, tag_ids, content_type, narrow=narrow)
    # The candidates are ranked by their keys and dates alone (the listing index has both),
    # and only the few that rank first are read whole.
    return (
        Article.objects.filter(pk__in=candidates)
        .annotate(shared_tags=Subquery(shared))
        .order_by("-shared_tags", "-published_at", "-pk")
        .values("pk")[:RELATED_COUNT]
    )


def find_related(
    article: Article, tag_ids: list[int], spoilers: SpoilerPreference
) -> tuple[list[Article], list[Article]]:
    """The related pieces shown, and those the reader's spoiler choice leaves out."""
    using = article._state.db or DEFAULT_DB_ALIAS
    rows = RELATED.rows(
        spoilers,
        article=article.pk,
        tags=tag_ids,
        content_type=article_content_type(),
        using=using,
    )
    found, hidden = [], []
    for row in rows:
        related = Article.from_db(using, RELATED_COLUMNS, row[: len(RELATED_COLUMNS)])
        read_warning_notes(related, row[-1])
        (hidden if row[-2] else found).append(related)
    return found, hidden
