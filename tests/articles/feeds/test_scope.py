"""What each feed holds, and what no feed ever carries; queries per feed."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.articles.feeds.reading import ALL_FEEDS, parse
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


# What each feed holds.


def test_feeds_hold_only_what_their_scope_names(client, op_ed):
    ArticleFactory(headline="Plain news", tag_names=["Finance"])

    assert len(parse(client, "/news/feed/").entries) == 2
    assert len(parse(client, "/news/feed/kinds/op-ed/").entries) == 1
    assert len(parse(client, "/news/feed/kinds/news/").entries) == 1
    assert len(parse(client, "/news/atom/authors/marcus/").entries) == 1
    assert len(parse(client, "/news/atom/tags/finance/").entries) == 1
    assert len(json.loads(client.get("/news/feed/tags/culture.json").content)["items"]) == 1


def test_feeds_are_titled_after_the_site_and_their_scope(client, op_ed):
    assert parse(client, "/news/feed/").feed.title == "Newsroom"
    assert parse(client, "/news/feed/kinds/op-ed/").feed.title == "Op-eds · Newsroom"
    assert parse(client, "/news/atom/authors/dana/").feed.title == "Dana Whitfield · Newsroom"
    feed = json.loads(client.get("/news/feed/tags/television.json").content)
    assert feed["title"] == "Television · Newsroom"
    assert feed["home_page_url"] == "http://testserver/news/tags/television/"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/news/feed/kinds/OP-ED/", "/news/feed/kinds/op-ed/"),
        ("/news/atom/kinds/Op-Ed/", "/news/atom/kinds/op-ed/"),
        ("/news/feed/kinds/NEWS.json", "/news/feed/kinds/news.json"),
        ("/news/atom/authors/Dana/", "/news/atom/authors/dana/"),
        ("/news/feed/tags/TELEVISION/", "/news/feed/tags/television/"),
    ],
)
def test_a_feed_address_typed_in_capitals_is_its_feed(client, op_ed, url, canonical):
    # Kinds and slugs are lower case; an address typed or shared as "OP-ED" means the same,
    # and the feed names itself at its own address.
    ArticleFactory(headline="Plain news")

    response = client.get(url)

    assert response.status_code == 200, url
    assert response.content == client.get(canonical).content


@pytest.mark.parametrize(
    "url",
    [
        "/news/feed/kinds/gossip/",
        "/news/atom/kinds/gossip/",
        "/news/feed/kinds/gossip.json",
        "/news/feed/authors/nobody/",
        "/news/feed/authors/drafter/",
        "/news/atom/tags/nothing/",
        "/news/feed/tags/secret.json",
    ],
)
def test_a_scope_without_public_articles_has_no_feed(client, url):
    ArticleFactory(status="draft", authors=[AuthorFactory(slug="drafter")], tag_names=["Secret"])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft"},
        {"status": "in-review"},
        {"status": "unpublished"},
        {"published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_no_feed_carries_an_article_readers_may_not_see(client, op_ed, fields):
    ArticleFactory(
        headline="Secret headline",
        kind=Article.Kind.OP_ED,
        authors=[op_ed.lead_author],
        tag_names=["Television"],
        **fields,
    )

    for url in ALL_FEEDS:
        assert "Secret headline" not in client.get(url).content.decode(), url


def test_a_held_back_piece_shows_its_warning_and_a_link_but_no_text(client):
    ArticleFactory(
        slug="held",
        dek="",
        body="<p>What happens to the crew in the finale.</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale in detail",
    )

    entry = parse(client, "/news/atom/").entries[0]

    content = entry.content[0].value
    assert "(Warning: discusses the finale in detail)" in content
    assert 'href="http://testserver/news/held/"' in content
    assert "crew" not in content
    assert entry.summary == "(Warning: discusses the finale in detail)"


def test_inline_spoilers_are_replaced_by_a_placeholder(client):
    ArticleFactory(
        body='<p>It ends when <span class="spoiler">the ferry sinks</span>, and it works.</p>'
    )

    item = json.loads(client.get("/news/feed.json").content)["items"][0]

    assert "<p>It ends when [spoiler], and it works.</p>" in item["content_html"]
    assert "ferry" not in item["content_html"]


def test_feeds_list_the_newest_thirty_articles(client):
    now = timezone.now()
    for hours in range(32):
        ArticleFactory(headline=f"Piece {hours}", published_at=now - timedelta(hours=hours + 1))

    entries = parse(client, "/news/feed/").entries

    assert len(entries) == 30
    assert entries[0].title == "News: Piece 0"
    assert entries[-1].title == "News: Piece 29"


def test_an_empty_feed_is_still_a_valid_feed(client):
    for url in ["/news/feed/", "/news/atom/"]:
        feed = parse(client, url)
        assert not feed.bozo
        assert feed.entries == []
    assert json.loads(client.get("/news/feed.json").content)["items"] == []


# feed, articles, their bylines, warnings and tags (the site's settings are kept in the cache)
FEED_QUERIES = 4
# plus the author or tag the feed is about
SCOPED_FEED_QUERIES = 5


@pytest.mark.parametrize("count", [1, 30])
def test_feed_query_counts_do_not_grow_with_articles(client, django_assert_num_queries, count):
    authors = AuthorFactory.create_batch(3)
    for _ in range(count):
        ArticleFactory(authors=authors, tag_names=["Culture", "Product"], spoiler_warning="x")
    author_url = authors[0].get_absolute_url().replace("/news/authors/", "/news/feed/authors/")
    schedule.next_publication()  # found once per change, before any page: not the feed's own
    SiteSettings.current()  # likewise

    for url in ["/news/feed/", "/news/atom/", "/news/feed.json"]:
        with django_assert_num_queries(FEED_QUERIES):
            client.get(url)
    for url in [author_url, "/news/atom/tags/culture/", "/news/feed/tags/culture.json"]:
        with django_assert_num_queries(SCOPED_FEED_QUERIES):
            client.get(url)
