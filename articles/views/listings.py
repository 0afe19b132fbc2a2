"""The article listings: the news index, an author's page and a tag's page."""

from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.views.generic import ListView
from taggit.models import Tag

from articles.cache_tags import NEWS, author_tag, kind_tag, tag_tag
from articles.cards import (
    CARD_COLUMNS,
    CARD_KEY_FIELDS,
    card_values,
    listed_article,
    listed_columns,
)
from articles.feeds import FeedScope
from articles.filters import (
    ArticleFilterForm,
    SpoilerLookup,
    public_author,
    public_topic,
    spoiler_subjects,
)
from articles.models import Article, Author, article_content_type
from articles.seo import social
from articles.seo.structured_data import (
    author_page_json_ld,
    organization_json_ld,
    website_json_ld,
)
from articles.views.mixins import (
    CompiledListing,
    ListingPages,
    PageHeadMixin,
    PublishedArticlesMixin,
)
from newsroom import pagecache
from newsroom.addresses import address
from newsroom.social import SocialCard, default_picture

# The newest featured piece's card key (or, with nothing kept, all its card shows: see
# `listed_columns`), by a query compiled once (`newsroom.compiled`).
FEATURED = {
    columns: SpoilerLookup(
        lambda narrow, columns=columns: card_values(
            narrow(Article.objects.published().filter(is_featured=True)).order_by(
                "-published_at", "-pk"
            ),
            columns,
        )[:1]
    )
    for columns in (CARD_KEY_FIELDS, CARD_COLUMNS)
}
# The listings of a fixed shape, paged by compiled queries: the index (after its featured piece,
# or of one kind), an author's pieces and a topic's.
NEWS_LISTING = CompiledListing(lambda: Article.objects.published())
NEWS_AFTER_FEATURED = CompiledListing(
    lambda featured: Article.objects.published().exclude(pk=featured), featured=int
)
NEWS_OF_KIND = CompiledListing(lambda kind: Article.objects.published().filter(kind=kind), kind=str)
AUTHOR_LISTING = CompiledListing(
    lambda author: Article.objects.published().by_author(author), author=int
)
TAG_LISTING = CompiledListing(
    lambda tag, content_type: Article.objects.published().tagged(tag, content_type=content_type),
    tag=int,
    content_type=int,
)


class ArticleIndexView(PageHeadMixin, PublishedArticlesMixin, ListView):
    """/news/: newest first, the featured article leading page one, filterable."""

    template_name = "articles/index.html"

    @cached_property
    def filters(self) -> ArticleFilterForm:
        return ArticleFilterForm(self.request.GET)

    @cached_property
    def featured(self) -> Article | None:
        if self.filters.is_filtered:
            return None
        # Which piece leads changes only with the archive (an edit, or a scheduled time coming),
        # so its card key is kept like the listing's count; "no featured piece" is kept too.
        # With nothing kept, its row comes with all its card shows (see `listed_columns`).
        columns = listed_columns()
        key = pagecache.remember(
            f"featured:{self.spoiler_preference.value}",
            lambda: self.find_featured(columns),
            tags=[NEWS],
        )
        return listed_article(key, columns) if key else None

    def find_featured(self, columns: tuple[str, ...]) -> tuple | tuple[()]:
        found = FEATURED[columns].rows(self.spoiler_preference)
        return found[0] if found else ()

    def listing_queryset(self):
        queryset = self.filters.apply(super().listing_queryset())
        if self.featured is not None:
            queryset = queryset.exclude(pk=self.featured.pk)
        return queryset

    def compiled_pages(self) -> ListingPages | None:
        values, spoilers = self.filters.values, self.spoiler_preference
        if not values and self.featured is not None:
            return NEWS_AFTER_FEATURED.pages(spoilers, featured=self.featured.pk)
        if not values:
            return NEWS_LISTING.pages(spoilers)
        if values.keys() == {"kind"}:
            return NEWS_OF_KIND.pages(spoilers, kind=values["kind"])
        # One topic or author lists what its own page lists.
        tag, author = self.filters.tag_object, self.filters.author_object
        if values.keys() == {"tag"} and tag is not None:
            return TAG_LISTING.pages(spoilers, tag=tag.pk, content_type=article_content_type())
        if values.keys() == {"author"} and author is not None:
            return AUTHOR_LISTING.pages(spoilers, author=author.pk)
        return None  # several filters, or one naming nothing: paged from the queryset

    def lead_card(self) -> Article | None:
        return self.featured

    def listing_tags(self) -> list[str]:
        """Each filter's listing; a tag or author not found shows nothing until the archive
        changes (one may then be published under that name, which retires the news)."""
        values = self.filters.values
        tags = [kind_tag(values["kind"])] if "kind" in values else []
        for name, found, tag_of in (
            ("tag", self.filters.tag_object, tag_tag),
            ("author", self.filters.author_object, author_tag),
        ):
            if name in values:
                tags.append(tag_of(found.pk) if found is not None else NEWS)
        return tags or [NEWS]

    def listing_params(self) -> dict[str, str]:
        return self.filters.values

    def listing_name(self) -> str:
        featured = self.featured.pk if self.featured else None
        return f"{super().listing_name()}:{self.filters.found}:{featured}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        context["featured"] = self.featured if context["page_obj"].number == 1 else None
        context["spoiler_subjects"] = SimpleLazyObject(lambda: spoiler_subjects(self.request))
        # A filter that shows nothing has no feed to offer.
        context["feed_scope"] = self.feed_scope() if context["paginator"].count else None
        self.front_page = not self.filters.is_filtered and context["page_obj"].number == 1
        context["canonical_address"] = self.canonical_address(context["page_obj"].number)
        context.update(self.head_context())
        return context

    def canonical_address(self, page: int) -> str | None:
        """The page search engines are pointed to for this one: a single topic's or author's
        own page, which lists the same pieces page for page; else the index with its filters
        as they are read, in one order (a kind, or several filters, list what no other page
        does). None for a filter naming nothing, whose page shows nothing."""
        filters = self.filters
        if filters.names_nothing:
            return None
        values = filters.values
        paged = {"page": page} if page > 1 else {}
        if values.keys() == {"tag"}:
            path, params = address("articles:tag", filters.tag_object.slug), paged
        elif values.keys() == {"author"}:
            path, params = filters.author_object.get_absolute_url(), paged
        else:
            params = {name: values[name] for name in sorted(values)} | paged
            if filters.tag_object is not None:
                params["tag"] = filters.tag_object.slug
            if filters.author_object is not None:
                params["author"] = filters.author_object.slug
            path = address("articles:index")
        return f"{path}?{urlencode(params)}" if params else path

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Any slug may be typed into a filter: a page for one naming nothing is not kept, here
        # or at the edge, so that made-up values cannot fill the cache.
        if self.filters.names_nothing:
            pagecache.not_kept(response)
        return response

    def social_card(self) -> SocialCard:
        site_settings = self.site_settings
        image, image_alt = default_picture(site_settings, request=self.request)
        return SocialCard(
            title=f"{site_settings.news_heading} · {site_settings.site_name}",
            description=site_settings.news_description or site_settings.news_introduction,
            url=self.request.build_absolute_uri(address("articles:index")),
            image=image,
            image_alt=image_alt,
        )

    def structured_data(self) -> list[dict]:
        # The organisation and the site search are described once, on the news front page.
        if not self.front_page:
            return []
        request, site_settings = self.request, self.site_settings
        return [
            organization_json_ld(request=request, site_settings=site_settings),
            website_json_ld(request=request, site_settings=site_settings),
        ]

    def feed_scope(self) -> FeedScope | None:
        """The feed of exactly what a single filter shows, for autodiscovery."""
        values = self.filters.values
        if len(values) != 1:
            return None
        if "kind" in values:
            return FeedScope(kind=values["kind"])
        if self.filters.tag_object is not None:
            return FeedScope(tag=self.filters.tag_object)
        if self.filters.author_object is not None:
            return FeedScope(author=self.filters.author_object)
        return None


class AuthorArticlesView(PageHeadMixin, PublishedArticlesMixin, ListView):
    """/news/authors/<slug>/: the author's profile and their published articles.

    Authors with nothing published answer 404, so a pending op-ed never reveals its author.
    """

    template_name = "articles/author.html"
    card_heading_level = 3

    @cached_property
    def author(self) -> Author:
        author = public_author(self.kwargs["slug"])
        if author is None:
            raise Http404("No author with public articles has this address.")
        return author

    def listing_queryset(self):
        return super().listing_queryset().by_author(self.author)

    def compiled_pages(self) -> ListingPages:
        return AUTHOR_LISTING.pages(self.spoiler_preference, author=self.author.pk)

    def listing_tags(self) -> list[str]:
        return [author_tag(self.author.pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            author=self.author, feed_scope=FeedScope(author=self.author), **kwargs
        )
        context.update(self.head_context())
        return context

    def social_card(self) -> SocialCard:
        url = self.request.build_absolute_uri(self.author.get_absolute_url())
        return social.author_card(
            self.author, url=url, request=self.request, site_settings=self.site_settings
        )

    def structured_data(self) -> list[dict]:
        author = self.author
        return [
            author_page_json_ld(author, request=self.request),
            self.breadcrumb_trail(author.name, author.get_absolute_url()),
        ]


class TagArticlesView(PageHeadMixin, PublishedArticlesMixin, ListView):
    """/news/tags/<slug>/: published articles on one topic; 404 when none are public."""

    template_name = "articles/tag.html"

    @cached_property
    def tag(self) -> Tag:
        topic = public_topic(self.kwargs["slug"])
        if topic is None:
            raise Http404("No topic with public articles has this address.")
        return topic

    def listing_queryset(self):
        return super().listing_queryset().tagged(self.tag)

    def compiled_pages(self) -> ListingPages:
        spoilers, content_type = self.spoiler_preference, article_content_type()
        return TAG_LISTING.pages(spoilers, tag=self.tag.pk, content_type=content_type)

    def listing_tags(self) -> list[str]:
        return [tag_tag(self.tag.pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            tag=self.tag, feed_scope=FeedScope(tag=self.tag), **kwargs
        )
        context.update(self.head_context())
        return context

    def social_card(self) -> SocialCard:
        tag, site_settings = self.tag, self.site_settings
        image, image_alt = default_picture(site_settings, request=self.request)
        return SocialCard(
            title=f"{tag.name} · {site_settings.site_name}",
            description=f"News and opinion about {tag.name} from {site_settings.site_name}.",
            url=self.request.build_absolute_uri(address("articles:tag", tag.slug)),
            image=image,
            image_alt=image_alt,
        )

    def structured_data(self) -> list[dict]:
        return [self.breadcrumb_trail(self.tag.name, address("articles:tag", self.tag.slug))]
