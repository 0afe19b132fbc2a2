"""Which articles a feed carries, and where its feeds and its HTML page are."""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from taggit.models import Tag

from articles.cache_tags import NEWS, article_tags, author_tag, kind_tag, tag_tag
from articles.filters import public_author, public_topic
from articles.models import SEARCH_FIELDS, Article, Author, prefetch_parts
from newsroom import pagecache
from newsroom.addresses import address

FEED_LENGTH = 30

KIND_PLURALS = {
    Article.Kind.NEWS: "News",
    Article.Kind.OP_ED: "Op-eds",
    Article.Kind.PRESS_RELEASE: "Press releases",
    Article.Kind.ANNOUNCEMENT: "Announcements",
    Article.Kind.FEATURE: "Features",
    Article.Kind.INTERVIEW: "Interviews",
}


@dataclass(frozen=True)
class FeedScope:
    """Which articles a feed carries: all news, or those of one kind, author or tag."""

    kind: str = ""
    author: Author | None = None
    tag: Tag | None = None

    @classmethod
    def resolve(cls, *, kind: str = "", author: str = "", tag: str = "") -> "FeedScope":
        """The scope named by a feed URL's arguments; 404 for what has no public articles."""
        if kind:
            # Kinds are lower case; "OP-ED" typed or shared means "op-ed", as a capitalised
            # author's or topic's address means theirs (`articles.filters._by_slug`).
            if (kind := kind.lower()) not in Article.Kind.values:
                raise Http404("No such kind of article.")
            return cls(kind=kind)
        if author:
            if (found_author := public_author(author)) is None:
                raise Http404("No author with public articles has this address.")
            return cls(author=found_author)
        if tag:
            if (found_tag := public_topic(tag)) is None:
                raise Http404("No topic with public articles has this address.")
            return cls(tag=found_tag)
        return cls()

    @property
    def is_everything(self) -> bool:
        return not (self.kind or self.author or self.tag)

    @property
    def label(self) -> str:
        """What the scope is about: "Op-eds", "Dana Whitfield", "Television"; "" for all news."""
        if self.kind:
            return KIND_PLURALS[self.kind]
        if self.author:
            return self.author.name
        if self.tag:
            return self.tag.name
        return ""

    def title(self, site_name: str) -> str:
        """The name readers see for their subscription: the site's, scoped when narrower."""
        return f"{self.label} · {site_name}" if self.label else site_name

    def articles(self) -> list[Article]:
        """The newest public articles in scope, with everything an entry shows: fixed queries."""
        articles = Article.objects.published().defer(*SEARCH_FIELDS)
        if self.kind:
            articles = articles.filter(kind=self.kind)
        elif self.author:
            articles = articles.filter(bylines__author=self.author)
        elif self.tag:
            articles = articles.filter(tags=self.tag)
        found = list(articles[:FEED_LENGTH])
        prefetch_parts(found)
        pagecache.shows(*self.cache_tags, *article_tags(article.pk for article in found))
        return found

    @property
    def cache_tags(self) -> list[str]:
        """The listing this scope is, as page-cache tags (see `articles.caching`)."""
        if self.kind:
            return [kind_tag(self.kind)]
        if self.author:
            return [author_tag(self.author.pk)]
        if self.tag:
            return [tag_tag(self.tag.pk)]
        return [NEWS]

    @property
    def page_url(self) -> str:
        """The HTML page showing the same articles."""
        if self.author:
            return self.author.get_absolute_url()
        if self.tag:
            return address("articles:tag", self.tag.slug)
        index = address("articles:index")
        return f"{index}?{urlencode({'kind': self.kind})}" if self.kind else index

    def url(self, feed_format: str) -> str:
        """This scope's feed in `feed_format`: "rss", "atom" or "json"."""
        name = {"rss": "feed", "atom": "atom", "json": "feed-json"}[feed_format]
        if self.kind:
            return reverse(f"articles:kind-{name}", kwargs={"kind": self.kind})
        if self.author:
            return address(f"articles:author-{name}", self.author.slug)
        if self.tag:
            return address(f"articles:tag-{name}", self.tag.slug)
        return address(f"articles:{name}")

    @property
    def rss_url(self) -> str:
        return self.url("rss")

    @property
    def atom_url(self) -> str:
        return self.url("atom")

    @property
    def json_url(self) -> str:
        return self.url("json")


def resolve_scope(scope: str, *, kind: str = "", slug: str = "") -> FeedScope:
    if scope == "author":
        return FeedScope.resolve(author=slug)
    if scope == "tag":
        return FeedScope.resolve(tag=slug)
    return FeedScope.resolve(kind=kind)
