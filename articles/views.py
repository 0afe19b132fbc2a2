"""Public pages of the News section. Every query starts from `Article.objects.published()`."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, OuterRef, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView, ListView
from taggit.models import Tag, TaggedItem

from articles.cards import CARD_KEY_FIELDS, card_layouts, rendered_cards
from articles.feeds import FeedScope
from articles.filters import ArticleFilterForm, SpoilerPreference, spoiler_subjects
from articles.models import SEARCH_FIELDS, Article, Author, Byline, prefetch_cards
from articles.pagination import ArchivePaginator
from articles.search import ArticleSearch
from articles.seo import social
from articles.seo.indexing import page_indexing
from articles.seo.structured_data import (
    article_json_ld,
    author_page_json_ld,
    breadcrumbs,
    organization_json_ld,
    website_json_ld,
)
from articles.workflow import previews, redirects, roles
from newsroom import pagecache
from newsroom.compiled import CompiledLookup
from newsroom.context_processors import cached_site_settings

PAGE_SIZE = 12
RELATED_COUNT = 3
RELATED_CANDIDATES = 500


class PageHeadMixin:
    """A reader page's link preview (`social_card`) and structured data (`structured_data`),
    worked out only when the page's head fragment is made again (see the templates'
    `{% fragment "…-head" %}`)."""

    def head_context(self) -> dict:
        return {
            "site_settings": cached_site_settings(),
            "social": SimpleLazyObject(self.social_card),
            "structured_data": SimpleLazyObject(self.structured_data),
        }

    def social_card(self) -> social.SocialCard:
        raise NotImplementedError

    def structured_data(self) -> list[dict]:
        raise NotImplementedError


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
        return self.spoiler_preference.apply(self.listing_rows(Article.objects.published()))

    def listing_rows(self, queryset):
        """The columns a page of the listing loads: what orders it and names its cards.

        Cards are kept rendered until the content changes (`articles.cards`), so a page loads
        the rest of an article's row only for a card not yet made.
        """
        return queryset.only(*CARD_KEY_FIELDS)

    def listing_name(self) -> str:
        """What decides this listing's rows, as a name for its cached count and page bounds."""
        return (
            f"{self.request.resolver_match.view_name}:{self.kwargs}:{self.spoiler_preference.value}"
        )

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, name=self.listing_name(), **kwargs)

    def prepare_cards(self, articles: list[Article], *, lead: Article | None) -> dict:
        """The page's cards by article, rendered once per content generation."""
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
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        self.spoiler_preference.remember(response)
        patch_vary_headers(response, ["Cookie"])
        return response


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
        # Which piece leads changes only with the content (an edit, or a scheduled time coming),
        # so its card key is kept like the listing's count; "no featured piece" is kept too.
        key = pagecache.remember(f"featured:{self.spoiler_preference.value}", self.find_featured)
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

    def social_card(self) -> social.SocialCard:
        site_settings = cached_site_settings()
        return social.SocialCard(
            title=f"{site_settings.news_heading} · {site_settings.site_name}",
            description=site_settings.news_description or site_settings.news_introduction,
            url=self.request.build_absolute_uri(reverse("articles:index")),
        )

    def structured_data(self) -> list[dict]:
        # The organisation and the site search are described once, on the news front page.
        if not self.front_page:
            return []
        request, site_settings = self.request, cached_site_settings()
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            author=self.author, feed_scope=FeedScope(author=self.author), **kwargs
        )
        context.update(self.head_context())
        return context

    def social_card(self) -> social.SocialCard:
        url = self.request.build_absolute_uri(self.author.get_absolute_url())
        return social.author_card(self.author, url=url, request=self.request)

    def structured_data(self) -> list[dict]:
        author, request, site_settings = self.author, self.request, cached_site_settings()
        return [
            author_page_json_ld(author, request=request),
            breadcrumbs(
                [
                    (site_settings.news_heading, reverse("articles:index")),
                    (author.name, author.get_absolute_url()),
                ],
                request=request,
            ),
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            tag=self.tag, feed_scope=FeedScope(tag=self.tag), **kwargs
        )
        context.update(self.head_context())
        return context

    def social_card(self) -> social.SocialCard:
        tag, site_settings = self.tag, cached_site_settings()
        return social.SocialCard(
            title=f"{tag.name} · {site_settings.site_name}",
            description=f"News and opinion about {tag.name} from {site_settings.site_name}.",
            url=self.request.build_absolute_uri(reverse("articles:tag", args=[tag.slug])),
        )

    def structured_data(self) -> list[dict]:
        tag, site_settings = self.tag, cached_site_settings()
        path = reverse("articles:tag", args=[tag.slug])
        return [
            breadcrumbs(
                [(site_settings.news_heading, reverse("articles:index")), (tag.name, path)],
                request=self.request,
            )
        ]


# The public article at an address: its key alone, by the hottest query of the site.
PUBLIC_ARTICLE_KEY = CompiledLookup(
    lambda slug: Article.objects.published().filter(slug=slug).values_list("id", "slug")[:1],
    "slug",
)


class ArticleDetailView(PageHeadMixin, DetailView):
    """/news/<slug>/: one article, laid out as the newsroom publishes it.

    Editors and the article's own authors also see it here before it is public, under a preview
    banner and never cached; an address the article had before a slug change redirects (301).
    """

    template_name = "articles/detail.html"
    context_object_name = "article"
    preview = None

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        found = PUBLIC_ARTICLE_KEY.rows(slug=slug)
        # The page's fragments are kept by the article's key; the rest of the row is loaded
        # (one query, see `Article.refresh_from_db`) only when a fragment is made again.
        article = Article.from_db(DEFAULT_DB_ALIAS, ["id", "slug"], found[0]) if found else None
        if article is None:
            user = self.request.user
            draft = Article.objects.filter(slug=slug).first() if user.is_staff else None
            if draft is None or not roles.can_preview(user, draft):
                raise Http404("No public article at this address.")
            self.preview = {"for_staff": True}
            article = draft
        return self.load_page_rows(article)

    def load_page_rows(self, article: Article) -> Article:
        """The article's bylines, warnings and tags, each loaded (one query) when first used.

        Once the page's fragments are kept (see `newsroom.pagecache.templatetags.fragments`), a
        request uses none of them and makes no query for them. For a single article, plain queries
        cost a fraction of what prefetch_related's machinery does.
        """
        article.ordered_bylines = SimpleLazyObject(
            lambda: list(
                Byline.objects.filter(article=article).select_related("author").order_by("position")
            )
        )
        article.ordered_warnings = SimpleLazyObject(
            lambda: list(article.warnings.order_by("position", "pk"))
        )
        return article

    @cached_property
    def tags(self) -> list[Tag]:
        # Prefetched the usual way: the page, its link preview and its structured data read them.
        prefetch_related_objects([self.object], "tags")
        return sorted(self.object.tags.all(), key=lambda tag: tag.name.lower())

    def load_tags(self) -> list[Tag]:
        """The tags, loaded (once) before code that reads `article.tags` runs."""
        return self.tags

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = redirects.find_redirect(
                slug=kwargs["slug"], public_articles=Article.objects.published()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # What only the page's kept fragments show is worked out when they are first rendered.
        context["tags"] = SimpleLazyObject(lambda: self.tags)
        context["related_articles"] = SimpleLazyObject(
            lambda: self.related_articles(article, self.tags)
        )
        context["preview"] = self.preview
        context["fragments_off"] = bool(self.preview)
        context["indexing"] = SimpleLazyObject(lambda: self.indexing)
        context["site_settings"] = cached_site_settings()
        # A piece before publication is described to no one: a preview link pasted into a chat
        # would otherwise unfurl its headline, summary and picture.
        if not self.preview:
            context.update(self.head_context())
        return context

    @cached_property
    def indexing(self):
        return page_indexing(self.object, request=self.request, preview=bool(self.preview))

    def social_card(self) -> social.SocialCard:
        self.load_tags()
        return social.article_card(self.object, url=self.indexing.og_url, request=self.request)

    def structured_data(self) -> list[dict]:
        article, request, site_settings = self.object, self.request, cached_site_settings()
        self.load_tags()
        return [
            article_json_ld(article, request=request, site_settings=site_settings),
            breadcrumbs(
                [
                    (site_settings.news_heading, reverse("articles:index")),
                    (article.headline, article.get_absolute_url()),
                ],
                request=request,
            ),
        ]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            for header, value in previews.PRIVATE_HEADERS.items():
                response[header] = value
        return response

    @staticmethod
    def related_articles(article: Article, tags: list[Tag]) -> list[Article]:
        """Other public articles sharing the most tags with this one, newest first on ties.

        Kept until the content changes: the grouping reads every article of the shared tags.
        """
        tag_ids = [tag.pk for tag in tags]
        if not tag_ids:
            return []
        return pagecache.remember(
            f"related:{article.pk}:{','.join(map(str, sorted(tag_ids)))}",
            lambda: ArticleDetailView.find_related(article, tag_ids),
        )

    @staticmethod
    def related_candidates(article: Article, tag_ids: list[int]):
        """The newest pieces sharing a tag, found by walking the listing index.

        Counting shared tags over a whole archive would read tens of thousands of rows.
        """
        shares_a_tag = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
        return (
            Article.objects.published()
            .filter(Exists(shares_a_tag))
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:RELATED_CANDIDATES]
        )

    @staticmethod
    def find_related(article: Article, tag_ids: list[int]) -> list[Article]:
        candidates = ArticleDetailView.related_candidates(article, tag_ids)
        return list(
            Article.objects.filter(pk__in=candidates, tags__in=tag_ids)
            .annotate(shared_tags=Count("pk"))
            .order_by("-shared_tags", "-published_at", "-pk")
            .only("headline", "slug", "kind", "published_at")[:RELATED_COUNT]
        )


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label="A note for the editors (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreviewLinkView(ArticleDetailView):
    """/news/<slug>/preview/<token>/: a draft as it will run, for a reviewer without an account.

    GET shows the piece under a preview banner and records the visit; POST records the
    reviewer's approval. Unknown, altered, expired and revoked links all answer 404 alike.
    """

    http_method_names = ["get", "post", "head", "options"]

    @cached_property
    def link(self):
        try:
            return previews.find_link(token=self.kwargs["token"], slug=self.kwargs["slug"])
        except previews.InvalidPreview:
            raise Http404("This preview link is not valid.") from None

    def get_object(self, queryset=None):
        article = Article.objects.defer(*SEARCH_FIELDS).get(pk=self.link.article_id)
        self.preview = {"link": self.link, "form": self.approval_form}
        return self.load_page_rows(article)

    @cached_property
    def approval_form(self) -> ApprovalForm:
        return ApprovalForm(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        response = super(ArticleDetailView, self).get(request, *args, **kwargs)
        if request.method == "GET":
            previews.record_view(self.link)
        return response

    def post(self, request, *args, **kwargs):
        if not self.approval_form.is_valid():
            return self.get(request, *args, **kwargs)
        previews.approve(self.link, note=self.approval_form.cleaned_data["note"])
        response = HttpResponseRedirect(request.path, status=303)
        for header, value in previews.PRIVATE_HEADERS.items():
            response[header] = value
        return response


class SearchView(PublishedArticlesMixin, ListView):
    """/news/search/?q=: public articles matching the query, best first (or newest first, with
    `sort=newest`), with snippets; at most the newest `search.RESULT_WINDOW` matches.

    A blank query shows the search form alone; an overlong one is cut and control characters
    are dropped, so any query string gets a normal page.
    """

    template_name = "articles/search.html"

    @cached_property
    def search(self) -> ArticleSearch:
        return ArticleSearch(self.request.GET.get("q"), order=self.request.GET.get("sort"))

    def listing_name(self) -> str:
        search = self.search
        return f"{super().listing_name()}:{search.query}:{search.order}:{search.window}"

    def get_paginator(self, *args, **kwargs):
        # Ranked, not newest first: pages are slices of the results' kept keys.
        return super().get_paginator(*args, by_time=False, **kwargs)

    def listing_rows(self, queryset):
        # Each result carries a snippet of its own query, so its card is rendered every time.
        return queryset.for_listing()

    def get_queryset(self):
        return self.search.results(super().get_queryset(), name=self.listing_name())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefetch_cards(context["articles"])
        self.search.highlight(context["articles"])
        context["query"] = self.search.query
        context["search"] = self.search
        context["results"] = self.object_list
        return context

    def render_to_response(self, context, **response_kwargs):
        # Each query is rendered afresh (see urls.py), and a CDN keeping a long tail of one-off
        # queries would only push reader pages out; the answer may also set the spoiler cookie.
        response = super().render_to_response(context, **response_kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response
