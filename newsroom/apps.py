from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from newsroom import checks, pagecache  # importing checks registers them
        from newsroom.models import SitePage, SiteSettings

        pagecache.watch(SitePage, SiteSettings)
        # Sitemap sections past 50,000 entries are paged with ?p=; no other page here reads one.
        pagecache.vary_on_query("sitemap-section", p=pagecache.page_number)
        checks.warn_on_first_connection()
