"""Press contacts in the admin: the people journalists can call, for editors to keep."""

from django.contrib import admin

from articles.admin.widgets import thumbnail
from articles.models import PressContact
from newsroom.admin_base import NewsroomModelAdmin, RestoredSlugAdmin, StaleSavesRefused
from newsroom.revisions import RevisionAdmin


@admin.register(PressContact)
class PressContactAdmin(StaleSavesRefused, RestoredSlugAdmin, RevisionAdmin, NewsroomModelAdmin):
    list_display = [
        "name",
        "role",
        "email",
        "phone",
        "covers",
        "for_releases",
        "position",
        "photo_thumbnail",
    ]
    list_editable = ["position"]
    list_filter = ["for_releases"]
    search_fields = ["name", "role", "covers", "email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "covers"]}),
        (
            "How to reach them",
            {
                "description": "An email address, a phone number or both.",
                "fields": ["email", "phone"],
            },
        ),
        ("Photo", {"fields": ["photo", "photo_preview"]}),
        ("On the site", {"fields": ["for_releases", "position"]}),
    ]

    @admin.display(description="Photo")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo_images.thumbnail_url if obj.photo else "", obj.name)

    @admin.display(description="Current photo")
    def photo_preview(self, obj):
        url = obj.photo_images.square_src(192) if obj.photo else ""
        return thumbnail(url, obj.name, size=160)
