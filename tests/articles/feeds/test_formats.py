"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: valid, complete and stable entries."""

import json
from datetime import UTC, datetime

import pytest

from articles.models import Article, Correction
from tests.articles.feeds.reading import JSON_FEEDS, XML_FEEDS, parse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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


def test_entries_list_their_topics_in_the_order_of_their_keys(client, op_ed):
    # The same topics, added in the other order: their keys, not the order they were added in.
    newer = ArticleFactory(headline="A newer piece", tag_names=["Culture", "Television"])
    in_key_order = [tag.name for tag in sorted(newer.tags.all(), key=lambda tag: tag.pk)]
    item = json.loads(client.get("/news/feed.json").content)["items"][0]
    entry = parse(client, "/news/atom/").entries[0]

    assert item["title"] == entry.title == "News: A newer piece"
    assert in_key_order == ["Television", "Culture"]
    assert item["tags"] == in_key_order
    assert [tag.term for tag in entry.tags] == in_key_order


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
