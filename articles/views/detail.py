"""An article's page, for readers and, before publication, for its editors, authors and
reviewers holding a preview link."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, OuterRef, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView
from taggit.models import Tag, TaggedItem

from articles.cache_tags import article_tag, article_tags, tag_tag
from articles.models import SEARCH_FIELDS, Article, Byline
from articles.seo import social
from articles.seo.indexing import page_indexing
from articles.seo.structured_data import article_json_ld
from articles.views.mixins import PageHeadMixin
from articles.workflow import previews, redirects, roles
from newsroom import pagecache
from newsroom.compiled import CompiledLookup
from newsroom.models import SITE_TAG, SiteSettings
from newsroom.social import SocialCard

RELATED_COUNT = 3
RELATED_CANDIDATES = 500


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
        context["site_settings"] = SiteSettings.current()
        # What the page's fragments show besides what they load themselves (related pieces).
        context["cache_tags"] = [article_tag(article.pk), SITE_TAG]
        pagecache.shows(*context["cache_tags"])
        # A piece before publication is described to no one: a preview link pasted into a chat
        # would otherwise unfurl its headline, summary and picture.
        if not self.preview:
            context.update(self.head_context())
        return context

    @cached_property
    def indexing(self):
        return page_indexing(self.object, request=self.request, preview=bool(self.preview))

    def social_card(self) -> SocialCard:
        self.load_tags()
        return social.article_card(self.object, url=self.indexing.og_url, request=self.request)

    def structured_data(self) -> list[dict]:
        article = self.object
        self.load_tags()
        return [
            article_json_ld(article, request=self.request),
            self.breadcrumb_trail(article.headline, article.get_absolute_url()),
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

        Kept until a piece on one of the topics is published, changed or withdrawn, or one of
        those shown changes: the grouping reads every article of the shared tags.
        """
        tag_ids = [tag.pk for tag in tags]
        if not tag_ids:
            return []

        def find() -> list[Article]:
            found = ArticleDetailView.find_related(article, tag_ids)
            pagecache.shows(*article_tags(related.pk for related in found))
            return found

        return pagecache.remember(
            f"related:{article.pk}:{','.join(map(str, sorted(tag_ids)))}",
            find,
            tags=[tag_tag(pk) for pk in tag_ids],
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
