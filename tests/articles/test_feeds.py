"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of published articles, for all news and per scope."""

import json
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article, Correction
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def op_ed():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    marcus = AuthorFactory(name="Marcus Ellis", slug="marcus")
    article = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="What a TV show teaches us about work",
        slug="tv-show",
        dek="Our co-CEO on the show the whole office is watching.",
        introduction="<p>Dana wrote this for her LinkedIn.</p>",
        body='<p>The season ends well. <a href="/news/other/">Another piece</a>.</p>',
        published_at=datetime(2025, 1, 17, 14, 0, 30, 123456, tzinfo=UTC),
        origin_url="https://www.linkedin.com/pulse/tv-show-dana/",
        spoiler_warning="contains spoilers for season one",
        authors=[dana, marcus],
        tag_names=["Television", "Culture"],
    )
    return article


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return feedparser.parse(response.content)


@pytest.mark.parametrize("url", XML_FEEDS)
def test_every_xml_feed_parses_cleanly_with_the_article(client, op_ed, url):
    feed = parse(client, url)

    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [
        "Op-ed: What a TV show teaches us about work"
    ]
    assert feed.entries[0].link == "http://testserver/news/tv-show/"


def test_feeds_answer_with_their_content_types(client, op_ed):
    assert client.get("/news/feed/")["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert client.get("/news/atom/")["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert client.get("/news/feed.json")["Content-Type"] == "application/feed+json; charset=utf-8"


@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/"])
def test_xml_feeds_name_every_author_in_byline_order(client, op_ed, url):
    entry = parse(client, url).entries[0]

    assert [author["name"] for author in entry.authors] == ["Dana Whitfield", "Marcus Ellis"]


def test_atom_links_each_author_to_their_page(client, op_ed):
    entry = parse(client, "/news/atom/").entries[0]

    assert [author["href"] for author in entry.authors] == [
        "http://testserver/news/authors/dana/",
        "http://testserver/news/authors/marcus/",
    ]


@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/"])
def test_xml_feeds_carry_tags_summary_content_and_dates(client, op_ed, url):
    entry = parse(client, url).entries[0]

    assert sorted(tag.term for tag in entry.tags) == ["Culture", "Television"]
    assert entry.summary == (
        "(Warning: contains spoilers for season one) "
        "Our co-CEO on the show the whole office is watching."
    )
    content = entry.content[0].value
    assert content.index("(Warning: contains spoilers for season one)") < content.index(
        "Dana wrote this for her LinkedIn."
    )
    assert "The season ends well." in content
    assert "This piece was originally published on" in content
    assert entry.published_parsed[:6] == (2025, 1, 17, 14, 0, 30)


def test_an_entry_is_updated_by_a_correction_not_by_a_silent_edit(client, op_ed):
    Article.objects.filter(pk=op_ed.pk).update(updated_at=datetime(2025, 1, 20, tzinfo=UTC))
    assert parse(client, "/news/atom/").entries[0].updated_parsed[:6] == (2025, 1, 17, 14, 0, 30)

    Correction.objects.create(
        article=op_ed,
        published_at=datetime(2025, 2, 3, 8, 15, tzinfo=UTC),
        text="An earlier version gave the wrong season.",
    )

    entry = parse(client, "/news/atom/").entries[0]
    item = json.loads(client.get("/news/feed.json").content)["items"][0]
    assert entry.updated_parsed[:6] == (2025, 2, 3, 8, 15, 0)
    assert item["date_modified"] == "2025-02-03T08:15:00+00:00"


def test_atom_links_the_origin_of_a_cross_post(client, op_ed):
    entry = parse(client, "/news/atom/").entries[0]

    via = [link["href"] for link in entry.links if link["rel"] == "via"]
    assert via == ["https://www.linkedin.com/pulse/tv-show-dana/"]


@pytest.mark.parametrize(
    ("introduction", "says_below"),
    [("<p>Dana wrote this for her LinkedIn.</p>", True), ("", False), ("<p><em> </em></p>", False)],
)
def test_feed_content_says_read_below_only_after_an_introduction(
    client, op_ed, introduction, says_below
):
    Article.objects.filter(pk=op_ed.pk).update(introduction=introduction)

    content = parse(client, "/news/atom/").entries[0].content[0].value

    assert ("<p>Read the full piece below.</p>" in content) is says_below
    assert content.count("<p>") == content.count("</p>")


def test_feed_content_links_are_absolute(client, op_ed):
    content = parse(client, "/news/atom/").entries[0].content[0].value

    assert 'href="http://testserver/news/other/"' in content


def test_entry_ids_survive_a_change_of_slug_and_headline(client, op_ed):
    before = parse(client, "/news/atom/").entries[0].id
    op_ed.slug = "renamed"
    op_ed.headline = "A new headline"
    op_ed.save()

    after = parse(client, "/news/atom/").entries[0]

    assert after.id == before
    assert before.startswith("tag:testserver,")
    assert after.link == "http://testserver/news/renamed/"


# JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/


@pytest.mark.parametrize("url", JSON_FEEDS)
def test_json_feeds_have_every_field_the_spec_requires(client, op_ed, url):
    feed = json.loads(client.get(url).content)

    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert feed["feed_url"] == f"http://testserver{url}"
    assert feed["home_page_url"].startswith("http://testserver/news/")
    assert isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert item["id"]
        assert item.get("content_html") or item.get("content_text")
        for author in item["authors"]:
            assert author["name"]


def test_json_feed_item_carries_authors_tags_dates_and_origin(client, op_ed):
    item = json.loads(client.get("/news/feed.json").content)["items"][0]

    assert item["url"] == "http://testserver/news/tv-show/"
    assert item["title"] == "Op-ed: What a TV show teaches us about work"
    assert [author["name"] for author in item["authors"]] == ["Dana Whitfield", "Marcus Ellis"]
    assert item["authors"][0]["url"] == "http://testserver/news/authors/dana/"
    assert sorted(item["tags"]) == ["Culture", "Television"]
    assert item["date_published"] == "2025-01-17T14:00:30+00:00"
    assert datetime.fromisoformat(item["date_modified"]) >= datetime.fromisoformat(
        item["date_published"]
    )
    assert item["external_url"] == "https://www.linkedin.com/pulse/tv-show-dana/"
    assert item["summary"].startswith("(Warning: contains spoilers for season one)")


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


# Autodiscovery.


def alternate_links(html: str) -> list[str]:
    return [
        line.strip()
        for line in html.splitlines()
        if line.strip().startswith('<link rel="alternate"')
    ]


def test_every_page_links_the_site_wide_feeds(client, op_ed):
    html = client.get("/news/tv-show/").content.decode()

    assert alternate_links(html) == [
        '<link rel="alternate" type="application/rss+xml" title="Newsroom (RSS)" '
        'href="/news/feed/">',
        '<link rel="alternate" type="application/atom+xml" title="Newsroom (Atom)" '
        'href="/news/atom/">',
        '<link rel="alternate" type="application/feed+json" title="Newsroom (JSON Feed)" '
        'href="/news/feed.json">',
    ]


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/news/authors/dana/", "/news/feed/authors/dana/"),
        ("/news/tags/television/", "/news/atom/tags/television/"),
        ("/news/?kind=op-ed", "/news/feed/kinds/op-ed.json"),
        ("/news/?tag=culture", "/news/feed/tags/culture/"),
        ("/news/?author=marcus", "/news/atom/authors/marcus/"),
    ],
)
def test_listing_pages_link_their_own_feeds_first(client, op_ed, url, feed):
    links = alternate_links(client.get(url).content.decode())

    assert len(links) == 6
    assert any(f'href="{feed}"' in link for link in links[:3])
    assert 'href="/news/feed/"' in links[3]


def test_a_filter_that_shows_nothing_offers_no_feed_of_its_own(client, op_ed):
    links = alternate_links(client.get("/news/?kind=interview").content.decode())

    assert len(links) == 3


# Images.


@pytest.fixture
def pictured(make_upload):
    author = AuthorFactory(
        slug="ana", headshot=make_upload("ana.png", image_format="PNG", size=(300, 300))
    )
    return ArticleFactory(
        slug="pictured",
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
        authors=[author],
    )


def test_rss_encloses_the_featured_image_with_its_length_and_size(client, pictured):
    rendition = pictured.image.feed_image

    entry = parse(client, "/news/feed/").entries[0]

    (enclosure,) = entry.enclosures
    assert enclosure.href == f"http://testserver{rendition.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.size > 0
    assert rendition.width == 1200
    (media,) = entry.media_content
    assert media["url"] == enclosure.href
    assert (media["width"], media["height"]) == ("1200", "675")


def test_atom_and_json_feed_carry_the_image_and_author_avatars(client, pictured):
    entry = parse(client, "/news/atom/").entries[0]
    item = json.loads(client.get("/news/feed.json").content)["items"][0]

    image_url = f"http://testserver{pictured.image.feed_image.url}"
    assert [link["href"] for link in entry.links if link["rel"] == "enclosure"] == [image_url]
    assert item["image"] == image_url
    assert item["authors"][0]["avatar"].endswith("square192.png")
    assert item["authors"][0]["avatar"].startswith("http://testserver/media/renditions/")
