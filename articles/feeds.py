"""Feeds of published articles: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Each format is offered for all news and for one kind, author or tag (a `FeedScope`). The entries
are built once, in `feed_entries`, and each format only writes them out, so the three always
agree: every author in byline order, tags as categories, the featured image, the warning before
anything else, spoiler passages replaced by "[spoiler]" (feed readers run no CSS to hide them),
and, for pieces held behind their warning, the warning and a link instead of the text. Text is
written without control characters, which XML cannot carry, even from rows saved around `save()`.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import http_date, urlencode
from django.views import View
from taggit.models import Tag

from articles.models import SEARCH_FIELDS, Article, Author, Byline
from articles.spoilers import warned_description
from newsroom.models import SiteSettings
from newsroom.richtext import strip_spoilers
from newsroom.text import strip_control_characters

FEED_LENGTH = 30
AVATAR_SIZE = 192
SPOILER_PLACEHOLDER = "[spoiler]"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

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
            if kind not in Article.Kind.values:
                raise Http404("No such kind of article.")
            return cls(kind=kind)
        if author:
            public_byline = Byline.objects.filter(
                author=OuterRef("pk"), article__in=Article.objects.published()
            )
            found = Author.objects.filter(Exists(public_byline), slug=author).first()
            if found is None:
                raise Http404("No author with public articles has this address.")
            return cls(author=found)
        if tag:
            public = Article.objects.published().filter(tags=OuterRef("pk"))
            found = Tag.objects.filter(Exists(public), slug=tag).first()
            if found is None:
                raise Http404("No topic with public articles has this address.")
            return cls(tag=found)
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
        articles = (
            Article.objects.published()
            .defer(*SEARCH_FIELDS)
            .with_bylines()
            .prefetch_related("tags")
        )
        if self.kind:
            articles = articles.filter(kind=self.kind)
        elif self.author:
            articles = articles.filter(bylines__author=self.author)
        elif self.tag:
            articles = articles.filter(tags=self.tag)
        return list(articles[:FEED_LENGTH])

    @property
    def page_url(self) -> str:
        """The HTML page showing the same articles."""
        if self.author:
            return self.author.get_absolute_url()
        if self.tag:
            return reverse("articles:tag", kwargs={"slug": self.tag.slug})
        index = reverse("articles:index")
        return f"{index}?{urlencode({'kind': self.kind})}" if self.kind else index

    def url(self, feed_format: str) -> str:
        """This scope's feed in `feed_format`: "rss", "atom" or "json"."""
        name = {"rss": "feed", "atom": "atom", "json": "feed-json"}[feed_format]
        if self.kind:
            return reverse(f"articles:kind-{name}", kwargs={"kind": self.kind})
        if self.author:
            return reverse(f"articles:author-{name}", kwargs={"slug": self.author.slug})
        if self.tag:
            return reverse(f"articles:tag-{name}", kwargs={"slug": self.tag.slug})
        return reverse(f"articles:{name}")

    @property
    def rss_url(self) -> str:
        return self.url("rss")

    @property
    def atom_url(self) -> str:
        return self.url("atom")

    @property
    def json_url(self) -> str:
        return self.url("json")


@dataclass(frozen=True)
class FeedImage:
    url: str
    mime_type: str
    width: int | None = None
    height: int | None = None
    length: int = 0


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str
    avatar: str = ""


@dataclass(frozen=True)
class FeedEntry:
    """One article as every feed format shows it; URLs are absolute."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    authors: list[FeedAuthor]
    tags: list[str]
    image: FeedImage | None = None
    external_url: str = ""


@dataclass
class FeedContext:
    """A feed about to be written: the scope, the site's name and the request's address."""

    scope: FeedScope
    request: object
    settings: SiteSettings = field(default_factory=SiteSettings.load)

    @property
    def site_name(self) -> str:
        return strip_control_characters(self.settings.site_name)

    @property
    def title(self) -> str:
        return strip_control_characters(self.scope.title(self.site_name))

    @property
    def description(self) -> str:
        return strip_control_characters(self._description())

    def _description(self) -> str:
        scope = self.scope
        if scope.kind:
            return f"{scope.label} from {self.site_name}."
        if scope.author:
            title = f", {scope.author.title_line}" if scope.author.title_line else ""
            return f"Articles by {scope.author.name}{title}, from {self.site_name}."
        if scope.tag:
            return f"Articles about {scope.tag.name} from {self.site_name}."
        return (
            self.settings.news_description
            or self.settings.news_introduction
            or f"The newest articles from {self.site_name}."
        )

    def absolute(self, location: str) -> str:
        return self.request.build_absolute_uri(location)

    @cached_property
    def entries(self) -> list[FeedEntry]:
        return [self.entry(article) for article in self.scope.articles()]

    def entry(self, article: Article) -> FeedEntry:
        url = self.absolute(article.get_absolute_url())
        return FeedEntry(
            id=self.entry_id(article),
            url=url,
            title=strip_control_characters(f"{article.kind_label}: {article.headline}"),
            summary=strip_control_characters(warned_description(article)),
            content_html=strip_control_characters(self.content_html(article, url=url)),
            published=article.published_at.replace(microsecond=0),
            updated=article.date_modified.replace(microsecond=0),
            authors=[self.author(byline.author) for byline in article.ordered_bylines],
            tags=[strip_control_characters(tag.name) for tag in article.tags.all()],
            image=self.image(article),
            external_url=strip_control_characters(article.origin_url),
        )

    def author(self, author: Author) -> FeedAuthor:
        avatar = ""
        if author.headshot and author.headshot_images.ready:
            avatar = self.absolute(author.headshot_images.square_src(AVATAR_SIZE))
        return FeedAuthor(
            name=strip_control_characters(author.name),
            url=self.absolute(author.get_absolute_url()),
            avatar=avatar,
        )

    def image(self, article: Article) -> FeedImage | None:
        """The featured image as a large rendition, with the byte count enclosures need."""
        if not article.featured_image:
            return None
        rendition = article.image.feed_image
        if rendition is None:
            original = article.featured_image
            return FeedImage(
                url=self.absolute(original.url),
                mime_type=mimetypes.guess_type(original.name)[0] or "image/jpeg",
                width=article.featured_image_width,
                height=article.featured_image_height,
            )
        return FeedImage(
            url=self.absolute(rendition.url),
            mime_type=rendition.mime_type,
            width=rendition.width,
            height=rendition.height,
            length=rendition.size,
        )

    def entry_id(self, article: Article) -> str:
        """A tag URI that stays the same when the headline, slug or publication time change."""
        host = self.request.get_host().partition(":")[0]
        return f"tag:{host},{article.created_at:%Y-%m-%d}:article:{article.pk}"

    def content_html(self, article: Article, *, url: str) -> str:
        held = article.holds_text_back
        html = render_to_string(
            "articles/feed_content.html",
            {
                "article": article,
                "url": url,
                "site_name": self.site_name,
                "held": held,
                "introduction": "" if held else self.readable(article.introduction, url),
                "body": "" if held else self.readable(article.body, url),
            },
        )
        return html.strip()

    @staticmethod
    def readable(html: str, base_url: str) -> str:
        """Rich text fit for a feed reader: spoilers replaced, links absolute."""
        return absolute_links(strip_spoilers(html, placeholder=SPOILER_PLACEHOLDER), base_url)


_HREF = re.compile(r'\shref="([^"]*)"')


def absolute_links(html: str, base_url: str) -> str:
    """Sanitised HTML with every link made absolute against `base_url`.

    Sanitised rich text always quotes attribute values with double quotes, so a pattern is
    enough to find them.
    """
    return _HREF.sub(lambda match: f' href="{urljoin(base_url, match.group(1))}"', html)


# RSS 2.0 and Atom 1.0, through Django's syndication framework.

DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"


class NewsroomRss(Rss201rev2Feed):
    """RSS 2.0 with one `dc:creator` per author, full text in `content:encoded`, and Media RSS.

    RSS's own `<author>` holds a single e-mail address, so authors are named the way most feeds
    and readers do it instead.
    """

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC,
            "xmlns:content": CONTENT,
            "xmlns:media": MEDIA,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        entry: FeedEntry = item["entry"]
        for author in entry.authors:
            handler.addQuickElement("dc:creator", author.name)
        handler.addQuickElement("content:encoded", entry.content_html)
        if entry.image:
            handler.addQuickElement("media:content", None, media_attributes(entry.image))


class NewsroomAtom(Atom1Feed):
    """Atom 1.0 with every author, the full text as `<content>` and the origin as a `via` link."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        entry: FeedEntry = item["entry"]
        for author in entry.authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        handler.addQuickElement("content", entry.content_html, {"type": "html"})
        if entry.external_url:
            handler.addQuickElement("link", "", {"rel": "via", "href": entry.external_url})


def media_attributes(image: FeedImage) -> dict[str, str]:
    attributes = {"url": image.url, "type": image.mime_type, "medium": "image"}
    if image.width and image.height:
        attributes |= {"width": str(image.width), "height": str(image.height)}
    if image.length:
        attributes["fileSize"] = str(image.length)
    return attributes


class ArticleFeed(Feed):
    """RSS 2.0 of the newest public articles in a scope: /news/feed/ and its kind, author and
    tag variants."""

    feed_type = NewsroomRss
    language = settings.LANGUAGE_CODE

    def get_object(self, request, kind="", slug="", scope=""):
        return FeedContext(scope=resolve_scope(scope, kind=kind, slug=slug), request=request)

    def title(self, context: FeedContext) -> str:
        return context.title

    def description(self, context: FeedContext) -> str:
        return context.description

    def link(self, context: FeedContext) -> str:
        return context.absolute(context.scope.page_url)

    def author_name(self, context: FeedContext) -> str:
        return context.site_name

    def items(self, context: FeedContext) -> list[FeedEntry]:
        return context.entries

    def item_title(self, entry: FeedEntry) -> str:
        return entry.title

    def item_description(self, entry: FeedEntry) -> str:
        return escape(entry.summary)

    def item_link(self, entry: FeedEntry) -> str:
        return entry.url

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.id

    def item_guid_is_permalink(self, entry: FeedEntry) -> bool:
        return False

    def item_pubdate(self, entry: FeedEntry) -> datetime:
        return entry.published

    def item_updateddate(self, entry: FeedEntry) -> datetime:
        return entry.updated

    def item_categories(self, entry: FeedEntry) -> list[str]:
        return entry.tags

    def item_enclosures(self, entry: FeedEntry) -> list[Enclosure]:
        # RSS requires the length; an image without renditions is only in media:content.
        if entry.image is None or not entry.image.length:
            return []
        return [Enclosure(entry.image.url, str(entry.image.length), entry.image.mime_type)]

    def item_extra_kwargs(self, entry: FeedEntry) -> dict:
        return {"entry": entry}


class ArticleAtomFeed(ArticleFeed):
    """Atom 1.0 of the same articles: /news/atom/ and its variants."""

    feed_type = NewsroomAtom

    def subtitle(self, context: FeedContext) -> str:
        return context.description


def resolve_scope(scope: str, *, kind: str = "", slug: str = "") -> FeedScope:
    if scope == "author":
        return FeedScope.resolve(author=slug)
    if scope == "tag":
        return FeedScope.resolve(tag=slug)
    return FeedScope.resolve(kind=kind)


# JSON Feed 1.1.


class JsonFeedView(View):
    """JSON Feed 1.1 of the same articles: /news/feed.json and its variants."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, scope="", kind="", slug=""):
        context = FeedContext(scope=resolve_scope(scope, kind=kind, slug=slug), request=request)
        response = JsonResponse(
            json_feed(context),
            content_type="application/feed+json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
        if context.entries:
            latest = max(entry.updated for entry in context.entries)
            response.headers["Last-Modified"] = http_date(latest.timestamp())
        return response


def json_feed(context: FeedContext) -> dict:
    """The feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    return {
        "version": JSON_FEED_VERSION,
        "title": context.title,
        "home_page_url": context.absolute(context.scope.page_url),
        "feed_url": context.absolute(context.scope.json_url),
        "description": context.description,
        "language": settings.LANGUAGE_CODE,
        "authors": [{"name": context.site_name}],
        "items": [json_item(entry) for entry in context.entries],
    }


def json_item(entry: FeedEntry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": rfc3339_date(entry.published),
        "date_modified": rfc3339_date(entry.updated),
        "authors": [
            {"name": author.name, "url": author.url}
            | ({"avatar": author.avatar} if author.avatar else {})
            for author in entry.authors
        ],
        "tags": entry.tags,
    }
    if entry.external_url:
        item["external_url"] = entry.external_url
    if entry.image:
        item["image"] = entry.image.url
    return item
