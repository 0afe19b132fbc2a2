"""Feeds of published articles: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Each format is offered for all news and for one kind, author or tag (a `FeedScope`). The entries
are built once, by `FeedContext`, and each format only writes them out, so the three always
agree: every author in byline order, tags as categories, the featured image, the warning before
anything else, spoiler passages replaced by "[spoiler]" (feed readers run no CSS to hide them),
and, for pieces held behind their warning, the warning and a link instead of the text. Text is
written without control characters, which XML cannot carry, even from rows saved around `save()`.

- `scope`: `FeedScope`, which articles a feed carries and where its feeds and page are.
- `entries`: `FeedContext` and `FeedEntry`, what every format writes out.
- `syndication`: RSS and Atom, through Django's syndication framework.
- `json_feed`: JSON Feed.
"""

from articles.feeds.json_feed import JsonFeedView
from articles.feeds.scope import FeedScope
from articles.feeds.syndication import ArticleAtomFeed, ArticleFeed

__all__ = ["ArticleAtomFeed", "ArticleFeed", "FeedScope", "JsonFeedView"]
