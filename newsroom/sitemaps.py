"""The site's sitemaps: an index at /sitemap.xml and one sitemap per section.

Sections: articles, the Google News sitemap of the last two days, authors, tags, and pages (the
news index and the published site pages).
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from articles.models import Article
from articles.sitemaps import (
    ArticleSitemap,
    AuthorSitemap,
    NewsSitemap,
    TagSitemap,
    latest_change,
)
from newsroom.models import SitePage


class PageSitemap(Sitemap):
    """The news index, then the published site pages in navigation order."""

    def items(self) -> list[tuple[str, datetime | None]]:
        index = (reverse("articles:index"), latest_change(Article.objects.published()))
        pages = SitePage.objects.published().only("slug", "updated_at")
        return [index, *((page.get_absolute_url(), page.updated_at) for page in pages)]

    def location(self, item) -> str:
        return item[0]

    def lastmod(self, item) -> datetime | None:
        return item[1]


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "pages": PageSitemap,
}

TEMPLATES = {"news": "sitemaps/news.xml"}


def index(request):
    """/sitemap.xml: every section, each with its latest change."""
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="sitemaps/index.xml",
        sitemap_url_name="sitemap-section",
    )


def section(request, section: str):
    """/sitemap-<section>.xml: one section (paginated with ?p= beyond 50,000 entries)."""
    return sitemap_views.sitemap(
        request,
        SITEMAPS,
        section=section,
        template_name=TEMPLATES.get(section, "sitemaps/section.xml"),
    )
