"""Control characters pasted into text (U+000B from Word, U+0001) never reach a feed or sitemap.

They are stripped when anything is saved, and stripped again on the way out for rows written
around `save()` (`QuerySet.update()`, older data).
"""

import json
import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest

from articles.models import Article, Author, ContentWarning, Correction
from newsroom.models import SitePage, SiteSettings
from newsroom.text import strip_control_characters
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

# Word's manual line break (U+000B) and a start-of-heading byte (U+0001).
PASTED = "Big\x0bnews\x01 today"
STORED = "Big news today"
XML_FEEDS = ["/news/feed/", "/news/atom/"]
FORBIDDEN = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]


def has_control_characters(text: str) -> bool:
    return any(char in text for char in FORBIDDEN)


def test_stripping_removes_c0_controls_and_keeps_tab_newline_and_carriage_return():
    assert strip_control_characters("a\x00b\x01c\x08d\x1fe") == "abcde"
    assert strip_control_characters("line\x0bbreak\x0cpage") == "line break page"
    assert strip_control_characters("keep\tthe\nlayout\r\n") == "keep\tthe\nlayout\r\n"
    assert strip_control_characters("") == ""


def test_stripping_removes_what_xml_cannot_carry_and_open_direction_controls_across_unicode():
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    forbidden = {*range(0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF} - {0x09, 0x0A, 0x0D}
    forbidden |= {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    expected = "".join(
        " " if code in (0x0B, 0x0C) else chr(code)
        for code in range(sys.maxunicode + 1)
        if code not in forbidden or code in (0x0B, 0x0C)
    )

    assert strip_control_characters(every_character) == expected
    assert strip_control_characters("text that needs nothing removed — café") == (
        "text that needs nothing removed — café"
    )


def test_an_article_saved_with_control_characters_stores_them_stripped():
    article = ArticleFactory(
        headline=PASTED,
        dek="A dek\x0bwith\x01 breaks.\tTabbed.",
        body=f"<p>{PASTED}</p>\n<p>Second\x01 paragraph.</p>",
        introduction="<p>An\x0bintroduction.</p>",
        featured_image_caption="Caption\x01",
    )

    article.refresh_from_db()
    assert article.headline == STORED
    assert article.dek == "A dek with breaks.\tTabbed."
    assert article.body == f"<p>{STORED}</p>\n<p>Second paragraph.</p>"
    assert article.introduction == "<p>An introduction.</p>"
    assert article.featured_image_caption == "Caption"


def test_a_nul_character_is_stripped_before_the_database_sees_it():
    # PostgreSQL refuses NUL in text outright: without stripping, the save itself would fail.
    article = ArticleFactory(headline="Null\x00 byte", body="<p>Null\x00 byte</p>")

    article.refresh_from_db()
    assert (article.headline, article.body) == ("Null byte", "<p>Null byte</p>")


def test_every_content_model_stores_its_text_stripped():
    author = AuthorFactory(name="Dana\x01 Whitfield", role="Co-CEO\x01", bio="Line\x0bone.\nTwo.")
    article = ArticleFactory(authors=[author])
    warning = ContentWarning.objects.create(
        article=article, text="contains\x01 spoilers", subject="Low\x0bTide"
    )
    correction = Correction.objects.create(article=article, text="An earlier\x01 version.")
    page = SitePageFactory(title="About\x01 us", body="<p>We\x0bmake things.</p>")
    site = SiteSettings(site_name="North\x01wind", news_introduction="All\x0bthe news.")
    site.save()
    byline = article.bylines.get()
    byline.role = "Editor\x01"
    byline.save()

    author.refresh_from_db()
    assert (author.name, author.role, author.bio) == ("Dana Whitfield", "Co-CEO", "Line one.\nTwo.")
    warning.refresh_from_db()
    assert (warning.text, warning.subject) == ("contains spoilers", "Low Tide")
    assert Correction.objects.get(pk=correction.pk).text == "An earlier version."
    page = SitePage.objects.get(pk=page.pk)
    assert (page.title, page.body) == ("About us", "<p>We make things.</p>")
    site = SiteSettings.load()
    assert (site.site_name, site.news_introduction) == ("Northwind", "All the news.")
    byline.refresh_from_db()
    assert byline.role == "Editor"


def test_saving_some_fields_strips_them_without_loading_the_deferred_ones():
    author = Author.objects.only("pk", "name").get(pk=AuthorFactory().pk)
    author.name = PASTED

    author.save(update_fields=["name"])

    assert Author.objects.get(pk=author.pk).name == STORED
    assert "bio" in author.get_deferred_fields()


def test_the_admin_change_form_stores_control_characters_stripped(admin_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(
        admin_client.get(url),
        headline=PASTED,
        dek="A dek\x0bfrom\x01 Word.",
        body=f"<p>{PASTED}</p>",
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    assert article.headline == STORED
    assert article.dek == "A dek from Word."
    assert article.body == f"<p>{STORED}</p>"


def test_the_author_admin_stores_a_bio_stripped(admin_client):
    author = AuthorFactory()
    url = f"/admin/articles/author/{author.pk}/change/"

    response = admin_client.post(
        url, form_data(admin_client.get(url), bio="Writes\x0babout\x01 work.")
    )

    assert response.status_code == 302
    assert Author.objects.get(pk=author.pk).bio == "Writes about work."


@pytest.fixture
def dirty_article():
    """A public article whose text was written around save(), as older rows may have been."""
    author = AuthorFactory(name="Dana Whitfield", slug="dana")
    article = ArticleFactory(slug="dirty", authors=[author], tag_names=["Culture"])
    Article.objects.filter(pk=article.pk).update(
        headline=PASTED,
        dek="A dek\x0bwith\x01 breaks.",
        body=f"<p>{PASTED}</p><p>Tab\tkept.</p>",
    )
    Author.objects.filter(pk=author.pk).update(name="Dana\x01 Whitfield")
    SiteSettings.objects.update_or_create(pk=1)
    SiteSettings.objects.filter(pk=1).update(site_name="North\x0bwind", news_description="All\x01")
    return article


@pytest.mark.parametrize("url", XML_FEEDS)
def test_xml_feeds_leave_out_control_characters_of_rows_saved_before_the_fix(
    client, dirty_article, url
):
    response = client.get(url)

    assert response.status_code == 200
    text = response.content.decode()
    assert not has_control_characters(text)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "North wind"
    [entry] = feed.entries
    assert entry.title == f"News: {STORED}"
    assert entry.summary == "A dek with breaks."
    assert [author["name"] for author in entry.authors] == ["Dana Whitfield"]
    assert f"<p>{STORED}</p>" in entry.content[0].value
    assert "Tab\tkept." in entry.content[0].value


def test_the_json_feed_leaves_out_control_characters_too(client, dirty_article):
    response = client.get("/news/feed.json")

    assert response.status_code == 200
    feed = json.loads(response.content)
    assert not has_control_characters(json.dumps(feed, ensure_ascii=False))
    [item] = feed["items"]
    assert item["title"] == f"News: {STORED}"
    assert item["summary"] == "A dek with breaks."
    assert item["authors"][0]["name"] == "Dana Whitfield"


def test_the_news_sitemap_is_well_formed_without_control_characters(client, dirty_article):
    response = client.get("/sitemap-news.xml")

    assert response.status_code == 200
    assert not has_control_characters(response.content.decode())
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    ns = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    [news] = root.findall("sm:url/news:news", ns)
    assert news.find("news:title", ns).text == STORED
    assert news.find("news:publication/news:name", ns).text == "North wind"


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-authors.xml", "/sitemap-pages.xml"]
)
def test_the_other_sitemaps_stay_well_formed(client, dirty_article, url):
    response = client.get(url)

    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 (our own output)
