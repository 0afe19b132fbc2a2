"""The media kit in the admin: a release's items inline on its page, the press room's own items
in a list of their own. Editors add, change and remove them; contributors only see them (the
permissions the migration grants, and on a release whatever its form allows them)."""

from django.contrib import admin
from django.utils.html import format_html

from articles.admin.widgets import thumbnail
from articles.admin.workflow import ArticleInlinePermissions
from articles.models import MediaKitItem
from newsroom.admin_base import NewsroomModelAdmin

FIELDS = [
    "title",
    ("image", "document"),
    "preview",
    "alt_text",
    "caption",
    "credit",
    "usage_terms",
    "position",
]


class KitPreviewMixin:
    @admin.display(description="Current file")
    def preview(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.is_image:
            return thumbnail(obj.images.url_for_width(480), obj.alt_text, size=160)
        return format_html('<a href="{}">{}</a>', obj.document.url, obj.document.name)

    @admin.display(description="Picture")
    def picture(self, obj):
        return thumbnail(obj.images.thumbnail_url if obj.is_image else "", obj.alt_text)


class MediaKitInline(KitPreviewMixin, ArticleInlinePermissions, admin.StackedInline):
    model = MediaKitItem
    fields = FIELDS
    readonly_fields = ["preview"]
    extra = 0
    ordering = ["position", "id"]
    verbose_name = "media kit item"
    verbose_name_plural = (
        "Media kit (press releases only): pictures and documents journalists download with "
        "the release"
    )


@admin.register(MediaKitItem)
class PressRoomKitAdmin(KitPreviewMixin, NewsroomModelAdmin):
    """The press room's own kit: logos, portraits, fact sheets on /press/. A release's items are
    on the release's page."""

    fields = FIELDS
    readonly_fields = ["preview"]
    list_display = ["title", "picture", "kind", "credit", "position"]
    list_editable = ["position"]
    search_fields = ["title", "caption", "credit"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article=None)

    def changelist_view(self, request, extra_context=None):
        title = "The press room’s media kit (a release’s own kit is on the release’s page)"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    @admin.display(description="Kind")
    def kind(self, obj):
        return "Picture" if obj.is_image else "Document"
