"""Articles in the admin: the form with its checks, the bylines and warnings, and the list."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from django.utils.translation import ngettext
from taggit.forms import TextareaTagWidget
from taggit.models import Tag

from articles.admin.autosave import AutosaveAdmin
from articles.admin.crosspost import AddCrossPostView, CheckCrossPostView, duplicate_origin_error
from articles.admin.editing import EditingPanelsAdmin
from articles.admin.embargo import EmbargoAdmin
from articles.admin.filters import AuthorFilter, StatusFilter, TagFilter
from articles.admin.media_kit import MediaKitInline
from articles.admin.pictures import PicturesAdmin
from articles.admin.publishing import PublishingAdmin, PublishingFormMixin, goes_public
from articles.admin.widgets import thumbnail
from articles.admin.workflow import (
    ArticleInlinePermissions,
    ArticleWorkflowAdmin,
    CorrectionInline,
    WorkflowFormMixin,
)
from articles.crosspost import origins
from articles.models import SEARCH_FIELDS, Article, Byline, ContentWarning
from articles.seo.indexing import IndexingPolicy, canonical_location, defers_to_origin
from articles.spoilers import find_leaks
from articles.workflow import publishing, slugs
from newsroom.admin_base import NewsroomModelAdmin
from newsroom.dates import display_datetime
from newsroom.revisions import RevisionAdmin
from newsroom.richtext import sanitize_html

# Room below taggit's 100 characters for the "_1" it appends when two names share a slug.
MAX_TAG_LENGTH = 80

CROSS_POST_FIELDSET = "Cross-post: where this piece first appeared"
CROSS_POST_DESCRIPTION = (
    "Fill these in when re-publishing a piece that first ran elsewhere, such as an executive's "
    "LinkedIn article. The page then credits and links the original."
)
SENT_TO = "Search engines and shares are sent to:"


def shares_sent_to(article: Article | None, *, request) -> SafeString:
    """The read-only line of the change form saying where the page's canonical link and og:url
    send search engines and shares, as last saved."""
    if article is None:
        return format_html(
            '<p class="shares-sent-to"><strong>{}</strong> {}</p>',
            SENT_TO,
            "this article's own page, once saved (the original instead, when its URL is given "
            "and “Canonical to the original” chosen)",
        )
    url = request.build_absolute_uri(canonical_location(article))
    if defers_to_origin(article):
        which = "the original"
    elif article.indexing == IndexingPolicy.NOINDEX:
        which = "this page, which search engines are asked to keep out of their results"
    else:
        which = "this page"
    return format_html(
        '<p class="shares-sent-to"><strong>{}</strong> <a href="{}" rel="noopener">{}</a> ({})</p>',
        SENT_TO,
        url,
        url,
        which,
    )


# Everything readers or search engines see before choosing to reveal a spoiler.
SPOILER_FREE_FIELDS = [
    "headline",
    "dek",
    "introduction",
    "seo_title",
    "seo_description",
    "featured_image_alt",
    "featured_image_caption",
]


class ArticleAdminForm(PublishingFormMixin, WorkflowFormMixin, forms.ModelForm):
    class Meta:
        model = Article
        # The admin builds the real field list from the fieldsets; these are what clean() reads.
        fields = [
            "body",
            "origin_url",
            "origin_platform",
            "origin_author",
            "indexing",
            *SPOILER_FREE_FIELDS,
        ]
        # A box that grows with its tags, so every one of them shows.
        widgets = {"tags": TextareaTagWidget(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "embargoed_until" in self.fields:
            zone = timezone.get_current_timezone_name()
            self.fields[
                "embargoed_until"
            ].help_text += f" Times are in the newsroom's time zone, {zone}."
        for name in ("planned_for", "embargoed_until"):
            # A date box and a time box under one label: each is named for screen readers.
            if name in self.fields and hasattr(self.fields[name].widget, "widgets"):
                label = capfirst(self.fields[name].label)
                day, time = self.fields[name].widget.widgets
                day.attrs["aria-label"] = f"{label}: date"
                time.attrs["aria-label"] = f"{label}: time"
        if "slug" in self.fields:
            field = self.fields["slug"]
            field.required = False
            field.help_text = f"{field.help_text} Left empty, it is made from the headline again."

    def clean_origin_url(self):
        url = origins.clean_url(self.cleaned_data.get("origin_url") or "")
        if url:
            existing = Article.objects.filter(origin_url=url).exclude(pk=self.instance.pk).first()
            if existing is not None:
                raise duplicate_origin_error(existing)
        return url

    def clean_tags(self):
        """Refuse names that could not have an address of their own on the site."""
        names = self.cleaned_data.get("tags") or []
        problems = []
        for name in names:
            if len(name) > MAX_TAG_LENGTH:
                problems.append(
                    f"“{name[:30]}…” is too long for a tag: keep it under {MAX_TAG_LENGTH} "
                    "characters."
                )
            elif not Tag().slugify(name):
                problems.append(f"“{name}” cannot be a tag: use at least one letter or digit.")
        if problems:
            raise ValidationError(problems)
        return names

    def clean(self):
        cleaned_data = super().clean()
        self.follow_headline_again(cleaned_data)
        self.redetect_platform(cleaned_data)
        self.refuse_spoiler_leaks(cleaned_data)
        return cleaned_data

    def follow_headline_again(self, cleaned_data) -> None:
        """An emptied slug is made from the headline, and a draft's follows it from then on."""
        headline = cleaned_data.get("headline")
        if "slug" not in self.fields or cleaned_data.get("slug") or not headline:
            return
        cleaned_data["slug"] = slugs.unique_slug(
            headline, model=Article, exclude_pk=self.instance.pk
        )
        self.instance.slug_fixed = False

    def redetect_platform(self, cleaned_data) -> None:
        """A platform that was worked out from the old URL follows a changed URL."""
        if "origin_url" not in self.changed_data or "origin_platform" not in cleaned_data:
            return
        detected_before = origins.detect_platform(self.initial.get("origin_url") or "")
        if cleaned_data["origin_platform"] == detected_before:
            cleaned_data["origin_platform"] = ""

    def refuse_spoiler_leaks(self, cleaned_data) -> None:
        """Fields shown outside the hidden passages must not repeat a marked spoiler."""
        fields = {name: cleaned_data.get(name) or "" for name in SPOILER_FREE_FIELDS}
        leaks = find_leaks(body=sanitize_html(cleaned_data.get("body")), fields=fields)
        for name, passage in leaks.items():
            label = self.fields[name].label if name in self.fields else name
            self.add_error(
                name if name in self.fields else None,
                f"{label} gives away a passage marked as a spoiler in the text "
                f"(“{Truncator(passage).words(8)}”). Readers see it before the warning; "
                "rewrite it without the spoiler.",
            )


class KeptFormsFormSet(BaseInlineFormSet):
    def kept_forms(self, required_field: str) -> list:
        """The forms that will be saved: `required_field` filled in and not marked for deletion."""
        return [
            form
            for form in self.forms
            if form.cleaned_data.get(required_field) and not form.cleaned_data.get("DELETE")
        ]


class BylineFormSet(KeptFormsFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms("author")
        authors = [form.cleaned_data["author"] for form in kept]
        if len(authors) != len(set(authors)):
            raise ValidationError("Each author can appear only once in the byline.")
        if not goes_public(self.instance, self.data):
            return
        problems = []
        if not kept:
            problems.append(
                "A published article needs at least one author. Add a byline, or save it as a "
                "draft."
            )
        if publishing.is_cross_post_started(self.instance):
            problems += publishing.origin_author_problems(
                origin_author=self.instance.origin_author,
                byline_names=[author.name for author in authors],
            )
        if problems:
            raise ValidationError(problems)


class WarningFormSet(KeptFormsFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if self.instance.hold_behind_warning and not self.kept_forms("text"):
            raise ValidationError(
                "The text is held behind a warning, but there is no warning. Add the warning "
                "readers should see first, or untick “hold the text behind the warning”."
            )


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
    RevisionAdmin,
    NewsroomModelAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "kind",
        "state",
        "published_at",
        "byline_names",
        "is_featured",
        "image_thumbnail",
    ]
    list_display_links = ["headline"]
    list_filter = [StatusFilter, "kind", TagFilter, AuthorFilter, "is_featured", "published_at"]
    search_fields = ["headline", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    radio_fields = {"indexing": admin.VERTICAL}
    autocomplete_fields = ["press_contacts"]
    inlines = [BylineInline, ContentWarningInline, CorrectionInline, MediaKitInline]
    actions = ["publish_selected", "unpublish_selected", "submit_for_review"]
    list_per_page = 50
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

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    @admin.display(description="Status", ordering="status")
    def state(self, obj):
        if obj.is_scheduled and obj.is_embargoed:
            return format_html("Embargoed until {}", display_datetime(obj.embargoed_until))
        if obj.is_scheduled:
            return format_html("Scheduled for {}", display_datetime(obj.published_at))
        return obj.get_status_display()

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
        published, refused = 0, []
        for article in queryset:
            if article.is_published:
                continue
            try:
                publishing.publish(article)
            except publishing.CannotPublish as error:
                refused.append(error)
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

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            publishing.unpublish(article)
            count += 1
        self.message_user(
            request,
            ngettext("Unpublished %d article.", "Unpublished %d articles.", count) % count,
            messages.SUCCESS,
        )
