"""Sitemaps of the News section: articles, authors and tags, and a Google News sitemap.

Articles listed are public and canonical here (`published().indexable()`); author and tag
pages appear while they exist, that is while they have a public article. `lastmod` and each
section's latest date come from the database in one query, never by loading every row.
`register_sitemaps` adds them, and the news index, to the site's sitemap index.

A piece leaves the Google News sitemap two days after its publication, which nothing announces:
that moment is on the page cache's schedule (`articles.caching.next_change_after`), as a
scheduled piece's time is, so no cache (the app's, a browser's, the edge) keeps it past then.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Case, Exists, F, Max, OuterRef, Subquery, When
from django.db.models.functions import Greatest, Now
from django.urls import reverse
from taggit.models import Tag

from articles.cache_tags import AUTHORS, NEWS, NEWS_SITEMAP, TOPICS
from articles.models import Article, Author
from newsroom import pagecache
from newsroom.addresses import address
from newsroom.models import SiteSettings
from newsroom.sitemaps import register_page, register_section
from newsroom.text import strip_control_characters

# Google News lists articles of the last two days, at most a thousand per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


def _changed():
    """An article's `last_modified` in SQL. A missing correction time, or one still to come
    (`date_modified`), counts as the publication time, as GREATEST with a NULL is NULL on some
    databases."""
    corrected = Case(
        When(corrected_at__lte=Now(), then=F("corrected_at")), default=F("published_at")
    )
    return Greatest("published_at", "updated_at", corrected)


def latest_change(articles) -> datetime | None:
    """When the newest change among `articles` happened: publication, edit or correction."""
    pagecache.shows(NEWS)
    return articles.aggregate(latest=Max(_changed()))["latest"]


def _latest_change_of(articles):
    """A subquery: the latest change among `articles`, for annotating authors and tags."""
    return Subquery(
        articles.annotate(changed=_changed()).order_by("-changed").values("changed")[:1]
    )


class ArticleSitemap(Sitemap):
    def items(self):
        pagecache.shows(NEWS)
        return (
            Article.objects.published()
            .indexable()
            .only("slug", "published_at", "updated_at", "corrected_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article) -> datetime:
        return article.last_modified

    def get_latest_lastmod(self) -> datetime | None:
        return latest_change(Article.objects.published().indexable())


class NewsSitemap(ArticleSitemap):
    """Articles of the last two days with the `news:` details Google News reads."""

    limit = NEWS_LIMIT

    def items(self):
        pagecache.shows(NEWS_SITEMAP)
        recent = super().items().filter(published_at__gte=Now() - NEWS_WINDOW)
        return recent.only("slug", "headline", "published_at", "updated_at", "corrected_at")[
            :NEWS_LIMIT
        ]

    def get_latest_lastmod(self) -> datetime | None:
        pagecache.shows(NEWS_SITEMAP)
        return latest_change(
            Article.objects.published().indexable().filter(published_at__gte=Now() - NEWS_WINDOW)
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # Text is written without control characters: rows saved around `save()` may hold them.
        publication = {
            "name": strip_control_characters(SiteSettings.current().site_name),
            "language": settings.LANGUAGE_CODE.split("-")[0],
        }
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication"] = publication
            url["title"] = strip_control_characters(url["item"].headline)
        return urls


class AuthorSitemap(Sitemap):
    """Author pages: there while the author has a public article."""

    def items(self):
        # Any author's edit may move an entry to another page (a new slug) or date the section
        # anew (the index's date).
        pagecache.shows(NEWS, AUTHORS)
        public = Article.objects.published().filter(bylines__author=OuterRef("pk"))
        return (
            Author.objects.filter(Exists(public))
            .annotate(changed=Greatest("updated_at", _latest_change_of(public)))
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, author: Author) -> datetime:
        return author.changed

    def get_latest_lastmod(self) -> datetime | None:
        return self.items().aggregate(latest=Max("changed"))["latest"]


class TagSitemap(Sitemap):
    """Tag pages: there while the tag has a public article."""

    def items(self):
        pagecache.shows(NEWS, TOPICS)  # a topic's new slug may move it to another page
        public = Article.objects.published().filter(tags=OuterRef("pk"))
        return (
            Tag.objects.filter(Exists(public))
            .annotate(changed=_latest_change_of(public))
            .order_by("slug")
        )

    def location(self, tag: Tag) -> str:
        return address("articles:tag", tag.slug)

    def lastmod(self, tag: Tag) -> datetime:
        return tag.changed

    def get_latest_lastmod(self) -> datetime | None:
        return self.items().aggregate(latest=Max("changed"))["latest"]


def news_index() -> tuple[str, datetime | None]:
    """The news index as the site's pages sitemap lists it: its address and latest change."""
    return reverse("articles:index"), latest_change(Article.objects.published())


def register_sitemaps() -> None:
    """Add the News section's sitemaps and its index page to the site's sitemap index."""
    register_section("articles", ArticleSitemap)
    register_section("news", NewsSitemap, template="sitemaps/news.xml", in_robots_txt=True)
    register_section("authors", AuthorSitemap)
    register_section("tags", TagSitemap)
    register_page(news_index)
