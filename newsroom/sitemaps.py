"""The site's sitemaps: an index at /sitemap.xml and one sitemap per section.

The apps register their sections from their `AppConfig.ready()`, and the index lists them in
that order (the News section's are articles, the Google News sitemap of the last two days,
authors and tags: `articles.sitemaps`). The site's own section, pages, comes last: the pages the
apps register (the news index), then the published site pages.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from newsroom import pagecache
from newsroom.models import SITE_TAG, SitePage

# A page an app adds to the pages section: its path and its latest change, or None while the
# page has nothing to list it for.
PageEntry = Callable[[], tuple[str, datetime | None] | None]


@dataclass(frozen=True)
class Section:
    sitemap: type[Sitemap]
    template: str = "sitemaps/section.xml"
    # Named in robots.txt besides the index, as search engines ask of a news sitemap.
    in_robots_txt: bool = False


_sections: dict[str, Section] = {}
_pages: list[PageEntry] = []


def register_section(
    name: str,
    sitemap: type[Sitemap],
    *,
    template: str = "sitemaps/section.xml",
    in_robots_txt: bool = False,
) -> None:
    """Serve `sitemap` at /sitemap-<name>.xml and list it in the index."""
    _sections[name] = Section(sitemap, template, in_robots_txt)


def register_page(entry: PageEntry) -> None:
    """List the page `entry()` describes in the pages section, before the site pages."""
    if entry not in _pages:
        _pages.append(entry)


class PageSitemap(Sitemap):
    """The pages the apps registered, then the published site pages in navigation order."""

    def items(self) -> list[tuple[str, datetime | None]]:
        pagecache.shows(SITE_TAG)
        pages = SitePage.objects.published().only("slug", "updated_at")
        entries = (entry() for entry in _pages)
        return [
            *(found for found in entries if found is not None),
            *((page.get_absolute_url(), page.updated_at) for page in pages),
        ]

    def location(self, item) -> str:
        return item[0]

    def lastmod(self, item) -> datetime | None:
        return item[1]


def sections() -> dict[str, Section]:
    """Every section by name, in the index's order."""
    return {**_sections, "pages": Section(PageSitemap)}


def robots_txt_paths() -> list[str]:
    """What robots.txt names: the index, then the sections registered to be named."""
    named = [name for name, found in sections().items() if found.in_robots_txt]
    return [
        reverse("sitemap"),
        *(reverse("sitemap-section", kwargs={"section": name}) for name in named),
    ]


def _sitemaps() -> dict[str, type[Sitemap]]:
    return {name: found.sitemap for name, found in sections().items()}


def index(request):
    """/sitemap.xml: every section, each with its latest change."""
    return sitemap_views.index(
        request,
        _sitemaps(),
        template_name="sitemaps/index.xml",
        sitemap_url_name="sitemap-section",
    )


def section(request, section: str):
    """/sitemap-<section>.xml: one section (paginated with ?p= beyond 50,000 entries)."""
    found = sections().get(section)
    return sitemap_views.sitemap(
        request,
        _sitemaps(),
        section=section,
        template_name=found.template if found else Section.template,
    )
