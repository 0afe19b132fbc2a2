"""The editorial workflow in the article admin: roles, publish checks, edit conflicts,
presence, corrections and sign-off preview links.

`ArticleAdmin` mixes these in; the form mixin joins `ArticleAdminForm`. Each enforces on the
server what the page shows: a contributor's form offers only saving and submitting for review
(`articles.admin.publishing`), and the same rules refuse a forged POST.
"""

import copy
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.admin.refused import RefusedSaveAdmin
from articles.models import SAVED_STATE, Article, Correction, SlugRedirect
from articles.workflow import editing, previews, publishing, roles
from newsroom.admin_base import FormerAddressInline, LocalTimes
from newsroom.dates import display_datetime

# Fields only editors set: when the piece runs or is planned to, its embargo, and whether it
# leads the index.
EDITOR_ONLY_FIELDS = ["published_at", "planned_for", "embargoed_until", "is_featured"]


def over_live_piece(live_article: dict | None) -> bool:
    """Whether the admin's `live_article` is a live piece's state (a revision is restored over
    it); a deleted piece being recovered has none."""
    return bool(live_article) and "status" in live_article


class WorkflowFormMixin(forms.ModelForm):
    """Who is editing (`may_publish`), and the stale-edit refusal.

    The admin sets `request` (and, when restoring a revision, `live_article`) on the form
    class.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    request = None
    live_article: dict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        user = self.request.user if self.request else None
        self.may_publish = user is None or roles.can_publish(user)
        if self.instance.pk:
            live = self.live_article or {}
            token = editing.edit_token(self.instance)
            if "version" in live:
                token = f"{live['version']}:{token.partition(':')[2]}"
            self.fields["edit_token"].initial = token

    @property
    def restoring(self) -> bool:
        """Whether a revision is being restored over the live piece; not when a deleted piece,
        which has no live row, is recovered."""
        return over_live_piece(self.live_article)

    def as_live(self) -> Article:
        """The piece as readers have it now: the instance, but while restoring a revision
        (whose values the instance holds until saved) the live row's public state."""
        if not self.restoring:
            return self.instance
        live = self.live_article
        state = {name: live[name] for name in ("status", "published_at", "embargoed_until")}
        return Article(pk=self.instance.pk, **state)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self.refuse_stale_edit()
        return cleaned_data

    def refuse_stale_edit(self) -> None:
        live = self.live_article or {}
        conflict = editing.find_conflict(
            article=self.instance,
            token=self.data.get(self.add_prefix("edit_token"), ""),
            live_version=live.get("version"),
            user=self.request.user if self.request else None,
        )
        if "version" in live:
            # Restoring a revision: the row holds the old copy until saved; the version
            # continues from the live piece's.
            self.instance.version = live["version"]
        if "slug_fixed" in live:
            # Restoring: keep the live state. A fixed slug stays fixed: a draft from before the
            # piece ran must not set its address following the headline again (emptying the
            # slug field still does).
            self.instance.slug_fixed = live["slug_fixed"]
            self.instance.saved_state = {name: live[name] for name in SAVED_STATE}
        if conflict is None:
            return
        conflict.files = [upload.name for _, uploads in self.files.lists() for upload in uploads]
        self.conflict = conflict
        self.add_error(None, conflict.summary)
        # The form shown again carries the new version: saving it again is a deliberate choice.
        data = self.data.copy()
        data[self.add_prefix("edit_token")] = editing.edit_token(
            Article.objects.get(pk=self.instance.pk)
        )
        self.data = data


class ArticleInlinePermissions:
    """Inlines of an article follow the article: editable only by those who may edit it."""

    def _may_edit(self, request, obj) -> bool:
        return obj is None or roles.can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


class CorrectionInline(LocalTimes, ArticleInlinePermissions, admin.StackedInline):
    model = Correction
    fields = ["kind", "published_at", "text"]
    extra = 0
    verbose_name = "correction or update note"
    verbose_name_plural = (
        "Corrections and updates (shown on the article, which then says “Updated <date>”)"
    )


class SlugRedirectInline(FormerAddressInline):
    model = SlugRedirect


class PreviewLinkForm(forms.Form):
    reviewer = forms.CharField(max_length=120, label="Reviewer's name")
    days = forms.IntegerField(
        label="Works for (days)",
        min_value=1,
        max_value=previews.MAX_LIFETIME.days,
        initial=previews.DEFAULT_LIFETIME.days,
    )


class ArticleWorkflowAdmin(RefusedSaveAdmin):
    """Mixed into ArticleAdmin, before the ModelAdmin it builds on."""

    change_list_template = None  # admin/articles/article/change_list.html

    # Roles.

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        form.live_article = getattr(request, "live_article", None)
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            _, options = fieldsets[0]
            options["fields"] = [*options["fields"], "edit_token"]
        for name, options in fieldsets:
            if name == "Advanced" and obj is not None:
                options["fields"] = [*options["fields"], "created_by"]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "created_by"]
        if not roles.can_publish(request.user):
            readonly += EDITOR_ONLY_FIELDS
        return readonly

    def get_queryset(self, request):
        return roles.visible_in_admin(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.can_edit(request.user, obj))

    def has_history_permission(self, request, obj=None):
        allowed = super().has_history_permission(request, obj)
        return allowed and (obj is None or roles.can_read_history(request.user, obj))

    def has_revert_permission(self, request, obj=None):
        # A restore can unpublish, reschedule or rewrite a piece: a publishing decision.
        return super().has_revert_permission(request, obj) and roles.can_publish(request.user)

    def get_inlines(self, request, obj):
        # Corrections belong to pieces that have run; a new article has none to correct.
        inlines = super().get_inlines(request, obj)
        if obj is None:
            return [inline for inline in inlines if inline is not CorrectionInline]
        return [*inlines, SlugRedirectInline]

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                correction.created_by = correction.created_by or request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_corrected_at()

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        submitted = skipped = 0
        with transaction.atomic():
            for article in publishing.one_by_one(queryset):
                if article.status == Article.Status.DRAFT and roles.can_edit(request.user, article):
                    publishing.submit_for_review(article)
                    submitted += 1
                else:
                    skipped += 1
        self.message_user(
            request,
            ngettext("Submitted %d draft for review.", "Submitted %d drafts for review.", submitted)
            % submitted,
            messages.SUCCESS if submitted else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d article was left as it was: only your own drafts can be submitted.",
                    "%d articles were left as they were: only your own drafts can be submitted.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )

    # The change form: presence, conflicts, sign-off links.

    def article_for_context(self, request, object_id) -> Article | None:
        """The article a change form shows, read once per request for what the form shows
        beside its fields (this mixin's and the embargo's); the form itself reads its own copy,
        which a refused POST then holds the submitted values in."""
        kept = request.__dict__.setdefault("articles_for_context", {})
        if object_id not in kept:
            kept[object_id] = self.get_object(request, object_id)
        return kept[object_id]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.article_for_context(request, object_id)
        context = dict(extra_context or {})
        if article is not None and self.has_change_permission(request, article):
            # Only those who may edit count as editing; readers of a read-only form do not.
            if request.method == "GET":
                editing.ensure_baseline_revision(article)
            editing.note_editing(article_id=article.pk, user=request.user)
        if article is not None:
            context.update(self.workflow_context(request, article))
        response = super().change_view(request, object_id, form_url, context)
        leaving = request.method == "POST" and response.status_code == 302
        if article is not None and leaving and "_continue" not in request.POST:
            editing.stop_editing(article_id=article.pk, user=request.user)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform") and context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        response = super().render_change_form(request, context, add, change, form_url, obj)
        # "View on site" opens the preview of a draft for those who may see it.
        if obj is not None and not (obj.is_published or roles.can_preview(request.user, obj)):
            response.context_data["has_absolute_url"] = False
        return response

    def workflow_context(self, request, article: Article) -> dict:
        links = list(article.preview_links.select_related("created_by"))
        may_share = request.user.has_perm("articles.add_previewlink")
        return {
            "others_editing": editing.others_editing(article_id=article.pk, user=request.user),
            "may_share_previews": may_share,
            # Whoever holds a working link can approve the piece: only those who share them.
            "preview_links": [
                (
                    link,
                    request.build_absolute_uri(previews.url_for(link))
                    if may_share and link.is_active
                    else "",
                )
                for link in links
            ],
            "preview_link_form": PreviewLinkForm(),
            "time_zone": timezone.get_current_timezone_name(),
        }

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        urls = [
            path(
                "<int:object_id>/preview-links/",
                self.admin_site.admin_view(require_POST(self.create_preview_link)),
                name=f"{prefix}_preview_link_create",
            ),
            path(
                "<int:object_id>/preview-links/<int:link_id>/revoke/",
                self.admin_site.admin_view(require_POST(self.revoke_preview_link)),
                name=f"{prefix}_preview_link_revoke",
            ),
        ]
        return urls + super().get_urls()

    def _change_url(self, article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk]) + "#sign-off"

    def create_preview_link(self, request, object_id):
        # Permission first: whoever may not make links learns nothing of which ids exist.
        if not request.user.has_perm("articles.add_previewlink"):
            raise PermissionDenied
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No article you may open has this id.")
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(f"{e}" for field in form.errors.values() for e in field)
            self.message_user(request, f"No link was made: {errors}", messages.ERROR)
            return HttpResponseRedirect(self._change_url(article))
        link = previews.create_link(
            article=article,
            reviewer=form.cleaned_data["reviewer"],
            created_by=request.user,
            lifetime=timedelta(days=form.cleaned_data["days"]),
        )
        self.message_user(
            request,
            format_html(
                "Preview link for {} made; it works until {}. Send them: {}",
                link.reviewer,
                display_datetime(link.expires_at),
                request.build_absolute_uri(previews.url_for(link)),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url(article))

    def revoke_preview_link(self, request, object_id, link_id):
        if not request.user.has_perm("articles.change_previewlink"):
            raise PermissionDenied
        # Through the article, as making a link goes: only one the user may open, and an id
        # beyond the database's integers is simply not found.
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No article you may open has this id.")
        link = get_object_or_404(article.preview_links, pk=link_id)
        previews.revoke(link)
        self.message_user(
            request, f"The preview link for {link.reviewer} no longer works.", messages.SUCCESS
        )
        return HttpResponseRedirect(self._change_url(article))
