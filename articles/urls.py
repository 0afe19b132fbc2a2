from django.urls import path, register_converter

from articles import feeds, views
from articles.embargo.views import EmbargoedArticleView, embargoed_kit_file, embargoed_kit_zip
from articles.filters import moved_author, moved_topic
from articles.press import views as press
from articles.views.preview_kit import preview_kit_file, preview_kit_zip
from newsroom.former_addresses import redirecting
from newsroom.pagecache import reader_download, reader_page


class UnicodeSlugConverter:
    """Slugs as taggit makes them: letters of any alphabet, digits, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "unicode_slug")

app_name = "articles"

# Reader pages and feeds are served from the page cache to anonymous visitors; previews and
# search results never are. All of them get ETags and 304s.
rss = reader_page(feeds.ArticleFeed())
atom = reader_page(feeds.ArticleAtomFeed())
json_feed = reader_page(feeds.JsonFeedView.as_view())
by_kind, by_author, by_tag = {"scope": "kind"}, {"scope": "author"}, {"scope": "tag"}


def at_author_slug(view):
    """A reader page or feed of one author: their former addresses answer 301 to it."""
    return reader_page(redirecting(view, finds=moved_author))


author_page = at_author_slug(views.AuthorArticlesView.as_view())
author_rss = at_author_slug(feeds.ArticleFeed())
author_atom = at_author_slug(feeds.ArticleAtomFeed())
author_json_feed = at_author_slug(feeds.JsonFeedView.as_view())


def at_topic_slug(view):
    """A reader page or feed of one topic: its former addresses answer 301 to it."""
    return reader_page(redirecting(view, finds=moved_topic))


topic_page = at_topic_slug(views.TagArticlesView.as_view())
topic_rss = at_topic_slug(feeds.ArticleFeed())
topic_atom = at_topic_slug(feeds.ArticleAtomFeed())
topic_json_feed = at_topic_slug(feeds.JsonFeedView.as_view())

urlpatterns = [
    path("", reader_page(views.ArticleIndexView.as_view()), name="index"),
    # Search results are rendered every time: each query is a page of its own.
    path("search/", views.SearchView.as_view(), name="search"),
    # Feeds: RSS under feed/, Atom under atom/, and JSON Feed at the RSS address with ".json"
    # in place of the final slash (/news/feed.json, /news/feed/tags/culture.json).
    path("feed/", rss, name="feed"),
    path("atom/", atom, name="atom"),
    path("feed.json", json_feed, name="feed-json"),
    path("feed/kinds/<slug:kind>/", rss, by_kind, name="kind-feed"),
    path("atom/kinds/<slug:kind>/", atom, by_kind, name="kind-atom"),
    path("feed/kinds/<slug:kind>.json", json_feed, by_kind, name="kind-feed-json"),
    path("feed/authors/<slug:slug>/", author_rss, by_author, name="author-feed"),
    path("atom/authors/<slug:slug>/", author_atom, by_author, name="author-atom"),
    path("feed/authors/<slug:slug>.json", author_json_feed, by_author, name="author-feed-json"),
    path("feed/tags/<unicode_slug:slug>/", topic_rss, by_tag, name="tag-feed"),
    path("atom/tags/<unicode_slug:slug>/", topic_atom, by_tag, name="tag-atom"),
    path("feed/tags/<unicode_slug:slug>.json", topic_json_feed, by_tag, name="tag-feed-json"),
    path("authors/<slug:slug>/", author_page, name="author"),
    path("tags/<unicode_slug:slug>/", topic_page, name="tag"),
    path("<slug:slug>/", reader_page(views.ArticleDetailView.as_view()), name="detail"),
    path("<slug:slug>/preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path(
        "<slug:slug>/embargoed/<str:token>/",
        EmbargoedArticleView.as_view(),
        name="embargoed",
    ),
    # A release's media kit: public with the release, or at a journalist's or reviewer's link
    # before.
    path("<slug:slug>/media-kit.zip", reader_download(press.release_kit_zip), name="kit-zip"),
    path(
        "<slug:slug>/media-kit/<int:pk>/<slug:variant>/",
        reader_download(press.release_kit_file),
        name="kit-file",
    ),
    path(
        "<slug:slug>/embargoed/<str:token>/media-kit.zip",
        embargoed_kit_zip,
        name="embargoed-kit-zip",
    ),
    path(
        "<slug:slug>/embargoed/<str:token>/media-kit/<int:pk>/<slug:variant>/",
        embargoed_kit_file,
        name="embargoed-kit-file",
    ),
    path("<slug:slug>/preview/<str:token>/media-kit.zip", preview_kit_zip, name="preview-kit-zip"),
    path(
        "<slug:slug>/preview/<str:token>/media-kit/<int:pk>/<slug:variant>/",
        preview_kit_file,
        name="preview-kit-file",
    ),
]
