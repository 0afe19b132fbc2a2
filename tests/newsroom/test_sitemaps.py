"""The sitemap index, its sections, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Correction
from articles.sitemaps import AuthorSitemap, TagSitemap
from newsroom.models import SitePage
from newsroom.pagecache import schedule
from tests.admin_forms import saved
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(client, url) -> list[str]:
    return [loc.text for loc in xml(client, url).findall("sm:url/sm:loc", NS)]


def test_the_index_lists_every_section_with_its_latest_change(client):
    ArticleFactory(tag_names=["Culture"])
    SitePageFactory()

    root = xml(client, "/sitemap.xml")

    assert [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-authors.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    assert all(entry.find("sm:lastmod", NS) is not None for entry in root)


def test_the_article_sitemap_lists_public_articles_with_their_last_change(client):
    article = ArticleFactory(slug="public", published_at=datetime(2025, 1, 17, 9, 0, tzinfo=UTC))
    Article.objects.filter(pk=article.pk).update(updated_at=datetime(2025, 1, 20, 8, 0, tzinfo=UTC))

    def lastmod() -> str:
        root = xml(client, "/sitemap-articles.xml")
        entry = root.find("sm:url", NS)
        assert entry.find("sm:loc", NS).text == "http://testserver/news/public/"
        return entry.find("sm:lastmod", NS).text

    assert lastmod() == "2025-01-20T08:00:00+00:00"
    Correction.objects.create(
        article=article, published_at=datetime(2025, 2, 1, tzinfo=UTC), text="A fix."
    )
    assert lastmod() == "2025-02-01T00:00:00+00:00"
    assert xml(client, "/sitemap.xml").find("sm:sitemap/sm:lastmod", NS).text == (
        "2025-02-01T00:00:00+00:00"
    )


def test_a_note_stored_with_a_date_to_come_does_not_date_the_sitemaps(client):
    article = ArticleFactory(slug="public", published_at=datetime(2025, 1, 17, 9, 0, tzinfo=UTC))
    note = Correction.objects.create(article=article, published_at=article.published_at, text="A")
    Correction.objects.filter(pk=note.pk).update(published_at=timezone.now() + timedelta(days=200))
    article.refresh_corrected_at()
    Article.objects.filter(pk=article.pk).update(updated_at=datetime(2025, 1, 20, 8, 0, tzinfo=UTC))

    entry = xml(client, "/sitemap-articles.xml").find("sm:url", NS)

    assert entry.find("sm:lastmod", NS).text == "2025-01-20T08:00:00+00:00"
    assert xml(client, "/sitemap.xml").find("sm:sitemap/sm:lastmod", NS).text == (
        "2025-01-20T08:00:00+00:00"
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft"},
        {"status": "in-review"},
        {"status": "unpublished"},
        {"published_at": timezone.now() + timedelta(hours=1)},
        {"origin_url": "https://www.linkedin.com/pulse/original/", "indexing": "origin"},
        {"indexing": "noindex"},
    ],
    ids=["draft", "in-review", "unpublished", "scheduled", "canonical-elsewhere", "noindex"],
)
def test_no_sitemap_lists_an_article_that_is_not_public_and_canonical_here(client, fields):
    ArticleFactory(slug="listed", published_at=timezone.now() - timedelta(hours=2))
    ArticleFactory(
        slug="left-out", **{"published_at": timezone.now() - timedelta(hours=1), **fields}
    )

    for url in ["/sitemap-articles.xml", "/sitemap-news.xml"]:
        assert locations(client, url) == ["http://testserver/news/listed/"], url


def test_a_cross_post_that_keeps_its_own_canonical_is_listed(client):
    ArticleFactory(
        slug="self-canonical",
        origin_url="https://www.linkedin.com/pulse/original/",
        indexing="self",
    )

    assert locations(client, "/sitemap-articles.xml") == ["http://testserver/news/self-canonical/"]


def test_the_news_sitemap_holds_the_last_two_days_with_google_news_details(client):
    now = timezone.now()
    ArticleFactory(slug="today", headline="Fresh & new", published_at=now - timedelta(hours=3))
    ArticleFactory(slug="old", published_at=now - timedelta(days=2, minutes=5))

    root = xml(client, "/sitemap-news.xml")

    entries = root.findall("sm:url", NS)
    assert [entry.find("sm:loc", NS).text for entry in entries] == ["http://testserver/news/today/"]
    news = entries[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsroom"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Fresh & new"
    published = datetime.fromisoformat(news.find("news:publication_date", NS).text)
    assert abs(published - (now - timedelta(hours=3))) < timedelta(seconds=1)


def test_authors_and_tags_are_listed_only_while_they_have_public_articles(client):
    public_author, draft_author = AuthorFactory(slug="public"), AuthorFactory(slug="drafter")
    ArticleFactory(authors=[public_author], tag_names=["Culture"])
    ArticleFactory(status="draft", authors=[draft_author], tag_names=["Secret"])
    # A cross-post canonical to its origin still leaves its author's page public here.
    ArticleFactory(
        authors=[AuthorFactory(slug="executive")],
        origin_url="https://www.linkedin.com/pulse/x/",
        tag_names=["Leadership"],
    )

    assert locations(client, "/sitemap-authors.xml") == [
        "http://testserver/news/authors/executive/",
        "http://testserver/news/authors/public/",
    ]
    assert locations(client, "/sitemap-tags.xml") == [
        "http://testserver/news/tags/culture/",
        "http://testserver/news/tags/leadership/",
    ]


def test_an_author_page_changes_when_the_author_or_their_newest_article_does(client):
    author = AuthorFactory(slug="dana")
    ArticleFactory(authors=[author], published_at=datetime(2025, 3, 1, tzinfo=UTC))
    Article.objects.update(updated_at=datetime(2025, 3, 2, tzinfo=UTC))
    type(author).objects.update(updated_at=datetime(2025, 1, 1, tzinfo=UTC))

    root = xml(client, "/sitemap-authors.xml")

    assert root.find("sm:url/sm:lastmod", NS).text == "2025-03-02T00:00:00+00:00"


def test_the_index_dates_the_author_section_by_the_latest_edit_of_an_author(client, editor_client):
    author = AuthorFactory(slug="dana")
    ArticleFactory(authors=[author], published_at=datetime(2025, 3, 1, tzinfo=UTC))
    Article.objects.update(updated_at=datetime(2025, 3, 2, tzinfo=UTC))
    Author.objects.update(updated_at=datetime(2025, 1, 1, tzinfo=UTC))

    def section_lastmod() -> datetime:
        root = xml(client, "/sitemap.xml")
        found = root.find("sm:sitemap[sm:loc='http://testserver/sitemap-authors.xml']", NS)
        return datetime.fromisoformat(found.find("sm:lastmod", NS).text)

    assert section_lastmod() == datetime(2025, 3, 2, tzinfo=UTC)
    url = f"/admin/articles/author/{author.pk}/change/"
    saved(editor_client, url, bio="Leads the company's policy work.")

    author.refresh_from_db()
    assert section_lastmod() == author.updated_at.replace(microsecond=0)


def test_an_author_or_topic_given_a_new_slug_takes_its_place_on_a_later_page(
    client, editor_client, monkeypatch
):
    # Sections are paged by slug past `limit` entries: 50,000, one here.
    monkeypatch.setattr(AuthorSitemap, "limit", 1)
    monkeypatch.setattr(TagSitemap, "limit", 1)
    amy, zed = AuthorFactory(slug="amy"), AuthorFactory(slug="zed")
    ArticleFactory(authors=[amy], tag_names=["Apples"])
    ArticleFactory(authors=[zed], tag_names=["Zebras"])
    assert locations(client, "/sitemap-authors.xml?p=2") == ["http://testserver/news/authors/zed/"]
    assert locations(client, "/sitemap-tags.xml?p=2") == ["http://testserver/news/tags/zebras/"]

    saved(editor_client, f"/admin/articles/author/{amy.pk}/change/", slug="zoe")
    apples = Tag.objects.get(slug="apples")
    url = f"/admin/taggit/tag/{apples.pk}/change/"
    saved(editor_client, url, name="Zucchini", slug="zucchini")

    assert locations(client, "/sitemap-authors.xml?p=2") == ["http://testserver/news/authors/zoe/"]
    assert locations(client, "/sitemap-tags.xml?p=2") == ["http://testserver/news/tags/zucchini/"]


def test_the_page_sitemap_lists_the_news_index_and_published_site_pages(client):
    SitePageFactory(slug="about")
    SitePageFactory(slug="draft-page", status=SitePage.Status.DRAFT)

    assert locations(client, "/sitemap-pages.xml") == [
        "http://testserver/news/",
        "http://testserver/about/",
    ]


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def test_sitemaps_ask_not_to_be_indexed_themselves(client):
    assert client.get("/sitemap.xml")["X-Robots-Tag"] == "noindex, noodp, noarchive"


@pytest.mark.parametrize("count", [1, 20])
def test_sitemap_query_counts_do_not_grow_with_articles(client, django_assert_num_queries, count):
    for n in range(count):
        ArticleFactory(authors=[AuthorFactory()], tag_names=[f"Topic {n}"])
    schedule.next_publication()  # found once per change, before any page: not the sitemap's

    # count and page of each section, and the site's name for Google News; the pages section
    # also the latest change of the news index, and of the press room's releases and contacts
    for url, queries in [
        ("/sitemap-articles.xml", 2),
        ("/sitemap-news.xml", 3),
        ("/sitemap-authors.xml", 2),
        ("/sitemap-tags.xml", 2),
        ("/sitemap-pages.xml", 4),
    ]:
        with django_assert_num_queries(queries):
            client.get(url)


def test_robots_txt_keeps_crawlers_out_of_admin_and_search_and_names_the_sitemaps(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /news/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_the_news_sitemap_is_kept_no_longer_than_its_oldest_piece_stays_in_the_window(
    client, clocks, settings
):
    # Nothing announces a piece growing older than the window: no browser, edge or page cache
    # may keep a list naming it past that moment.
    settings.PAGE_MAX_AGE = 3600
    settings.EDGE_MAX_AGE = 86400
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    ArticleFactory(slug="leaving", published_at=timezone.now() - timedelta(days=2, minutes=-10))

    made = client.get("/sitemap-news.xml")

    assert "/news/leaving/" in made.content.decode()
    ages = dict(part.strip().split("=") for part in made["Cache-Control"].split(",") if "=" in part)
    assert int(ages["max-age"]) <= 600
    assert int(ages["s-maxage"]) <= 600
    clocks.move(timedelta(minutes=11))
    assert client.get("/sitemap-news.xml")["X-Page-Cache"] == "miss"
