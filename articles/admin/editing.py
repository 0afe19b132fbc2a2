"""The change form's previews and checks (`articles.editing`), and the address that makes them
again from the form as it is now.

The form shows them for the article as loaded, or as posted when a save was refused. While the
editor types, `static/js/editing-panels.js` posts the whole form to `<id>/panels/` (`panels/`
for a new article) and swaps in the answer. That view builds an article in memory from the
form's fields and inlines, the same fields the admin would save, and never saves it: no row,
revision, version or cached page changes.
"""

import copy
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import construct_instance
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from taggit.models import Tag

from articles.editing.appearance import appearance
from articles.editing.checks import checks_panel
from articles.models import Article, Byline, ContentWarning
from newsroom.models import SiteSettings
from newsroom.richtext import sanitized_as_stored

PANELS_TEMPLATE = "admin/articles/article/editing_panels.html"
WORD_COUNT = "admin/articles/article/_word_count.html"
SLUG_ADDRESS = "admin/articles/article/_slug_address.html"
# Form fields that say nothing about how the piece looks or reads.
IGNORED_FIELDS = {"edit_token"}
# The inlines a preview shows, each with the field a row needs to count.
SHOWN_INLINES = {Byline: "author", ContentWarning: "text"}
PLACEHOLDER_SLUG = "new-article"


@dataclass
class Draft:
    """An unsaved article as the form holds it, with its bylines and warnings set on it."""

    article: Article
    tags: list[Tag]

    @property
    def byline_names(self) -> list[str]:
        return [byline.author.name for byline in self.article.ordered_bylines]


def tags_named(names: list[str]) -> list[Tag]:
    """Tags by name, known ones in the order of their keys as the page lists them, new last."""
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    tags = [known.get(name) or Tag(name=name) for name in dict.fromkeys(names)]
    return sorted(tags, key=lambda tag: (tag.pk is None, tag.pk or 0))


def ready_to_show(article: Article) -> Article:
    """Fill in what a page needs and a draft may lack: an address, and a date (as publishing
    now would give it)."""
    if not article.slug:
        article.slug = slugify(article.headline)[:200] or PLACEHOLDER_SLUG
    if article.published_at is None:
        article.published_at = timezone.now()
    return article


def help_with(form, name: str, text) -> None:
    """Set a field's help, also on its bound field if the admin made it already."""
    form.fields[name].help_text = text
    form[name].help_text = text


class EditingPanelsAdmin:
    """Mixed into ArticleAdmin: the previews and checks beside the change form."""

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        panels = self.admin_site.admin_view(require_POST(self.panels_view))
        return [
            path("panels/", panels, name=f"{prefix}_panels_add"),
            path("<int:object_id>/panels/", panels, name=f"{prefix}_panels"),
            *super().get_urls(),
        ]

    def panels_view(self, request, object_id=None):
        """The panels for the posted form, with the permission to change its article."""
        if object_id is None:
            obj = None
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, str(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        draft = self.posted_draft(request, obj)
        return TemplateResponse(request, PANELS_TEMPLATE, self.panels_context(request, draft))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        draft = self.posted_draft(request, obj) if request.method == "POST" else None
        if draft is None:
            context.update(
                self.panels_context(request, self.saved_draft(obj), saved=obj is not None)
            )
        else:
            context.update(self.panels_context(request, draft))
        context["panels_url"] = (
            reverse("admin:articles_article_panels", args=[obj.pk])
            if obj is not None
            else reverse("admin:articles_article_panels_add")
        )
        # Help that follows the form: the word count under the text, the address under the slug.
        form = context["adminform"].form
        if "body" in form.fields:
            help_with(
                form,
                "body",
                format_html(
                    "{} {}", form.fields["body"].help_text, render_to_string(WORD_COUNT, context)
                ),
            )
        if "slug" in form.fields:
            help_with(
                form,
                "slug",
                format_html(
                    "The last part of the article's address: readers find it at {}. Filled from "
                    "the headline; keep it short.",
                    render_to_string(SLUG_ADDRESS, context),
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def panels_context(self, request, draft: Draft, *, saved: bool = False) -> dict:
        """The panels for `draft`; only a `saved` article's title card is drawn and stored, as
        its page would, never one for text being typed."""
        site_settings = SiteSettings.current()
        looks = appearance(
            draft.article,
            request=request,
            site_name=site_settings.site_name,
            tags=draft.tags,
            draw_title_card=saved,
        )
        return {
            "page_address": request.build_absolute_uri(draft.article.get_absolute_url()),
            "appearance": looks,
            "checks": checks_panel(
                draft.article, appearance=looks, byline_names=draft.byline_names
            ),
            "site_settings": site_settings,
        }

    def saved_draft(self, obj: Article | None) -> Draft:
        if obj is None:
            article = Article()
            article.ordered_bylines, article.ordered_warnings = [], []
            return Draft(ready_to_show(article), [])
        article = copy.copy(obj)
        return Draft(ready_to_show(article), obj.ordered_topics)

    def posted_draft(self, request, obj: Article | None) -> Draft:
        """The article as the posted form would save it; a field that does not validate keeps
        its saved value, and a new upload is not looked at."""
        article = copy.copy(obj) if obj is not None else Article()
        form_class = self.get_form(request, obj, change=obj is not None)
        form = form_class(request.POST, instance=article)
        values = {}
        for name, field in form.fields.items():
            if name in IGNORED_FIELDS or isinstance(field, forms.FileField):
                continue
            try:
                values[name] = field.clean(form[name].data)
            except ValidationError:
                continue
        names = values.pop("tags", None)
        # A time typed to schedule the piece is the date its cards will show.
        if scheduled := values.pop("schedule_at", None):
            article.published_at = scheduled
        form.cleaned_data = values
        construct_instance(form, article, fields=list(values))
        article.body = sanitized_as_stored(article.body)
        article.introduction = sanitized_as_stored(article.introduction)
        article.clean_origin()
        rows = self.posted_rows(request, obj, article)
        article.ordered_bylines, article.ordered_warnings = rows[Byline], rows[ContentWarning]
        tags = []
        if names is not None:
            tags = tags_named(names)
        elif obj is not None:
            tags = obj.ordered_topics
        return Draft(ready_to_show(article), tags)

    def posted_rows(self, request, obj: Article | None, article: Article) -> dict[type, list]:
        """The bylines and warnings the posted inlines would keep, in display order."""
        rows: dict[type, list] = {model: [] for model in SHOWN_INLINES}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            required = SHOWN_INLINES.get(formset_class.model)
            if required is None:
                continue
            prefix = formset_class.get_default_prefix()
            formset = formset_class(**self.get_formset_kwargs(request, article, inline, prefix))
            formset.is_valid()
            kept = [form.instance for form in formset.kept_forms(required)]
            rows[formset_class.model] = sorted(kept, key=lambda row: (row.position, row.pk or 0))
        return rows
