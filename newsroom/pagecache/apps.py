from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "newsroom.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"
