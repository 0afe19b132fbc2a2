from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin (label "admin"), on the newsroom's own site: see `newsroom.admin_site`."""

    default = False  # "newsroom" alone still means NewsroomConfig
    default_site = "newsroom.admin_site.NewsroomAdminSite"

    def ready(self):
        from newsroom.admin_base import write_times_with_their_zone

        super().ready()
        write_times_with_their_zone()


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import serializers
        from django.db.models.signals import post_delete, pre_delete
        from reversion.models import Version

        # Importing checks registers them.
        from newsroom import (
            checks,
            compiled,
            deleted_pages,
            pagecache,
            revisions,
            sessions,
            tagged_json,
            timestamps,
        )
        from newsroom.models import SITE_TAG, SitePage, SiteSettings
        from newsroom.photos import making

        # Every page shows the site's name and navigation.
        pagecache.watch(
            SitePage,
            retires=lambda row: {SITE_TAG},
            addresses=lambda row: {row.slug} if row.is_published else set(),
        )
        pagecache.watch(SiteSettings, retires=lambda row: {SITE_TAG})
        making.keep_renditions(
            SiteSettings,
            field="default_image",
            record_field="default_image_renditions",
            plan=making.SOCIAL,
        )
        # Sitemap sections past 50,000 entries are paged with ?p=; no other page here reads one.
        pagecache.vary_on_query("sitemap-section", p=pagecache.page_number)
        revisions.ignore_fields(SiteSettings, "logo_width", "logo_height")
        # A recovered page answers its former addresses again: noted before they are deleted
        # with it, until a recovery carries them or the page's revisions are pruned.
        pre_delete.connect(
            deleted_pages.keep_deleted, sender=SitePage, dispatch_uid="newsroom:page-deleted"
        )
        post_delete.connect(
            deleted_pages.forget_pruned, sender=Version, dispatch_uid="newsroom:revisions-pruned"
        )
        user_logged_in.connect(sessions.note_refreshed, dispatch_uid="newsroom:session-refreshed")
        # Revisions of tagged models keep their tags (see `tagged_json`).
        serializers.register_serializer(tagged_json.FORMAT, tagged_json.__name__)
        checks.warn_on_first_connection()
        timestamps.parse_in_c()
        compiled.plan_once()
