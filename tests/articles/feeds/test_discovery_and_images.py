"""Pages link their feeds; feeds carry the pieces' pictures."""

import json

import pytest

from tests.articles.feeds.reading import parse

pytestmark = pytest.mark.django_db


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
