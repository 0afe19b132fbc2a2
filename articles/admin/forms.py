"""The article's change form: its fields' checks (spoilers, tags, origins, publishing), the
byline and warning formsets, and the line saying where shares are sent."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from taggit.forms import TextareaTagWidget

from articles.admin.crosspost import duplicate_origin_error
from articles.admin.embargo import EmbargoFormMixin
from articles.admin.publishing import PublishingFormMixin, goes_public
from articles.admin.workflow import (
    WorkflowFormMixin,
)
from articles.crosspost import importing, origins
from articles.models import Article, tag_name_problems
from articles.seo.indexing import IndexingPolicy, canonical_location, defers_to_origin
from articles.spoilers import SPOILER_FREE_FIELDS, find_leaks, warning_leak
from articles.workflow import checklist, roles, slugs
from newsroom.richtext import sanitize_html, sanitized_as_stored

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


def named_for(user, article: Article) -> SafeString | str:
    """`article` as a link to its page in the admin if `user` may open it; otherwise unnamed (a
    draft's headline can be news in itself)."""
    if not roles.visible_in_admin(user, Article.objects.filter(pk=article.pk)).exists():
        return "a piece you cannot open"
    return format_html(
        '“<a href="{}">{}</a>”',
        reverse("admin:articles_article_change", args=[article.pk]),
        article.headline,
    )


def address_taken_error(holder: Article, *, user) -> ValidationError:
    """Refuse `holder`'s address to another article."""
    return ValidationError(
        format_html(
            "The address {} is taken by {}. Choose another slug, or empty the field to make one "
            "from the headline.",
            holder.get_absolute_url(),
            named_for(user, holder),
        ),
        code="address_taken",
    )


# Everything readers or search engines see before choosing to reveal a spoiler.


class ArticleAdminForm(EmbargoFormMixin, PublishingFormMixin, WorkflowFormMixin, forms.ModelForm):
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
        # Only when changed: a piece saved with one before stays editable.
        if "origin_url" in self.changed_data:
            importing.refuse_short_link(url)
        if url:
            existing = Article.objects.same_original(url).exclude(pk=self.instance.pk).first()
            if existing is not None:
                raise duplicate_origin_error(existing, user=self.request.user)
        return url

    def clean_tags(self):
        """Refuse names that could not have an address of their own on the site."""
        names = self.cleaned_data.get("tags") or []
        if problems := tag_name_problems(names):
            raise ValidationError(problems)
        return names

    def clean(self):
        cleaned_data = super().clean()
        self.follow_headline_again(cleaned_data)
        self.redetect_platform(cleaned_data)
        self.refuse_spoiler_leaks(cleaned_data)
        return cleaned_data

    def validate_unique(self):
        super().validate_unique()
        # One article per address: the refusal names the article that has it.
        refused = self._errors.get("slug")
        if refused and any(error.code == "unique" for error in refused.as_data()):
            holder = Article.objects.filter(slug=self.instance.slug).exclude(pk=self.instance.pk)
            if (holder := holder.first()) is not None:
                del self._errors["slug"]
                self.add_error("slug", address_taken_error(holder, user=self.request.user))

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
        fields = {
            name: cleaned_data.get(name) or ""
            for name in SPOILER_FREE_FIELDS
            if name != "introduction"
        }
        leaks = find_leaks(
            body=sanitize_html(cleaned_data.get("body")),
            fields=fields,
            introduction=sanitize_html(cleaned_data.get("introduction")),
        )
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
        if checklist.is_cross_post_started(self.instance):
            problems += checklist.origin_author_problems(
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
        kept = self.kept_forms("text")
        if self.instance.hold_behind_warning and not kept:
            raise ValidationError(
                "The text is held behind a warning, but there is no warning. Add the warning "
                "readers should see first, or untick “hold the text behind the warning”."
            )
        passage = warning_leak(
            [(form.cleaned_data["text"], form.cleaned_data.get("subject") or "") for form in kept],
            body=sanitized_as_stored(self.instance.body),
            introduction=sanitized_as_stored(self.instance.introduction),
        )
        if passage:
            raise ValidationError(
                f"A warning gives away a passage marked as a spoiler in the text "
                f"(“{Truncator(passage).words(8)}”). Readers see it before the text, on the "
                "page and in link previews and feeds; rewrite it without the spoiler."
            )
