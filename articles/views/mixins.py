"""What the News section's reader pages share: the head of the page (link preview and
structured data), and the queryset, pagination and spoiler preference of every listing."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic.base import TemplateResponseMixin

from articles.cache_tags import NEWS
from articles.cards import (
    CARD_COLUMNS,
    CARD_KEY_FIELDS,
    card_layouts,
    card_values,
    listed_article,
    listed_columns,
    rendered_cards,
)
from articles.filters import SpoilerLookup, SpoilerPreference
from articles.models import Article
from articles.pagination import ArchivePaginator
from articles.seo.structured_data import breadcrumbs
from newsroom import pagecache
from newsroom.addresses import address
from newsroom.aggregates import RowCount
from newsroom.models import SITE_TAG, SiteSettings
from newsroom.site import site_of
from newsroom.social import SocialCard

PAGE_SIZE = 12


class PageHeadMixin:
    """A reader page's link preview (`social_card`) and structured data (`structured_data`),
    worked out only when the page's head fragment is made again (see the templates'
    `{% fragment "…-head" %}`)."""

    @cached_property
    def site_settings(self) -> SiteSettings:
        """The site's settings, read once however many parts of the page use them."""
        return site_of(self.request).settings

    def head_context(self) -> dict:
        return {
            "site_settings": self.site_settings,
            "social": SimpleLazyObject(self.social_card),
            "structured_data": SimpleLazyObject(self.structured_data),
        }

    def social_card(self) -> SocialCard:
        raise NotImplementedError

    def structured_data(self) -> list[dict]:
        raise NotImplementedError

    def breadcrumb_trail(self, name: str, path: str) -> dict:
        """The page's place in the site, as structured data: the news index, then the page."""
        index = (self.site_settings.news_heading, address("articles:index"))
        return breadcrumbs([index, (name, path)], request=self.request)


def listed_after(key, when=None) -> Q:
    """The rows a listing, newest first, puts after the row `key` published at `when` (looked
    up when not given): older, or as old with a smaller key. The first condition bounds the
    index range; the second breaks ties at its edge."""
    if when is None:
        when = Subquery(Article.objects.filter(pk=key).values("published_at"))
    return Q(published_at__lte=when) & (Q(published_at__lt=when) | Q(published_at=when, pk__lt=key))


def listed_before(key, when) -> Q:
    """The rows a listing, newest first, puts before the row `key` published at `when`: newer,
    or as new with a greater key (`listed_after` the other way)."""
    return Q(published_at__gte=when) & (Q(published_at__gt=when) | Q(published_at=when, pk__gt=key))


class CompiledListing:
    """A listing of public pieces, newest first, as queries compiled once for each spoiler
    choice: its count and its card keys between two positions, as `ArchivePaginator` pages it.

    `build(**values)` returns the listing's articles, from `Article.objects.published()`;
    `values` are named as for `newsroom.compiled.CompiledLookup`.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        def counted(narrow, **values) -> QuerySet:
            return (
                narrow(build(**values)).order_by().annotate(count=RowCount()).values_list("count")
            )

        self.counts = SpoilerLookup(counted, **kinds)
        # With nothing kept, a page's rows bring the listing's count, in one query: a subquery
        # that does not depend on the row, so the database counts once, not once per row.
        self.counted_rows = SpoilerLookup(
            lambda narrow, **values: card_values(
                narrow(build(**values)).order_by("-published_at", "-pk"),
                CARD_COLUMNS,
                listing_total=Subquery(counted(narrow, **values)),
            ),
            **kinds,
        )
        # Its rows between two positions, by the columns loaded (see `listed_columns`).
        self.rows = {
            columns: SpoilerLookup(
                lambda narrow, columns=columns, **values: card_values(
                    narrow(build(**values)).order_by("-published_at", "-pk"), columns
                ),
                **kinds,
            )
            for columns in (CARD_KEY_FIELDS, CARD_COLUMNS)
        }
        # Deep pages (see `ArchivePaginator.page`): the order of the row a position from the
        # listing's end, and the rows listed after a row, by the listing's index.
        self.keys_from_end = SpoilerLookup(
            lambda narrow, **values: (
                narrow(build(**values))
                .order_by("published_at", "pk")
                .values_list("published_at", "pk")
            ),
            **kinds,
        )
        self.rows_after = {
            columns: SpoilerLookup(
                lambda narrow, key, columns=columns, **values: card_values(
                    narrow(build(**values))
                    .filter(listed_after(key))
                    .order_by("-published_at", "-pk"),
                    columns,
                ),
                key=int,
                **kinds,
            )
            for columns in (CARD_KEY_FIELDS, CARD_COLUMNS)
        }

    def pages(self, spoilers: SpoilerPreference, **values) -> "ListingPages":
        return ListingPages(self, spoilers, values)


@dataclass(frozen=True)
class ListingPages:
    """One listing's `CompiledListing` with its values and a reader's spoiler choice."""

    listing: CompiledListing
    spoilers: SpoilerPreference
    values: dict

    def count(self) -> int:
        return self.listing.counts.rows(self.spoilers, **self.values)[0][0]

    def rows(self, low: int, high: int) -> list[Article]:
        columns = listed_columns()
        found = self.listing.rows[columns].rows(self.spoilers, bounds=(low, high), **self.values)
        return [listed_article(row, columns) for row in found]

    def key_from_end(self, position: int) -> tuple:
        found = self.listing.keys_from_end.rows(
            self.spoilers, bounds=(position, position + 1), **self.values
        )
        return tuple(found[0])

    def key_from_start(self, position: int) -> tuple:
        found = self.listing.rows[CARD_KEY_FIELDS].rows(
            self.spoilers, bounds=(position, position + 1), **self.values
        )
        key, published_at = found[0]
        return published_at, key

    def rows_after(self, key: int, count: int) -> list[Article]:
        columns = listed_columns()
        found = self.listing.rows_after[columns].rows(
            self.spoilers, bounds=(0, count), key=key, **self.values
        )
        return [listed_article(row, columns) for row in found]

    def counted_rows(self, low: int, high: int) -> tuple[list[Article], int | None]:
        """The rows between two positions with all a card shows, and the listing's count; no
        rows say nothing of the count (None)."""
        found = self.listing.counted_rows.rows(self.spoilers, bounds=(low, high), **self.values)
        if not found:
            return [], None
        return [listed_article(row[:-1], CARD_COLUMNS) for row in found], found[0][-1]


class PublishedArticlesMixin:
    """The shared queryset, pagination and spoiler preference of every article listing."""

    paginate_by = PAGE_SIZE
    paginator_class = ArchivePaginator
    context_object_name = "articles"
    card_heading_level = 2

    @cached_property
    def spoiler_preference(self) -> SpoilerPreference:
        return SpoilerPreference(self.request)

    def get_queryset(self):
        """The listing's queryset. A compiled listing's first pages and count come from its
        compiled queries, so its queryset is built only when a page needs it (a deep page, or
        the parts of a kept count)."""
        if self.compiled_pages() is not None:
            return SimpleLazyObject(self.listing_queryset)
        return self.listing_queryset()

    def get_template_names(self) -> list[str]:
        # Each listing names its template; the model's default name, which ListView adds after
        # it, would build a compiled listing's queryset only to go unused.
        return TemplateResponseMixin.get_template_names(self)

    def listing_queryset(self):
        """The public pieces the listing shows, newest first, as the reader's spoiler choice
        narrows them; views narrow it further by overriding this."""
        return self.spoiler_preference.apply(self.listing_rows(Article.objects.published()))

    def listing_rows(self, queryset):
        """The columns a page of the listing loads (`listed_columns`): what orders it and names
        its cards.

        Cards are kept rendered until the content changes (`articles.cards`), so a page loads
        the rest of an article's row only for a card not yet made.
        """
        return queryset.only(*listed_columns())

    def listing_name(self) -> str:
        """What decides this listing's rows, as a name for its cached count and page bounds."""
        return (
            f"{self.request.resolver_match.view_name}:{self.kwargs}:{self.spoiler_preference.value}"
        )

    def listing_tags(self) -> list[str]:
        """What decides this listing's rows, as page-cache tags (see `articles.caching`)."""
        return [NEWS]

    def listing_params(self) -> dict[str, str]:
        """The query parameters, as the view read them, that say what is listed (filters, a
        search): links that change how the listing is shown keep them."""
        return {}

    def compiled_pages(self) -> ListingPages | None:
        """The listing's count and first pages by compiled queries (see `ArchivePaginator`),
        for a listing of a fixed shape; None pages the queryset."""
        return None

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(
            *args,
            name=self.listing_name(),
            tags=self.listing_tags(),
            compiled=self.compiled_pages(),
            **kwargs,
        )

    def prepare_cards(self, articles: list[Article], *, lead: Article | None) -> dict:
        """The page's cards by article, each kept until its article changes."""
        return rendered_cards(
            [*articles, *([lead] if lead else [])],
            lead=lead,
            heading_level=self.card_heading_level,
        )

    def card_list_key(self, articles: list[Article], *, lead: Article | None) -> str:
        """What the page's list of cards shows, to keep it whole: its cards' names in order."""
        everything = [*articles, *([lead] if lead else [])]
        return " ".join(card_layouts(everything, lead=lead, heading_level=self.card_heading_level))

    def lead_card(self) -> Article | None:
        """A card shown above the page's list in the large layout, rendered in the same batch."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["page_obj"].object_list)
        lead = self.lead_card() if context["page_obj"].number == 1 else None
        context["page_obj"].object_list = articles
        context["articles"] = articles
        # Cards are looked up only when the page's kept list (or lead) must be made again.
        context["cards"] = SimpleLazyObject(lambda: self.prepare_cards(articles, lead=lead))
        context["card_list_key"] = self.card_list_key(articles, lead=lead)
        context["spoilers"] = self.spoiler_preference
        context["listing_params"] = self.listing_params()
        # What the page's fragments show besides their cards: the listing and the site.
        context["cache_tags"] = [*self.listing_tags(), SITE_TAG]
        pagecache.shows(*context["cache_tags"])
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        self.spoiler_preference.remember(response)
        patch_vary_headers(response, ["Cookie"])
        return response
