"""The site's settings and header navigation as a request reads them: each once, however many
parts of the page ask, and with a cache that keeps nothing, both in one query.

Every page shows both. With the cache in use each is kept until the site changes
(`SiteSettings.current`, `kept_navigation`); with nothing kept they would cost a query each on
every request, so the settings' row then brings the navigation as a JSON list.
"""

from django.db.models import Subquery
from django.http import HttpRequest
from django.utils.functional import cached_property

from newsroom import pagecache
from newsroom.compiled import CompiledLookup
from newsroom.models import NAVIGATION_COLUMNS, SETTINGS_COLUMNS, SITE_TAG, SitePage, SiteSettings
from newsroom.notes import grouped_notes, place_in_order, read_notes


class Site:
    """The site's settings and navigation for one request, each read when first used."""

    @cached_property
    def settings(self) -> SiteSettings:
        return SiteSettings.current() if pagecache.keeping() else self._read_together()[0]

    @cached_property
    def navigation(self) -> list[SitePage]:
        return kept_navigation() if pagecache.keeping() else self._read_together()[1]

    def _read_together(self) -> tuple[SiteSettings, list[SitePage]]:
        settings, navigation = read_together()
        self.__dict__.update(settings=settings, navigation=navigation)
        return settings, navigation


def site_of(request: HttpRequest) -> Site:
    """The site as `request` shows it (kept on the request)."""
    found = getattr(request, "newsroom_site", None)
    if found is None:
        found = request.newsroom_site = Site()
    return found


def kept_navigation() -> list[SitePage]:
    """The header navigation, kept until the site changes."""
    return pagecache.remember("navigation", SitePage.objects.navigation, tags=[SITE_TAG])


def read_together() -> tuple[SiteSettings, list[SitePage]]:
    """The settings and the navigation in one query; settings never saved are the defaults, and
    the navigation is then read on its own."""
    pagecache.shows(SITE_TAG)
    found = SETTINGS_WITH_NAVIGATION.rows()
    if not found:
        return SiteSettings.from_row(None), SitePage.objects.navigation()
    *row, pages = found[0]
    return SiteSettings.from_row(row), read_navigation_notes(pages)


def navigation_notes() -> Subquery:
    """The header navigation as one JSON list of its pages' `NAVIGATION_COLUMNS` and place: how
    many pages the database orders before the page (`nav_order`, then title in its own
    collation, as `in_navigation` orders them), so the list is put back in the database's order
    without sorting titles in Python."""
    pages = SitePage.objects.in_navigation()
    pages = pages.annotate(place=place_in_order(pages, "nav_order", "title"))
    # Every page in the navigation is published: grouped by status, they are one group.
    return grouped_notes(pages, "status", *NAVIGATION_COLUMNS, "place")


def read_navigation_notes(pages: list | None) -> list[SitePage]:
    """The pages of a `navigation_notes` list, in the database's order."""
    return read_notes(SitePage, pages, NAVIGATION_COLUMNS, "place", "id", extra=("place",))


SETTINGS_WITH_NAVIGATION = CompiledLookup(
    lambda: (
        SiteSettings.objects.filter(pk=1)
        .annotate(navigation=navigation_notes())
        .values_list(*SETTINGS_COLUMNS, "navigation")
    )
)
