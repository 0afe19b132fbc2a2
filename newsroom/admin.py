from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape, format_html
from taggit.models import Tag

from newsroom.addresses import address
from newsroom.admin_base import (
    FormerAddressInline,
    NewsroomModelAdmin,
    StaleSavesRefused,
    UnchangedSinceOpenedForm,
)
from newsroom.free_addresses import restored_slug
from newsroom.models import SitePage, SitePageRedirect, SiteSettings
from newsroom.revisions import RevisionAdmin


class SitePageRedirectInline(FormerAddressInline):
    model = SitePageRedirect


@admin.register(SitePage)
class SitePageAdmin(StaleSavesRefused, RevisionAdmin, NewsroomModelAdmin):
    list_display = ["title", "slug", "status", "show_in_navigation", "nav_order", "updated_at"]
    list_editable = ["nav_order"]
    list_filter = ["status", "show_in_navigation"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        ("Publication", {"fields": ["status", "show_in_navigation", "nav_order"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
    ]

    def get_inlines(self, request, obj):
        # A new page has no former address; a page has one once it is renamed after publishing.
        return [] if obj is None else [SitePageRedirectInline]

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    def recover_view(self, request, version_id, extra_context=None):
        request.recovering = True
        return super().recover_view(request, version_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A version whose address another page has by now opens at a free one
        # (`free_addresses.keep_clear_of_taken_slug`); the page says so before it is saved.
        slug = None if obj is None else restored_slug(SitePage, obj.pk)
        if request.method == "GET" and slug is not None:
            self.message_user(request, self.taken_note(request, obj, slug), messages.WARNING)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def taken_note(self, request, obj: SitePage, slug: str) -> str:
        holder = SitePage.objects.filter(slug=slug).exclude(pk=obj.pk).first()
        named = (
            "another page"
            if holder is None
            else format_html(
                '“<a href="{}">{}</a>”',
                reverse("admin:newsroom_sitepage_change", args=[holder.pk]),
                holder.title,
            )
        )
        comes_back = "comes back" if getattr(request, "recovering", False) else "stays"
        return format_html(
            "This version's address, {}, is taken by {} now: saved, this page {} at {}. Change "
            "its slug below to give it another address.",
            address("newsroom:page", slug),
            named,
            comes_back,
            address("newsroom:page", obj.slug),
        )

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        slug = restored_slug(SitePage, obj.pk)
        if slug is not None and slug != obj.slug:
            done = "recovered" if getattr(request, "recovering", False) else "restored"
            note = format_html(
                "“{}” is {} at {}: its version's address, {}, is another page's.",
                obj,
                done,
                address("newsroom:page", obj.slug),
                address("newsroom:page", slug),
            )
            self.message_user(request, note, messages.WARNING)
        return response


class SiteSettingsForm(UnchangedSinceOpenedForm):
    stale_subject = "the site settings"


@admin.register(SiteSettings)
class SiteSettingsAdmin(StaleSavesRefused, RevisionAdmin, NewsroomModelAdmin):
    """A single row: the list page goes straight to it, and it cannot be added twice or deleted.

    Every save is a revision: its history compares any two, and editors restore one. A save
    from a copy opened before another editor's is refused, the input kept.
    """

    form = SiteSettingsForm

    fieldsets = [
        (None, {"fields": ["site_name", "logo"]}),
        ("Link previews", {"fields": ["default_image", "default_image_alt"]}),
        ("News index", {"fields": ["news_heading", "news_introduction", "news_description"]}),
        (
            "Press releases",
            {
                "description": "Every press release ends with this paragraph, under “About "
                f"{escape(settings.NEWSROOM_ORGANISATION)}”, unless the release replaces or "
                "leaves it out. The press room shows it too.",
                "fields": ["boilerplate"],
            },
        ),
    ]

    def has_revert_permission(self, request, obj=None) -> bool:
        # Restoring the one row deletes nothing, and nobody may delete it.
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings, _ = SiteSettings.objects.get_or_create(pk=1)
        return redirect("admin:newsroom_sitesettings_change", settings.pk)


def _on_newsroom_base(model) -> None:
    """Re-register another app's admin for `model` on our base, for its bounded search."""
    current = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(current.__name__, (current, NewsroomModelAdmin), {}))


# Django's auth, taggit and django-axes register their own admins before this module loads.
for _model in (get_user_model(), Group, Tag, AccessAttempt, AccessLog, AccessFailureLog):
    _on_newsroom_base(_model)
