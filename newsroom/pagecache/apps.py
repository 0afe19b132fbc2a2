from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "newsroom.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from newsroom.pagecache import checks  # noqa: F401 - importing registers them
