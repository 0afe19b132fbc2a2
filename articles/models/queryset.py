"""How articles are read: `ArticleQuerySet`, which alone decides what readers may see, and what
pages load with them (`for_listing`, `prefetch_cards`, `bylines_of`, `warnings_of`, and
`card_notes`, which brings them with the rows; `prefetch_topics` and `prefetch_parts`), and the
authors and topics of a set of articles (`authors`, `topics`)."""

from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now
from taggit.models import Tag, TaggedItem

from articles.crosspost import origins
from articles.models.authors import Author, Byline
from articles.models.choices import ArticleStatus
from articles.models.notices import ContentWarning
from articles.seo.indexing import IndexingPolicy
from newsroom.compiled import CompiledLookup, row_columns
from newsroom.notes import in_order, listed_notes, read_notes

if TYPE_CHECKING:
    from articles.models.article import Article

# Only search reads these; every other query leaves them unloaded.
SEARCH_FIELDS = ("search_text", "search_vector")
# What listings leave unloaded: the long text a card never shows.
LISTING_DEFERRED = ("body", "introduction", "boilerplate", *SEARCH_FIELDS)


def card_prefetches() -> list[models.Prefetch]:
    return [
        models.Prefetch(
            "bylines", queryset=Byline.objects.select_related("author").order_by("position")
        ),
        models.Prefetch("warnings", queryset=ContentWarning.objects.order_by("position")),
    ]


# Whole rows, in each model's order of fields, as `Model.from_db` takes them.
BYLINE_COLUMNS = row_columns(Byline)


def article_content_type() -> int:
    """The key of articles' content type, as compiled queries of tagged items are given it (a
    value, not part of the compiled SQL: the key differs between databases)."""
    return ContentType.objects.get_for_model(apps.get_model("articles", "Article")).pk


AUTHOR_COLUMNS = row_columns(Author)
WARNING_COLUMNS = row_columns(ContentWarning)

# Every page showing articles reads their bylines with authors and their warnings; a page of
# any length has few list lengths, so each is compiled once.
BYLINES_OF = CompiledLookup(
    lambda articles: (
        Byline.objects.filter(article_id__in=articles)
        .order_by("article_id", "position", "id")
        .values_list(*BYLINE_COLUMNS, *(f"author__{name}" for name in AUTHOR_COLUMNS))
    ),
    articles=list,
)
WARNINGS_OF = CompiledLookup(
    lambda articles: (
        ContentWarning.objects.filter(article_id__in=articles)
        .order_by("article_id", "position", "id")
        .values_list(*WARNING_COLUMNS)
    ),
    articles=list,
)


def bylines_of(keys: list[int], *, using: str = DEFAULT_DB_ALIAS) -> dict[int, list[Byline]]:
    """The bylines of the articles `keys`, in print order, with their authors: one query."""
    found: dict[int, list[Byline]] = {}
    authors: dict[int, Author] = {}
    for row in BYLINES_OF.rows(articles=keys, using=using):
        byline = _byline(row, AUTHOR_COLUMNS, authors, using)
        found.setdefault(byline.article_id, []).append(byline)
    return found


def _byline(values, author_columns: tuple[str, ...], authors: dict, using: str) -> Byline:
    """A byline of `BYLINE_COLUMNS` followed by its author's `author_columns`, the author made
    once per key in `authors`."""
    split = len(BYLINE_COLUMNS)
    byline = Byline.from_db(using, BYLINE_COLUMNS, values[:split])
    if byline.author_id not in authors:
        authors[byline.author_id] = Author.from_db(using, author_columns, values[split:])
    Byline.author.field.set_cached_value(byline, authors[byline.author_id])
    return byline


def warnings_of(
    keys: list[int], *, using: str = DEFAULT_DB_ALIAS
) -> dict[int, list[ContentWarning]]:
    """The warnings of the articles `keys`, in display order: one query."""
    found: dict[int, list[ContentWarning]] = {}
    for row in WARNINGS_OF.rows(articles=keys, using=using):
        warning = ContentWarning.from_db(using, WARNING_COLUMNS, row)
        found.setdefault(warning.article_id, []).append(warning)
    return found


# What a card shows of its bylines' authors: their names. `card_notes` loads no more of them.
CARD_AUTHOR_COLUMNS = ("id", "name", "slug")
# What an article's page shows of its bylines' authors (`byline_notes`): all but their account
# and the times their row was written.
PAGE_AUTHOR_COLUMNS = row_columns(Author, leaving=("user_id", "created_at", "updated_at"))
# The names `card_notes` gives its two lists, after a row's columns.
CARD_NOTES = ("card_bylines", "card_warnings")


def byline_notes(author_columns: tuple[str, ...]) -> Subquery:
    """An annotation for a query of articles: each row's bylines with `author_columns` of their
    authors, as one JSON list (`read_byline_notes` reads it)."""
    authors = (f"author__{name}" for name in author_columns)
    return listed_notes(Byline.objects.all(), "article", *BYLINE_COLUMNS, *authors)


def warning_notes() -> Subquery:
    """An annotation for a query of articles: each row's warnings as a JSON list
    (`read_warning_notes` turns it into `ordered_warnings`)."""
    return listed_notes(ContentWarning.objects.all(), "article", *WARNING_COLUMNS)


# What pages read of a topic.
TOPIC_COLUMNS = ("id", "name", "slug")


def topic_notes(content_type: int) -> Subquery:
    """An annotation for a query of articles: each row's topics as a JSON list of their
    `TOPIC_COLUMNS`, `content_type` being articles' (`read_topic_notes` reads it)."""
    items = TaggedItem.objects.filter(content_type=content_type)
    return listed_notes(items, "object_id", *(f"tag__{name}" for name in TOPIC_COLUMNS))


def card_notes() -> dict[str, Subquery]:
    """Annotations for a query of articles: each row's bylines (with their authors' names) and
    warnings as JSON lists, so a listing's rows bring what their cards show of them in the same
    query, not two more (`read_card_notes` turns them into `ordered_bylines` and
    `ordered_warnings`)."""
    return {
        "card_bylines": byline_notes(CARD_AUTHOR_COLUMNS),
        "card_warnings": warning_notes(),
    }


def read_card_notes(article: "Article", bylines: list | None, warnings: list | None) -> None:
    """Set the article's `ordered_bylines` and `ordered_warnings` from its `card_notes`, in the
    order `bylines_of` and `warnings_of` give them. The bylines' authors carry
    `CARD_AUTHOR_COLUMNS` only: what a card shows."""
    read_byline_notes(article, bylines, CARD_AUTHOR_COLUMNS)
    read_warning_notes(article, warnings)


def read_byline_notes(
    article: "Article", bylines: list | None, author_columns: tuple[str, ...]
) -> None:
    """Set the article's `ordered_bylines` from its `byline_notes(author_columns)`, in print
    order, each author made once."""
    using = article._state.db or DEFAULT_DB_ALIAS
    authors: dict[int, Author] = {}
    article.ordered_bylines = [
        _byline(values, author_columns, authors, using)
        for values in in_order(bylines, BYLINE_COLUMNS, "position", "id")
    ]


def read_warning_notes(article: "Article", warnings: list | None) -> None:
    """Set the article's `ordered_warnings` from its `warning_notes`, in display order."""
    using = article._state.db or DEFAULT_DB_ALIAS
    article.ordered_warnings = read_notes(
        ContentWarning, warnings, WARNING_COLUMNS, "position", "id", using=using
    )


def read_topic_notes(topics: list | None, *, using: str = DEFAULT_DB_ALIAS) -> list[Tag]:
    """The topics of a `topic_notes` list, in the order of their keys."""
    return read_notes(Tag, topics, TOPIC_COLUMNS, "id", using=using)


# The topics of a set of articles, in the order of their keys (as an article's link preview and
# structured data list them); a content type's key is given as a value, as for `tagged`.
TOPICS_OF = CompiledLookup(
    lambda articles, content_type: (
        TaggedItem.objects.filter(content_type=content_type, object_id__in=articles)
        .order_by("object_id", "tag_id")
        .values_list("object_id", *(f"tag__{name}" for name in TOPIC_COLUMNS))
    ),
    articles=list,
    content_type=int,
)


def topics_of(
    keys: list[int], *, content_type: int, using: str = DEFAULT_DB_ALIAS
) -> dict[int, list[Tag]]:
    """The topics of the articles `keys`, each in the order of their keys: one query."""
    found: dict[int, list[Tag]] = {}
    for article, *tag in TOPICS_OF.rows(articles=keys, content_type=content_type, using=using):
        found.setdefault(article, []).append(Tag.from_db(using, TOPIC_COLUMNS, tag))
    return found


def prefetch_topics(articles: list["Article"]) -> None:
    """Load the topics of `articles` in one query, however many there are: `ordered_topics`
    then needs none. Django's `prefetch_related("tags")` would build a filtered queryset for
    each article only to fill it with what the one query found."""
    if not articles:
        return
    using = articles[0]._state.db or DEFAULT_DB_ALIAS
    content_type = ContentType.objects.db_manager(using).get_for_model(articles[0]).pk
    topics = topics_of(
        list({article.pk for article in articles}), content_type=content_type, using=using
    )
    for article in articles:
        article.ordered_topics = topics.get(article.pk, [])


def prefetch_parts(articles: list["Article"]) -> None:
    """The bylines, warnings and topics of `articles`, as feeds and the read API show them:
    three queries however many there are."""
    prefetch_cards(articles)
    prefetch_topics(articles)


def prefetch_cards(articles: list["Article"]) -> None:
    """Load the bylines and warnings of `articles` in two queries, however many there are:
    `ordered_bylines` and `ordered_warnings` then need no query."""
    if not articles:
        return
    keys = list({article.pk for article in articles})
    using = articles[0]._state.db or DEFAULT_DB_ALIAS
    bylines, warnings = bylines_of(keys, using=using), warnings_of(keys, using=using)
    for article in articles:
        article.ordered_bylines = bylines.get(article.pk, [])
        article.ordered_warnings = warnings.get(article.pk, [])


# The admin's article list, newest first whatever the status, and the range its date
# drill-down starts from. What a contributor may open is decided by the columns included, so
# their list is counted from the index alone.
ADMIN_ORDER_INDEX = models.Index(
    fields=["-published_at", "-id"],
    include=["status", "created_by"],
    name="article_admin_order_idx",
)


def public_now() -> Q:
    """The condition `ArticleQuerySet.published` filters on, for a query that joins it with
    others on the same row (an `OR` with `pk__in=published()` makes PostgreSQL list every
    public piece first, on every page)."""
    return Q(status=ArticleStatus.PUBLISHED, published_at__lte=Now())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time that has arrived.

        Uses the database's clock, so a scheduled article appears on the first request after its
        time with no job to run, and every public query agrees on what "now" is.
        """
        return self.filter(public_now())

    def with_bylines(self):
        """Bylines with their authors, and warnings: one extra query each, for any number."""
        return self.prefetch_related(*card_prefetches())

    def for_listing(self):
        """Articles for cards: without the long text a card never shows.

        Pages load bylines and warnings afterwards in one batch for every card on the page:
        what cards show of them (`articles.cards.note_cards`), or whole rows (`prefetch_cards`).
        """
        return self.defer(*LISTING_DEFERRED)

    def indexable(self):
        """Articles whose own page search engines should index (for sitemaps): not `noindex`,
        and not deferring to an original elsewhere."""
        return self.exclude(indexing=IndexingPolicy.NOINDEX).exclude(
            Q(indexing=IndexingPolicy.ORIGIN) & ~Q(origin_url="")
        )

    def same_original(self, url: str):
        """Articles re-publishing the original at `url`, under whichever of its addresses."""
        key = origins.origin_key(url)
        return self.filter(origin_key=key) if key else self.none()

    def tagged(self, tag, *, content_type: int | None = None):
        """Articles carrying `tag`; `content_type`, the key of the articles' content type, for
        queries compiled once (`newsroom.compiled`).

        A semi-join rather than a join: walking the listing index newest first and probing each
        article's tags finds a page of a large topic without sorting all of its articles.
        """
        if content_type is None:
            content_type = ContentType.objects.get_for_model(self.model).pk
        return self.filter(
            Exists(
                TaggedItem.objects.filter(
                    content_type=content_type, object_id=OuterRef("pk"), tag=tag
                )
            )
        )

    def by_author(self, author):
        """Articles with `author` in the byline (a semi-join, as in `tagged`)."""
        return self.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), author=author)))

    def authors(self):
        """Authors with a byline on one of these articles: `published().authors()` are those
        readers can see (their pages, their listings in the API)."""
        return Author.objects.filter(
            Exists(Byline.objects.filter(author=OuterRef("pk"), article__in=self))
        )

    def topics(self, *, content_type: int | None = None):
        """Tags carried by one of these articles (`content_type` as for `tagged`)."""
        if content_type is None:
            content_type = ContentType.objects.get_for_model(self.model).pk
        return Tag.objects.filter(
            Exists(
                TaggedItem.objects.filter(
                    content_type=content_type,
                    tag=OuterRef("pk"),
                    object_id__in=self.values("pk"),
                )
            )
        )

    def without_spoilers(self, subject_slug: str = ""):
        """Articles with no spoiler warning (or none about `subject_slug`, when given)."""
        spoilers = ContentWarning.objects.filter(
            article=OuterRef("pk"), kind=ContentWarning.Kind.SPOILERS
        )
        if subject_slug:
            spoilers = spoilers.filter(subject_slug=subject_slug)
        return self.exclude(Exists(spoilers))
