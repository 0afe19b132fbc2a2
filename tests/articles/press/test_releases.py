"""A press release as readers and journalists get it: the "About" section it ends with, whom to
call, and structured data; and what the "About" paragraph is kept out of."""

import json
from html import escape

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, PressContact
from articles.press.contacts import CONTACT_ORDER
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.articles.seo.test_structured_data import head_tags
from tests.conftest import NOTHING_KEPT, image_bytes
from tests.factories import ArticleFactory, MediaKitItemFactory, PressContactFactory

pytestmark = pytest.mark.django_db

ABOUT = "<p>Northwind Labs builds software for people who do research outdoors.</p>"
OWN_ABOUT = "<p>Northwind Studios is the games arm of Northwind Labs.</p>"


@pytest.fixture
def about():
    SiteSettings(boilerplate=ABOUT).save()


def release(**fields) -> Article:
    fields = {"slug": "studio", "headline": "A second studio opens"} | fields
    return ArticleFactory(kind=Article.Kind.PRESS_RELEASE, **fields)


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_a_release_ends_its_text_with_the_about_section_then_its_contacts(client, about):
    PressContactFactory(
        name="Ruth Calloway",
        slug="ruth-calloway",
        email="ruth@northwind.example",
        phone="+44 20 7946 0123",
    )
    html = page(client, release(body="<p>The studio opens today.</p>"))

    assert html.index("The studio opens today.") < html.index('id="about-organisation"')
    shown = section(html, '<section class="about-organisation"', "</section>")
    assert '<h2 id="about-organisation">About Northwind Labs</h2>' in shown
    assert "builds software for people who do research outdoors" in shown
    contacts = section(html, '<aside class="media-contacts"', "</aside>")
    assert html.index('id="about-organisation"') < html.index('class="media-contacts"')
    assert '<h2 id="media-contacts-heading">Media contact</h2>' in contacts
    assert "Ruth Calloway" in contacts
    assert '<a href="mailto:ruth@northwind.example">ruth@northwind.example</a>' in contacts
    assert '<a href="tel:+442079460123">+44 20 7946 0123</a>' in contacts
    assert '<a href="/press/contacts/ruth-calloway.vcf" download>' in contacts


def test_a_release_may_replace_or_leave_out_the_about_paragraph(client, about):
    own = page(client, release(slug="own", boilerplate=OWN_ABOUT))
    left_out = page(client, release(slug="none", omit_boilerplate=True))

    assert "Northwind Studios is the games arm" in own
    assert "research outdoors" not in own
    assert 'id="about-organisation"' not in left_out
    assert "research outdoors" not in left_out


def test_other_kinds_show_no_about_section_and_no_contacts(client, about):
    PressContactFactory(name="Ruth Calloway")

    html = page(client, ArticleFactory(slug="news", boilerplate=OWN_ABOUT))

    assert "About Northwind Labs" not in html
    assert "Northwind Studios" not in html
    assert "Ruth Calloway" not in html
    assert "Media contact" not in html


def test_without_an_about_paragraph_or_contacts_a_release_shows_neither(client):
    html = page(client, release())

    assert 'id="about-organisation"' not in html
    assert "media-contacts" not in html


def test_two_contacts_are_media_contacts(client):
    PressContactFactory.create_batch(2)

    assert '<h2 id="media-contacts-heading">Media contacts</h2>' in page(client, release())


def test_a_release_is_a_news_article_whose_publisher_lists_its_contacts(client):
    ruth = PressContactFactory(
        name="Ruth Calloway", email="ruth@northwind.example", phone="+44 20 7946 0123"
    )
    PressContactFactory(name="Not on this one", phone="", email="other@northwind.example")
    piece = release()
    piece.press_contacts.add(ruth)

    data = head_tags(page(client, piece)).of_type("NewsArticle")

    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Northwind Labs"
    assert data["publisher"]["contactPoint"] == [
        {
            "@type": "ContactPoint",
            "contactType": "media relations",
            "name": "Ruth Calloway",
            "email": "ruth@northwind.example",
            "telephone": "+442079460123",
            "description": "Media contact for Product launches, Europe",
        }
    ]


def test_other_kinds_name_no_contact_point(client):
    PressContactFactory()

    data = head_tags(page(client, ArticleFactory(slug="news"))).of_type("NewsArticle")

    assert "contactPoint" not in data["publisher"]


# The "About" paragraph is the release's last section, never a description of it.

WORD = "Quillwort"


@pytest.fixture
def worded_about():
    SiteSettings(boilerplate=f"<p>{WORD} Labs makes field tools.</p>").save()


def test_the_about_paragraph_is_not_the_releases_description(client, worded_about):
    piece = release(dek="", body="<p>The studio opens today.</p>", boilerplate="")
    own = release(slug="own", dek="", body="<p>Text.</p>", boilerplate=f"<p>{WORD} own.</p>")

    for article in (piece, own):
        tags = head_tags(page(client, article))
        assert WORD not in tags.of_type("NewsArticle").get("description", "")
        assert all(WORD not in value for values in tags.meta.values() for value in values)
        assert WORD not in article.meta_description


@pytest.mark.parametrize("url", ["/news/feed/", "/news/atom/", "/news/feed/kinds/press-release/"])
def test_feeds_carry_the_release_without_its_about_paragraph(client, worded_about, url):
    release(dek="", body="<p>The studio opens today.</p>")
    release(slug="own", dek="", body="<p>Text.</p>", boilerplate=f"<p>{WORD} own.</p>")

    text = client.get(url).content.decode()
    entries = feedparser.parse(text).entries

    assert len(entries) == 2
    assert "The studio opens today." in text
    assert WORD not in text


def test_the_json_feed_carries_the_release_without_its_about_paragraph(client, worded_about):
    release(dek="", body="<p>The studio opens today.</p>", boilerplate=f"<p>{WORD} own.</p>")

    feed = json.loads(client.get("/news/feed.json").content)

    [item] = feed["items"]
    assert "The studio opens today." in item["content_html"]
    assert WORD not in json.dumps(feed)


def test_search_neither_finds_nor_quotes_the_about_paragraph(client, worded_about):
    piece = release(body="<p>The studio opens today.</p>", boilerplate=f"<p>{WORD} own.</p>")
    piece.refresh_from_db()

    assert WORD not in piece.search_text
    response = client.get("/news/search/", {"q": WORD})
    assert list(response.context["results"][:10]) == []
    found = client.get("/news/search/", {"q": "studio"})
    [result] = found.context["articles"]
    assert WORD not in result.snippet


def test_a_release_in_the_index_shows_its_card_without_the_about_paragraph(client, worded_about):
    release(dek="A second studio opens in Lisbon.", published_at=timezone.now())

    html = client.get("/news/").content.decode()

    assert "A second studio opens in Lisbon." in html
    assert WORD not in html


# Query budget: a release's contacts cost one query, however many there are.


@pytest.mark.parametrize("count", [1, 8])
def test_a_release_page_makes_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, count
):
    settings.PAGE_CACHE_SECONDS = 0
    piece = release()
    for _ in range(count):
        PressContactFactory()
        MediaKitItemFactory(article=piece, image=SimpleUploadedFile("p.png", image_bytes("PNG")))
    client.get(piece.get_absolute_url())
    pagecache.clear()
    schedule.next_publication()

    # the article's key and row, bylines, warnings, tags (none, so no related articles), its
    # media kit, its contacts, settings, navigation
    with django_assert_num_queries(9):
        html = page(client, piece)
    # the article's key: the rest is kept
    with django_assert_num_queries(1):
        assert page(client, piece) == html
    assert html.count('class="press-contact"') == count
    assert html.count('class="kit-item"') == count


# With a cache that keeps nothing, the release's row brings its contacts and its kit.


def fresh_and_kept(client, settings, article):
    """The release's page as kept, then made with nothing kept, with the second's queries."""
    kept = client.get(article.get_absolute_url())
    settings.CACHES = NOTHING_KEPT
    with CaptureQueriesContext(connection) as queries:
        fresh = client.get(article.get_absolute_url())
    assert fresh.status_code == kept.status_code == 200
    return fresh.content.decode(), kept.content.decode(), queries.captured_queries


def reads_of(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith(f'SELECT "{table}"')]


def test_with_nothing_kept_the_row_brings_the_contacts_and_kit_shown_as_kept(
    client, settings, make_upload
):
    """The contacts named (photo renditions included) and the kit's items, in their order, come
    with the release's row, and the page reads as the kept one."""
    ruth = PressContactFactory(name="Ruth Calloway", photo=make_upload("ruth.jpg", size=(400, 400)))
    omar = PressContactFactory(name="Omar Haddad", position=0)
    ruth.position = 1
    ruth.save()
    PressContactFactory(name="Default Only")  # a default, not shown beside chosen contacts
    piece = release()
    piece.press_contacts.add(ruth, omar)
    MediaKitItemFactory(article=piece, title="Second picture", position=1)
    MediaKitItemFactory(article=piece, title="First picture", position=0)

    fresh, kept, queries = fresh_and_kept(client, settings, piece)

    assert fresh == kept
    assert not reads_of(queries, "articles_presscontact")
    assert not reads_of(queries, "articles_mediakititem")
    ruth.refresh_from_db()
    assert ruth.photo_renditions["files"][0]["name"] in fresh
    assert "Default Only" not in fresh
    assert fresh.index("Omar Haddad") < fresh.index("Ruth Calloway")
    assert fresh.index("First picture") < fresh.index("Second picture")


def test_with_nothing_kept_a_release_naming_no_contact_shows_the_defaults_as_kept(client, settings):
    """The defaults, in the database's order of their names (its collation, not Python's)."""
    for name in ("zoë Quist", "Zoe Adler", "Émile Roux", "adam Brook", "Eric Moss"):
        PressContactFactory(name=name)
    PressContactFactory(name="Not For Releases", for_releases=False)
    in_database_order = list(
        PressContact.objects.filter(for_releases=True).order_by(*CONTACT_ORDER)
    )

    fresh, kept, queries = fresh_and_kept(client, settings, release())

    assert fresh == kept
    assert not reads_of(queries, "articles_presscontact")
    positions = [fresh.index(escape(contact.name)) for contact in in_database_order]
    assert positions == sorted(positions)
    assert "Not For Releases" not in fresh
    assert "media-kit" not in fresh


def test_with_nothing_kept_other_kinds_show_no_contacts(client, settings):
    PressContactFactory(name="Default Officer")

    fresh, kept, _ = fresh_and_kept(client, settings, ArticleFactory(slug="news"))

    assert fresh == kept
    assert "Default Officer" not in fresh
