from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.html import escape
from taggit.models import Tag

from newsroom.admin_base import FormerAddressInline, NewsroomModelAdmin
from newsroom.models import SitePage, SitePageRedirect, SiteSettings
from newsroom.revisions import RevisionAdmin


class SitePageRedirectInline(FormerAddressInline):
    model = SitePageRedirect


@admin.register(SitePage)
class SitePageAdmin(RevisionAdmin, NewsroomModelAdmin):
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


@admin.register(SiteSettings)
class SiteSettingsAdmin(RevisionAdmin, NewsroomModelAdmin):
    """A single row: the list page goes straight to it, and it cannot be added twice or deleted.

    Every save is a revision: its history compares any two, and editors restore one.
    """

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
