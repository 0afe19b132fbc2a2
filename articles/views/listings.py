"""The article listings: the news index, an author's page and a tag's page."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import ListView
from taggit.models import Tag

from articles.cache_tags import NEWS, author_tag, kind_tag, tag_tag
from articles.cards import CARD_KEY_FIELDS
from articles.feeds import FeedScope
from articles.filters import ArticleFilterForm, spoiler_subjects
from articles.models import Article, Author, Byline
from articles.seo import social
from articles.seo.structured_data import (
    author_page_json_ld,
    organization_json_ld,
    website_json_ld,
)
from articles.views.mixins import PageHeadMixin, PublishedArticlesMixin
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.social import SocialCard


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
        key = pagecache.remember(
            f"featured:{self.spoiler_preference.value}", self.find_featured, tags=[NEWS]
        )
        return Article.from_db(DEFAULT_DB_ALIAS, CARD_KEY_FIELDS, key) if key else None

    def find_featured(self) -> tuple | tuple[()]:
        featured = Article.objects.published().filter(is_featured=True)
        found = self.spoiler_preference.apply(featured).values_list(*CARD_KEY_FIELDS).first()
        return found or ()

    def get_queryset(self):
        queryset = self.filters.apply(super().get_queryset())
        if self.featured is not None:
            queryset = queryset.exclude(pk=self.featured.pk)
        return queryset

    def lead_card(self) -> Article | None:
        return self.featured

    def listing_tags(self) -> list[str]:
        """Each filter's listing; a tag or author not found shows nothing until the archive
        changes (one may then be published under that name)."""
        values = self.filters.values
        tags = [kind_tag(values["kind"])] if "kind" in values else []
        for name, found, tag_of in (
            ("tag", self.filters.tag_object, tag_tag),
            ("author", self.filters.author_object, author_tag),
        ):
            if name in values:
                tags.append(tag_of(found.pk) if found is not None else NEWS)
        return tags or [NEWS]

    def listing_name(self) -> str:
        featured = self.featured.pk if self.featured else None
        return f"{super().listing_name()}:{sorted(self.filters.values.items())}:{featured}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        context["featured"] = self.featured if context["page_obj"].number == 1 else None
        context["spoiler_subjects"] = SimpleLazyObject(spoiler_subjects)
        # A filter that shows nothing has no feed to offer.
        context["feed_scope"] = self.feed_scope() if context["paginator"].count else None
        self.front_page = not self.filters.is_filtered and context["page_obj"].number == 1
        context.update(self.head_context())
        return context

    def social_card(self) -> SocialCard:
        site_settings = SiteSettings.current()
        return SocialCard(
            title=f"{site_settings.news_heading} · {site_settings.site_name}",
            description=site_settings.news_description or site_settings.news_introduction,
            url=self.request.build_absolute_uri(reverse("articles:index")),
        )

    def structured_data(self) -> list[dict]:
        # The organisation and the site search are described once, on the news front page.
        if not self.front_page:
            return []
        request, site_settings = self.request, SiteSettings.current()
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
        published_byline = Byline.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return get_object_or_404(
            Author.objects.filter(Exists(published_byline)), slug=self.kwargs["slug"]
        )

    def get_queryset(self):
        return super().get_queryset().by_author(self.author)

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
        return social.author_card(self.author, url=url, request=self.request)

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
        public = Article.objects.published().filter(tags=OuterRef("pk"))
        return get_object_or_404(Tag.objects.filter(Exists(public)), slug=self.kwargs["slug"])

    def get_queryset(self):
        return super().get_queryset().tagged(self.tag)

    def listing_tags(self) -> list[str]:
        return [tag_tag(self.tag.pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            tag=self.tag, feed_scope=FeedScope(tag=self.tag), **kwargs
        )
        context.update(self.head_context())
        return context

    def social_card(self) -> SocialCard:
        tag, site_settings = self.tag, SiteSettings.current()
        return SocialCard(
            title=f"{tag.name} · {site_settings.site_name}",
            description=f"News and opinion about {tag.name} from {site_settings.site_name}.",
            url=self.request.build_absolute_uri(reverse("articles:tag", args=[tag.slug])),
        )

    def structured_data(self) -> list[dict]:
        return [self.breadcrumb_trail(self.tag.name, reverse("articles:tag", args=[self.tag.slug]))]
