"""An article's page, for readers and, before publication, for its editors, authors and
reviewers holding a preview link."""

from django import forms
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView
from taggit.models import Tag

from articles.cache_tags import article_tag
from articles.filters import HIDE_SPOILERS_COOKIE, SpoilerPreference
from articles.models import (
    PAGE_AUTHOR_COLUMNS,
    SEARCH_FIELDS,
    Article,
    article_content_type,
    byline_notes,
    bylines_of,
    read_byline_notes,
    read_topic_notes,
    read_warning_notes,
    stored_columns,
    topic_notes,
    topics_of,
    warning_notes,
    warnings_of,
)
from articles.press.contacts import release_contacts
from articles.press.notes import read_release_notes, release_notes
from articles.related import related_articles
from articles.seo import social
from articles.seo.indexing import page_indexing
from articles.seo.structured_data import article_json_ld
from articles.views.mixins import PageHeadMixin
from articles.workflow import links, previews, roles
from newsroom import former_addresses, pagecache
from newsroom.compiled import CompiledLookup
from newsroom.models import SITE_TAG
from newsroom.social import SocialCard

# An article's row but for the search columns.
ROW_COLUMNS = stored_columns(Article).columns


# The public article at an address, by the hottest query of the site: its key alone, or, when
# every fragment is made, its whole row but for the search columns with its bylines, warnings
# and topics (`byline_notes`, `warning_notes`, `topic_notes`). The content type is passed as a
# value, as below.
KEY_COLUMNS = ("id", "slug")
PUBLIC_ARTICLE_KEY = CompiledLookup(
    lambda slug: Article.objects.published().filter(slug=slug).values_list(*KEY_COLUMNS)[:1],
    "slug",
)
PUBLIC_ARTICLE_ROW = CompiledLookup(
    lambda slug, content_type: (
        Article.objects.published()
        .filter(slug=slug)
        .annotate(
            page_bylines=byline_notes(PAGE_AUTHOR_COLUMNS),
            page_warnings=warning_notes(),
            page_topics=topic_notes(content_type),
            **release_notes(),
        )
        .values_list(
            *ROW_COLUMNS, "page_bylines", "page_warnings", "page_topics", *release_notes()
        )[:1]
    ),
    "slug",
    content_type=int,
)


class ArticleDetailView(PageHeadMixin, DetailView):
    """/news/<slug>/: one article, laid out as the newsroom publishes it.

    Editors and the article's own authors also see it here before it is public, under a preview
    banner and never cached; an address the article had before a slug change redirects (301).
    """

    template_name = "articles/detail.html"
    context_object_name = "article"
    preview = None
    # The article's topics when its row brought them (`public_row`).
    loaded_topics: list[Tag] | None = None

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        article = self.public_key(slug) if pagecache.keeping() else self.public_row(slug)
        if article is None:
            user = self.request.user
            draft = Article.objects.filter(slug=slug).first() if user.is_staff else None
            if draft is None or not roles.can_preview(user, draft):
                raise Http404("No public article at this address.")
            self.preview = {"for_staff": True}
            article = draft
        return self.load_page_rows(article)

    def public_key(self, slug: str) -> Article | None:
        """The public article's key, by which the page's fragments are kept; the rest of its row
        is loaded (one query, see `Article.refresh_from_db`) only when a fragment is made."""
        found = PUBLIC_ARTICLE_KEY.rows(slug=slug)
        return Article.from_db(DEFAULT_DB_ALIAS, KEY_COLUMNS, found[0]) if found else None

    def public_row(self, slug: str) -> Article | None:
        """The public article's row with its bylines, warnings and topics (and a release's
        contacts and kit), in one query: with a cache that keeps nothing, every fragment is made
        on every request."""
        found = PUBLIC_ARTICLE_ROW.rows(slug=slug, content_type=article_content_type())
        if not found:
            return None
        row, notes = found[0][: len(ROW_COLUMNS)], found[0][len(ROW_COLUMNS) :]
        bylines, warnings, topics, *release = notes
        article = Article.from_db(DEFAULT_DB_ALIAS, ROW_COLUMNS, row)
        read_byline_notes(article, bylines, PAGE_AUTHOR_COLUMNS)
        read_warning_notes(article, warnings)
        read_release_notes(article, *release)
        self.loaded_topics = read_topic_notes(topics)
        return article

    def load_page_rows(self, article: Article) -> Article:
        """The article's bylines and warnings, each loaded (one query) when first used, unless
        its row brought them (`public_row`).

        Once the page's fragments are kept (see `newsroom.pagecache.templatetags.fragments`), a
        request uses none of them and makes no query for them.
        """
        using = article._state.db or DEFAULT_DB_ALIAS
        if "ordered_bylines" not in article.__dict__:
            article.ordered_bylines = SimpleLazyObject(
                lambda: bylines_of([article.pk], using=using).get(article.pk, [])
            )
        if "ordered_warnings" not in article.__dict__:
            article.ordered_warnings = SimpleLazyObject(
                lambda: warnings_of([article.pk], using=using).get(article.pk, [])
            )
        return article

    @cached_property
    def spoiler_preference(self) -> SpoilerPreference:
        """The reader's choice of pieces to hide, as the listings remember it: the related list
        leaves them out too."""
        return SpoilerPreference(self.request, from_address=False)

    @cached_property
    def stored_tags(self) -> list[Tag]:
        """The article's topics in the order of their keys, as its link preview and structured
        data list them."""
        if self.loaded_topics is not None:
            return self.loaded_topics
        article, using = self.object, self.object._state.db or DEFAULT_DB_ALIAS
        found = topics_of([article.pk], content_type=article_content_type(), using=using)
        return found.get(article.pk, [])

    @cached_property
    def tags(self) -> list[Tag]:
        """The article's topics by name, as the page lists them."""
        return sorted(self.stored_tags, key=lambda tag: tag.name.lower())

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = former_addresses.find_redirect(
                slug=kwargs["slug"], public=Article.objects.published()
            )
            if moved is None:
                raise
            # The page reads the spoiler choice from its cookie alone (`spoiler_preference`).
            return former_addresses.moved(
                request, moved.get_absolute_url(), unread=[HIDE_SPOILERS_COOKIE]
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # What only the page's kept fragments show is worked out when they are first rendered.
        context["tags"] = SimpleLazyObject(lambda: self.tags)
        context["related"] = SimpleLazyObject(
            lambda: related_articles(article, self.tags, self.spoiler_preference)
        )
        context["spoilers"] = self.spoiler_preference
        context["preview"] = self.preview
        context["fragments_off"] = bool(self.preview)
        context["indexing"] = SimpleLazyObject(lambda: self.indexing)
        context["site_settings"] = self.site_settings
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
        return social.article_card(
            self.object,
            url=self.indexing.og_url,
            request=self.request,
            tags=self.stored_tags,
            site_settings=self.site_settings,
        )

    def structured_data(self) -> list[dict]:
        article = self.object
        return [
            article_json_ld(
                article,
                request=self.request,
                site_settings=self.site_settings,
                tags=self.stored_tags,
                contacts=release_contacts(article),
            ),
            self.breadcrumb_trail(article.headline, article.get_absolute_url()),
        ]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The related list follows the spoiler cookie, as listings do (`filters.vary_listings`).
        patch_vary_headers(response, ["Cookie"])
        return links.private(response) if self.preview else response


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label="A note for the editors (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version of the piece the page showed: what the reviewer read is what they approve.
    # Missing from a page made before the form carried it, so approved by no one.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@method_decorator(links.private_view, name="dispatch")
class PreviewLinkView(ArticleDetailView):
    """/news/<slug>/preview/<token>/: a draft as it will run, for a reviewer without an account.

    GET shows the piece under a preview banner and records the visit; POST records the
    reviewer's approval of the version the page showed, or shows the piece again if it changed
    since. Unknown, altered, expired and revoked links all answer 404 alike, whatever the slug,
    kept by no cache as every answer here is (`links.private_view`);
    an active link whose slug is out of date redirects to its address now.
    """

    http_method_names = ["get", "post", "head", "options"]
    # Set when an approval was refused because the piece changed since the page was made.
    changed_since_read = False

    @cached_property
    def link(self):
        try:
            return previews.find_link(token=self.kwargs["token"])
        except previews.InvalidPreview:
            raise Http404("This preview link is not valid.") from None

    def get_object(self, queryset=None):
        article = Article.objects.defer(*SEARCH_FIELDS).get(pk=self.link.article_id)
        if not self.approval_form.is_bound:
            self.approval_form.initial["version"] = article.version
        self.preview = {
            "link": self.link,
            "form": self.approval_form,
            "changed_since_read": self.changed_since_read,
        }
        return self.load_page_rows(article)

    @cached_property
    def approval_form(self) -> ApprovalForm:
        return ApprovalForm(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        moved = links.follow(
            kwargs["slug"], article=self.link.article, address=lambda: previews.url_for(self.link)
        )
        if moved is not None:
            return moved
        response = self.page()
        if request.method == "GET":
            previews.record_view(self.link)
        return response

    def post(self, request, *args, **kwargs):
        form = self.approval_form
        if not form.is_valid():
            return self.page()
        note = form.cleaned_data["note"]
        try:
            previews.approve(self.link, version=form.cleaned_data["version"], note=note)
        except previews.ChangedSinceRead:
            # Nothing is recorded: the page shows the piece as it reads now, the note kept.
            self.approval_form = ApprovalForm(initial={"note": note})
            self.changed_since_read = True
            return self.page()
        return links.private(HttpResponseRedirect(previews.url_for(self.link), status=303))

    def page(self):
        """The piece under the reviewer's banner, at whichever address the request came to."""
        return super(ArticleDetailView, self).get(self.request, *self.args, **self.kwargs)
