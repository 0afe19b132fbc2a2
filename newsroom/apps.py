from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from newsroom import checks, pagecache  # noqa: F401 - checks register themselves
        from newsroom.models import SitePage, SiteSettings

        pagecache.watch(SitePage, SiteSettings)
