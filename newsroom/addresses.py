"""The site's addresses, without a `reverse()` for each link.

A page links to dozens of articles, authors, topics and site pages, and `reverse()` costs more
than the rest of a link. Each URL name's address is reversed once per URLconf and script prefix,
with a placeholder where its slug goes; a link is then that address with the slug in the
placeholder's place. A slug with characters other than `[-a-zA-Z0-9_]` (a topic in another
alphabet) needs quoting, and is reversed as usual.
"""

import re
from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug-placeholder"


def address(name: str, slug: str | None = None) -> str:
    """`reverse(name)`, or `reverse(name, kwargs={"slug": slug})` for a URL taking a slug."""
    if slug is not None and not _PLAIN_SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _reversed(name, slug is not None, urlconf, get_script_prefix())
    return before if slug is None else f"{before}{slug}{after}"


@cache
def _reversed(name: str, with_slug: bool, urlconf: str, script_prefix: str) -> tuple[str, str]:
    """The address of `name` under `script_prefix`, split where its slug goes."""
    if not with_slug:
        return reverse(name, urlconf=urlconf), ""
    found = reverse(name, urlconf=urlconf, kwargs={"slug": _PLACEHOLDER})
    before, _, after = found.rpartition(_PLACEHOLDER)
    return before, after
