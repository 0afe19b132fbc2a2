"""RSS 2.0 and Atom 1.0 feeds, through Django's syndication framework."""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from articles.feeds.entries import FeedContext, FeedEntry
from articles.feeds.scope import resolve_scope
from newsroom.photos.renditions import AbsoluteImage

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


def media_attributes(image: AbsoluteImage) -> dict[str, str]:
    attributes = {"url": image.url, "type": image.mime_type, "medium": "image"}
    if image.width and image.height:
        attributes |= {"width": str(image.width), "height": str(image.height)}
    if image.size:
        attributes["fileSize"] = str(image.size)
    return {name: value for name, value in attributes.items() if value}


class ArticleFeed(Feed):
    """RSS 2.0 of the newest public articles in a scope: /news/feed/ and its kind, author and
    tag variants."""

    feed_type = NewsroomRss
    feed_format = "rss"
    language = settings.LANGUAGE_CODE

    def get_object(self, request, kind="", slug="", scope=""):
        return FeedContext(scope=resolve_scope(scope, kind=kind, slug=slug), request=request)

    def title(self, context: FeedContext) -> str:
        return context.title

    def description(self, context: FeedContext) -> str:
        return context.description

    def link(self, context: FeedContext) -> str:
        return context.absolute(context.scope.page_url)

    def feed_url(self, context: FeedContext) -> str:
        # The feed's own address as its scope names it, however the request spelt it.
        return context.absolute(context.scope.url(self.feed_format))

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
        if entry.image is None or not entry.image.size:
            return []
        return [Enclosure(entry.image.url, str(entry.image.size), entry.image.mime_type)]

    def item_extra_kwargs(self, entry: FeedEntry) -> dict:
        return {"entry": entry}


class ArticleAtomFeed(ArticleFeed):
    """Atom 1.0 of the same articles: /news/atom/ and its variants."""

    feed_type = NewsroomAtom
    feed_format = "atom"

    def subtitle(self, context: FeedContext) -> str:
        return context.description
