"""System checks for the edge cache's settings, run by every management command and `check`.

A wrong header name or purge backend would otherwise show only on the first public page or the
first purge, in production; these say so before the site starts.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from newsroom.pagecache.edge import SEPARATORS
from newsroom.pagecache.edge.backends import PurgeBackend


@register(Tags.caches)
def edge_settings_are_sound(app_configs, **kwargs):
    errors = []
    name = settings.SURROGATE_KEY_HEADER
    if name and name.lower() not in SEPARATORS:
        errors.append(
            Error(
                f"SURROGATE_KEY_HEADER is {name!r}, which no edge cache reads.",
                hint="Use xkey (Varnish), Surrogate-Key (Fastly), Cache-Tag (Cloudflare), "
                "or leave it empty for none.",
                id="newsroom.E002",
            )
        )
    path = settings.EDGE_PURGE_BACKEND
    if not path:
        return errors
    try:
        backend = import_string(path)
    except ImportError as error:
        errors.append(
            Error(
                f"EDGE_PURGE names {path!r}, which cannot be imported: {error}",
                hint="Use `varnish` or the dotted path of a PurgeBackend subclass.",
                id="newsroom.E003",
            )
        )
        return errors
    if not (isinstance(backend, type) and issubclass(backend, PurgeBackend)):
        errors.append(
            Error(
                f"EDGE_PURGE names {path!r}, which is not a PurgeBackend subclass.",
                id="newsroom.E003",
            )
        )
    elif not name:
        errors.append(
            Error(
                "EDGE_PURGE is set but SURROGATE_KEY_HEADER is empty: the edge would keep pages "
                "it cannot be told to drop.",
                hint="Set SURROGATE_KEY_HEADER to the header the edge reads (xkey for Varnish).",
                id="newsroom.E004",
            )
        )
    else:
        try:
            backend()
        except ImproperlyConfigured as error:
            errors.append(Error(f"EDGE_PURGE cannot purge: {error}", id="newsroom.E005"))
    return errors
