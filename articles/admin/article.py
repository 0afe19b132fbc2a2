"""Articles in the admin: the form with its checks, the bylines and warnings, and the list."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import ngettext

from articles.admin.autosave import AutosaveAdmin
from articles.admin.crosspost import AddCrossPostView, CheckCrossPostView
from articles.admin.editing import EditingPanelsAdmin
from articles.admin.embargo import EmbargoAdmin
from articles.admin.filters import AuthorFilter, OwnFilter, StatusFilter, TagFilter
from articles.admin.forms import (
    CROSS_POST_DESCRIPTION,
    CROSS_POST_FIELDSET,
    ArticleAdminForm,
    BylineFormSet,
    WarningFormSet,
    shares_sent_to,
)
from articles.admin.media_kit import MediaKitInline
from articles.admin.paging import KeysFirstPaginator
from articles.admin.pictures import PicturesAdmin
from articles.admin.publishing import PublishingAdmin
from articles.admin.restoring import RestoringAdmin
from articles.admin.widgets import thumbnail
from articles.admin.workflow import (
    ArticleInlinePermissions,
    ArticleWorkflowAdmin,
    CorrectionInline,
)
from articles.models import SEARCH_FIELDS, Article, Byline, ContentWarning
from articles.workflow import publishing
from newsroom.admin_base import NewsroomModelAdmin, search_words
from newsroom.dates import display_datetime
from newsroom.revisions import RevisionAdmin


# Stacked, so every field has its label and nothing is wider than a phone; a line of fields
# wraps on narrow screens.
class ContentWarningInline(ArticleInlinePermissions, admin.StackedInline):
    model = ContentWarning
    formset = WarningFormSet
    fields = [("kind", "text"), ("subject", "position")]
    extra = 0
    ordering = ["position", "id"]
    verbose_name = "warning"
    verbose_name_plural = "Warnings shown above the text, e.g. “(Warning: contains spoilers…)”"


class BylineInline(ArticleInlinePermissions, admin.StackedInline):
    model = Byline
    formset = BylineFormSet
    fields = [("author", "position"), ("role", "organisation")]
    autocomplete_fields = ["author"]
    extra = 0
    min_num = 0
    ordering = ["position", "id"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines (in print order; role and organisation as printed on this piece)"


@admin.register(Article)
class ArticleAdmin(
    AutosaveAdmin,
    PicturesAdmin,
    EmbargoAdmin,
    PublishingAdmin,
    EditingPanelsAdmin,
    ArticleWorkflowAdmin,
    RestoringAdmin,
    RevisionAdmin,
    NewsroomModelAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "kind",
        "state",
        "publication_time",
        "byline_names",
        "is_featured",
        "image_thumbnail",
    ]
    list_display_links = ["headline"]
    list_filter = [
        StatusFilter,
        OwnFilter,
        "kind",
        TagFilter,
        AuthorFilter,
        "is_featured",
        "published_at",
    ]
    search_fields = ["headline", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    radio_fields = {"indexing": admin.VERTICAL}
    autocomplete_fields = ["press_contacts"]
    inlines = [BylineInline, ContentWarningInline, CorrectionInline, MediaKitInline]
    actions = ["publish_selected", "unpublish_selected", "submit_for_review"]
    list_per_page = 50
    paginator = KeysFirstPaginator
    # A filtered list says "N results" and links to all of them, without counting the whole
    # archive again beside the filtered count on every page.
    show_full_result_count = False
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    # In the order an editor works: the headline and summary, then (in the template) the bylines
    # and warnings, the text and picture; then how the piece is found, and the rest folded away.
    fieldsets = [
        (None, {"fields": ["kind", "headline", "dek"]}),
        (
            "Text",
            {
                "description": "Mark a passage as a spoiler with the editor's eye button: "
                "readers see it only when they choose to.",
                "fields": ["introduction", "body", "hold_behind_warning"],
            },
        ),
        (
            "Featured image",
            {
                "fields": [
                    "featured_image",
                    "image_preview",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (
            "Discovery",
            {
                "description": "How readers and search engines find the piece: its address, "
                "topics and the texts search results and link previews show.",
                "fields": ["slug", "tags", "is_featured", "seo_title", "seo_description"],
            },
        ),
        (
            "Planning and embargo",
            {
                "description": "When the piece is meant to run, for the calendar, and an embargo: "
                "until then it is nowhere in public, whatever button is pressed.",
                "fields": ["planned_for", "embargoed_until"],
            },
        ),
        (
            CROSS_POST_FIELDSET,
            {
                "classes": ["collapse"],
                "description": CROSS_POST_DESCRIPTION,
                "fields": [
                    "origin_url",
                    "origin_platform",
                    "origin_author",
                    "origin_published_on",
                    "indexing",
                ],
            },
        ),
        (
            "Press release: media contacts and the “About” paragraph",
            {
                "classes": ["collapse"],
                "description": "Press releases only. The release ends with the organisation's "
                "“About” paragraph from the site settings, then its media contacts.",
                "fields": ["press_contacts", "boilerplate", "omit_boilerplate"],
            },
        ),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": ["created_at", "updated_at"],
            },
        ),
    ]

    class Media:
        js = ["js/editing-panels.js", "js/autosave.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer(*SEARCH_FIELDS)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_search_results(self, request, queryset, search_term):
        """The pieces whose headline, summary, slug or an author's name holds every word of the
        search, as `search_fields` says. The names through a subquery: the join Django's admin
        makes repeats a piece for each of its authors, and the DISTINCT it takes the repeats
        out with compares whole rows, text and all (seconds a search in a large archive). Not
        correlated with the piece: PostgreSQL reads it once, and costs the query as such (as
        EXISTS it took it for a lookup per piece, and compiled the query with its JIT)."""
        for word in search_words(search_term):
            named = Byline.objects.filter(author__name__icontains=word).values("article_id")
            queryset = queryset.filter(
                Q(headline__icontains=word)
                | Q(dek__icontains=word)
                | Q(slug__icontains=word)
                | Q(pk__in=named)
            )
        return queryset, False

    def get_inlines(self, request, obj):
        # The media kit shows on press releases only: a new piece may become one, another kind
        # shows the kit it has so that nothing is hidden.
        inlines = super().get_inlines(request, obj)
        if obj is None or obj.kind == Article.Kind.PRESS_RELEASE or obj.kit_items.exists():
            return inlines
        return [inline for inline in inlines if inline is not MediaKitInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        for name, options in fieldsets:
            if name == CROSS_POST_FIELDSET:
                options["description"] = format_html(
                    "<p>{}</p>{}", CROSS_POST_DESCRIPTION, shares_sent_to(obj, request=request)
                )
                # Where a cross-post's readers are sent is shown, not folded away.
                if obj is not None and obj.is_cross_post:
                    options["classes"] = []
        return fieldsets

    def get_urls(self):
        add_cross_post = AddCrossPostView.as_view(model_admin=self)
        check_cross_post = CheckCrossPostView.as_view(model_admin=self)
        return [
            path(
                "add-cross-post/",
                self.admin_site.admin_view(add_cross_post),
                name="articles_article_add_cross_post",
            ),
            path(
                "add-cross-post/check/",
                self.admin_site.admin_view(check_cross_post),
                name="articles_article_add_cross_post_check",
            ),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        # Tags the form leaves as they were are not set again: setting them costs three queries,
        # and the re-link signals it sends for nothing make the revision serialise the piece again.
        if "tags" in form.cleaned_data and "tags" not in form.changed_data:
            del form.cleaned_data["tags"]
        super().save_related(request, form, formsets, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    @admin.display(description="Status", ordering="status")
    def state(self, obj):
        if obj.is_scheduled and obj.is_embargoed:
            if obj.published_at == obj.embargoed_until:
                return format_html("Embargoed until {}", display_datetime(obj.embargoed_until))
            # Scheduled after its embargo: it runs at its own time, as the dashboard says too.
            return format_html(
                "Embargoed until {}, runs {}",
                display_datetime(obj.embargoed_until),
                display_datetime(obj.published_at),
            )
        if obj.is_scheduled:
            return format_html("Scheduled for {}", display_datetime(obj.published_at))
        return obj.get_status_display()

    @admin.display(description="Publication time", ordering="published_at")
    def publication_time(self, obj):
        # As the admin writes every time (Django's own format leaves the zone out, and in the
        # hour the clocks repeat it alone tells which time it is).
        return display_datetime(obj.published_at) or "—"

    @admin.display(description="Bylines")
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.ordered_bylines) or "—"

    @admin.display(description="Image")
    def image_thumbnail(self, obj):
        return thumbnail(
            obj.image.thumbnail_url if obj.featured_image else "", obj.featured_image_alt
        )

    @admin.display(description="Current image")
    def image_preview(self, obj):
        url = obj.image.url_for_width(480) if obj.featured_image else ""
        return thumbnail(url, obj.featured_image_alt, size=240)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        published, held, refused = 0, [], []
        with transaction.atomic():
            for article in publishing.one_by_one(queryset):
                if article.is_published:
                    continue
                try:
                    publishing.publish_now(article)
                except publishing.CannotPublish as error:
                    refused.append(error)
                else:
                    if article.is_embargoed:
                        held.append(article)
                    else:
                        published += 1
        if published:
            self.message_user(
                request,
                ngettext("Published %d article.", "Published %d articles.", published) % published,
                messages.SUCCESS,
            )
        for error in refused:
            self.message_user(
                request,
                format_html("“{}” was not published: {}", error.article, " ".join(error.problems)),
                messages.ERROR,
            )
        for article in held:
            self.message_user(
                request,
                format_html(
                    "“{}” was not published now: it is embargoed until {}, and runs then.",
                    article,
                    display_datetime(article.embargoed_until),
                ),
                messages.WARNING,
            )

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for article in publishing.one_by_one(queryset):
                if article.status == Article.Status.PUBLISHED:
                    publishing.unpublish(article)
                    count += 1
        self.message_user(
            request,
            ngettext("Unpublished %d article.", "Unpublished %d articles.", count) % count,
            messages.SUCCESS,
        )
