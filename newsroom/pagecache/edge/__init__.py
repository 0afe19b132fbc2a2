"""The edge cache in front of the site: the header that names a page's tags, and purging by tag.

Public answers carry their tags in the header `SURROGATE_KEY_HEADER` names: `xkey` for Varnish
with the xkey vmod, `Surrogate-Key` for Fastly, `Cache-Tag` for Cloudflare. After each commit
that retires tags, the backend `EDGE_PURGE_BACKEND` names (none by default) sends them to the
edge, so it drops exactly the pages the app's own cache dropped.

- `backends`: `PurgeBackend`, the base with retries and logging.
- `varnish`: `VarnishPurge`, and `newsroom.vcl`, the configuration it is tested against.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.module_loading import import_string

from newsroom.pagecache.edge.backends import PurgeBackend

# Each header's separator between tags, as the edge that reads it expects.
SEPARATORS = {"xkey": " ", "surrogate-key": " ", "cache-tag": ","}


def header(tags: Iterable[str]) -> tuple[str, str] | None:
    """The surrogate-key header for a page showing `tags`, as (name, value); None if off."""
    name = settings.SURROGATE_KEY_HEADER
    if not name:
        return None
    return name, SEPARATORS[name.lower()].join(sorted(tags))


def purging() -> bool:
    """Whether an edge cache is told of changes, and so may keep pages long."""
    return bool(settings.EDGE_PURGE_BACKEND)


def backend() -> PurgeBackend | None:
    """The configured purge backend (made for each purge: purges are rare, settings may change)."""
    path = settings.EDGE_PURGE_BACKEND
    return import_string(path)() if path else None


def purge(tags: Iterable[str]) -> None:
    """Tell the edge to drop every page showing one of `tags` (if an edge is configured)."""
    found = backend()
    if found is not None:
        found.purge(sorted(set(tags)))
