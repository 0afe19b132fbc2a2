"""Public pages of the News section. Every query starts from `Article.objects.published()`."""

from django import forms
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import previews, redirects, roles, social
from articles.feeds import FeedScope
from articles.filters import ArticleFilterForm, SpoilerPreference, spoiler_subjects
from articles.indexing import page_indexing
from articles.models import SEARCH_FIELDS, Article, Author, Byline, prefetch_cards
from articles.search import ArticleSearch
from articles.structured_data import (
    article_json_ld,
    author_page_json_ld,
    breadcrumbs,
    organization_json_ld,
    website_json_ld,
)
from newsroom.models import SiteSettings

PAGE_SIZE = 12
RELATED_COUNT = 3


class PublishedArticlesMixin:
    """The shared queryset, pagination and spoiler preference of every article listing."""

    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    @cached_property
    def spoiler_preference(self) -> SpoilerPreference:
        return SpoilerPreference(self.request)

    def get_queryset(self):
        return self.spoiler_preference.apply(Article.objects.published().for_listing())

    def extra_cards(self) -> list[Article]:
        """Cards shown besides the page's list, loaded in the same batch."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One batch of byline and warning queries for every card on the page.
        articles = list(context["page_obj"].object_list)
        prefetch_cards([*articles, *self.extra_cards()])
        context["page_obj"].object_list = articles
        context["articles"] = articles
        context["spoilers"] = self.spoiler_preference
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        self.spoiler_preference.remember(response)
        patch_vary_headers(response, ["Cookie"])
        return response


class ArticleIndexView(PublishedArticlesMixin, ListView):
    """/news/: newest first, the featured article leading page one, filterable."""

    template_name = "articles/index.html"

    @cached_property
    def filters(self) -> ArticleFilterForm:
        return ArticleFilterForm(self.request.GET)

    @cached_property
    def featured(self) -> Article | None:
        if self.filters.is_filtered:
            return None
        featured = Article.objects.published().filter(is_featured=True)
        return self.spoiler_preference.apply(featured).for_listing().first()

    def get_queryset(self):
        queryset = self.filters.apply(super().get_queryset())
        if self.featured is not None:
            queryset = queryset.exclude(pk=self.featured.pk)
        return queryset

    def extra_cards(self) -> list[Article]:
        return [self.featured] if self.featured is not None else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        context["featured"] = self.featured if context["page_obj"].number == 1 else None
        context["spoiler_subjects"] = spoiler_subjects()
        # A filter that shows nothing has no feed to offer.
        context["feed_scope"] = self.feed_scope() if context["paginator"].count else None
        request = self.request
        context["site_settings"] = site_settings = SiteSettings.load()
        context["social"] = social.SocialCard(
            title=f"{site_settings.news_heading} · {site_settings.site_name}",
            description=site_settings.news_description or site_settings.news_introduction,
            url=request.build_absolute_uri(reverse("articles:index")),
        )
        if not self.filters.is_filtered and context["page_obj"].number == 1:
            context["structured_data"] = [
                organization_json_ld(request=request, site_settings=site_settings),
                website_json_ld(request=request, site_settings=site_settings),
            ]
        return context

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


class AuthorArticlesView(PublishedArticlesMixin, ListView):
    """/news/authors/<slug>/: the author's profile and their published articles.

    Authors with nothing published answer 404, so a pending op-ed never reveals its author.
    """

    template_name = "articles/author.html"

    @cached_property
    def author(self) -> Author:
        published_byline = Byline.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return get_object_or_404(
            Author.objects.filter(Exists(published_byline)), slug=self.kwargs["slug"]
        )

    def get_queryset(self):
        return super().get_queryset().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            author=self.author, feed_scope=FeedScope(author=self.author), **kwargs
        )
        author, request = self.author, self.request
        context["site_settings"] = site_settings = SiteSettings.load()
        url = request.build_absolute_uri(author.get_absolute_url())
        context["social"] = social.author_card(author, url=url, request=request)
        context["structured_data"] = [
            author_page_json_ld(author, request=request),
            breadcrumbs(
                [
                    (site_settings.news_heading, reverse("articles:index")),
                    (author.name, author.get_absolute_url()),
                ],
                request=request,
            ),
        ]
        return context


class TagArticlesView(PublishedArticlesMixin, ListView):
    """/news/tags/<slug>/: published articles on one topic; 404 when none are public."""

    template_name = "articles/tag.html"

    @cached_property
    def tag(self) -> Tag:
        public = Article.objects.published().filter(tags=OuterRef("pk"))
        return get_object_or_404(Tag.objects.filter(Exists(public)), slug=self.kwargs["slug"])

    def get_queryset(self):
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            tag=self.tag, feed_scope=FeedScope(tag=self.tag), **kwargs
        )
        tag, request = self.tag, self.request
        context["site_settings"] = site_settings = SiteSettings.load()
        path = reverse("articles:tag", kwargs={"slug": tag.slug})
        context["social"] = social.SocialCard(
            title=f"{tag.name} · {site_settings.site_name}",
            description=f"News and opinion about {tag.name} from {site_settings.site_name}.",
            url=request.build_absolute_uri(path),
        )
        context["structured_data"] = [
            breadcrumbs(
                [(site_settings.news_heading, reverse("articles:index")), (tag.name, path)],
                request=request,
            )
        ]
        return context


class ArticleDetailView(DetailView):
    """/news/<slug>/: one article, laid out as the newsroom publishes it.

    Editors and the article's own authors also see it here before it is public, under a preview
    banner and never cached; an address the article had before a slug change redirects (301).
    """

    template_name = "articles/detail.html"
    context_object_name = "article"
    preview = None

    def get_queryset(self):
        return (
            Article.objects.published()
            .defer(*SEARCH_FIELDS)
            .with_bylines()
            .prefetch_related("tags")
        )

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        try:
            return self.get_queryset().filter(slug=slug).get()
        except Article.DoesNotExist:
            pass
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            draft = Article.objects.with_bylines().prefetch_related("tags").filter(slug=slug)
            article = draft.first()
            if article is not None and roles.can_preview(user, article):
                self.preview = {"for_staff": True}
                return article
        raise Http404("No public article at this address.")

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
        context["related_articles"] = self.related_articles(self.object)
        context["preview"] = self.preview
        article, request = self.object, self.request
        context["site_settings"] = site_settings = SiteSettings.load()
        context["indexing"] = indexing = page_indexing(
            article, request=request, preview=bool(self.preview)
        )
        if self.preview:
            # A piece before publication is described to no one: a preview link pasted into a
            # chat would otherwise unfurl its headline, summary and picture.
            return context
        context["social"] = social.article_card(article, url=indexing.og_url, request=request)
        context["structured_data"] = [
            article_json_ld(article, request=request, site_settings=site_settings),
            breadcrumbs(
                [
                    (site_settings.news_heading, reverse("articles:index")),
                    (article.headline, article.get_absolute_url()),
                ],
                request=request,
            ),
        ]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            for header, value in previews.PRIVATE_HEADERS.items():
                response[header] = value
        return response

    @staticmethod
    def related_articles(article: Article) -> list[Article]:
        """Other public articles sharing the most tags with this one, newest first on ties."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        if not tag_ids:
            return []
        return list(
            Article.objects.published()
            .filter(tags__in=tag_ids)
            .exclude(pk=article.pk)
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
        article = (
            Article.objects.with_bylines().prefetch_related("tags").get(pk=self.link.article_id)
        )
        self.preview = {"link": self.link, "form": self.approval_form}
        return article

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
    """/news/search/?q=: public articles matching the query, best first, with snippets.

    A blank query shows the search form alone; an overlong one is cut and control characters
    are dropped, so any query string gets a normal page.
    """

    template_name = "articles/search.html"

    @cached_property
    def search(self) -> ArticleSearch:
        return ArticleSearch(self.request.GET.get("q"))

    def get_queryset(self):
        return self.search.apply(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.search.highlight(context["articles"])
        context["query"] = self.search.query
        return context
