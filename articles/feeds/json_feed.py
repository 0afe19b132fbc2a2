"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the same entries as RSS and Atom."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.feedgenerator import rfc3339_date
from django.utils.http import http_date
from django.views import View

from articles.feeds.entries import FeedContext, FeedEntry
from articles.feeds.scope import resolve_scope

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


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
