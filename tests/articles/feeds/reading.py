"""The feeds' addresses, and reading one as a feed reader does."""

import feedparser

XML_FEEDS = [
    "/news/feed/",
    "/news/atom/",
    "/news/feed/kinds/op-ed/",
    "/news/atom/kinds/op-ed/",
    "/news/feed/authors/dana/",
    "/news/atom/authors/dana/",
    "/news/feed/tags/television/",
    "/news/atom/tags/television/",
]
JSON_FEEDS = [
    "/news/feed.json",
    "/news/feed/kinds/op-ed.json",
    "/news/feed/authors/dana.json",
    "/news/feed/tags/television.json",
]
ALL_FEEDS = XML_FEEDS + JSON_FEEDS


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return feedparser.parse(response.content)
