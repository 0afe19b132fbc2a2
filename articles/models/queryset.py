"""How articles are read: `ArticleQuerySet`, which alone decides what readers may see, and what
listings load (`for_listing`, `prefetch_cards`)."""

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from taggit.models import TaggedItem

from articles.models.authors import Byline
from articles.models.notices import ContentWarning
from articles.seo.indexing import IndexingPolicy

if TYPE_CHECKING:
    from articles.models.article import Article

# Only search reads these; every other query leaves them unloaded.
SEARCH_FIELDS = ("search_text", "search_vector")
# What listings leave unloaded: the long text a card never shows.
LISTING_DEFERRED = ("body", "introduction", *SEARCH_FIELDS)


def card_prefetches() -> list[models.Prefetch]:
    return [
        models.Prefetch(
            "bylines", queryset=Byline.objects.select_related("author").order_by("position")
        ),
        models.Prefetch("warnings", queryset=ContentWarning.objects.order_by("position")),
    ]


def prefetch_cards(articles: list["Article"]) -> None:
    """Load the bylines and warnings of `articles` in two queries, however many there are."""
    models.prefetch_related_objects(articles, *card_prefetches())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time that has arrived.

        Uses the database's clock, so a scheduled article appears on the first request after its
        time with no job to run, and every public query agrees on what "now" is.
        """
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=Now())

    def with_bylines(self):
        """Bylines with their authors, and warnings: one extra query each, for any number."""
        return self.prefetch_related(*card_prefetches())

    def for_listing(self):
        """Articles for cards: without the long text a card never shows.

        Listings load bylines and warnings afterwards with `prefetch_cards`, in one batch for
        every card on the page.
        """
        return self.defer(*LISTING_DEFERRED)

    def indexable(self):
        """Articles whose own page search engines should index (for sitemaps): not `noindex`,
        and not deferring to an original elsewhere."""
        return self.exclude(indexing=IndexingPolicy.NOINDEX).exclude(
            Q(indexing=IndexingPolicy.ORIGIN) & ~Q(origin_url="")
        )

    def tagged(self, tag):
        """Articles carrying `tag`.

        A semi-join rather than a join: walking the listing index newest first and probing each
        article's tags finds a page of a large topic without sorting all of its articles.
        """
        return self.filter(
            Exists(
                TaggedItem.objects.filter(
                    content_type=ContentType.objects.get_for_model(self.model),
                    object_id=OuterRef("pk"),
                    tag=tag,
                )
            )
        )

    def by_author(self, author):
        """Articles with `author` in the byline (a semi-join, as in `tagged`)."""
        return self.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), author=author)))

    def without_spoilers(self, subject_slug: str = ""):
        """Articles with no spoiler warning (or none about `subject_slug`, when given)."""
        spoilers = ContentWarning.objects.filter(
            article=OuterRef("pk"), kind=ContentWarning.Kind.SPOILERS
        )
        if subject_slug:
            spoilers = spoilers.filter(subject_slug=subject_slug)
        return self.exclude(Exists(spoilers))
