"""System checks for deployments (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """Pages are invalidated through the cache itself, so every server process must share it."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS and backend.endswith("LocMemCache"):
        return [
            Warning(
                "Reader pages are cached in each process's own memory, so a change made through "
                "one gunicorn worker is not seen by the others until PAGE_CACHE_SECONDS pass.",
                hint="Set REDIS_URL so every process shares one cache, or run a single process.",
                id="newsroom.W001",
            )
        ]
    return []
