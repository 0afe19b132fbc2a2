from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from newsroom import checks, pagecache  # importing checks registers them
        from newsroom.models import SITE_TAG, SitePage, SiteSettings

        # Every page shows the site's name and navigation.
        for model in (SitePage, SiteSettings):
            pagecache.watch(model, retires=lambda row: {SITE_TAG})
        # Sitemap sections past 50,000 entries are paged with ?p=; no other page here reads one.
        pagecache.vary_on_query("sitemap-section", p=pagecache.page_number)
        checks.warn_on_first_connection()
