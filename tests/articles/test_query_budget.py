"""Query budgets of an anonymous reader's request: fixed, however many articles are in play."""

import pytest

from articles import pagination
from articles.models import Article
from articles.models.queryset import ArticleQuerySet
from newsroom import pagecache
from newsroom.models import SiteSettings
from tests.articles.pages import page_text
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    MediaKitItemFactory,
    PressContactFactory,
    SitePageFactory,
)

pytestmark = pytest.mark.django_db


# Query budget: the same number of queries with 1 or 50 articles in play.


def make_rich_articles(count: int) -> None:
    """`count` articles with three authors and three tags each, plus a featured one."""
    authors = AuthorFactory.create_batch(3)
    ArticleFactory(authors=authors, tag_names=["Culture"], is_featured=True)
    for n in range(count):
        ArticleFactory(
            authors=authors,
            tag_names=["Culture", "Product", f"Topic {n % 5}"],
            origin_url=f"https://www.linkedin.com/pulse/x-{n}/" if n % 3 == 0 else "",
            spoiler_warning="spoilers" if n % 5 == 0 else "",
        )


# Query budgets of an anonymous reader's request, with 1 or with 50 articles in play.
#
# With the page cache off, once the values kept until what they show changes are in the cache
# (site settings, navigation, spoiler subjects, the featured piece, listing counts, rendered
# cards, page fragments): the page's rows
INDEX_QUERIES = 1
# the article (its bylines, warnings, tags and related articles are shown by kept fragments)
ARTICLE_QUERIES = 1
# author or tag, page
LISTING_QUERIES = 2
# With nothing kept (the cache emptied), a request also loads those values, and the next
# scheduled publication time:
# schedule, featured, count, page, the cards' whole rows with their bylines and warnings, spoiler
# subjects, settings, navigation
INDEX_QUERIES_WITH_NOTHING_KEPT = 8
# schedule, article's key, the rest of its row, bylines, warnings, tags, related articles,
# settings, navigation
ARTICLE_QUERIES_WITH_NOTHING_KEPT = 9
# schedule, author or tag, count, page, the cards' whole rows with their bylines and warnings,
# settings, navigation
LISTING_QUERIES_WITH_NOTHING_KEPT = 7


@pytest.fixture
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("count", [1, 50])
def test_index_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)

    with django_assert_num_queries(INDEX_QUERIES_WITH_NOTHING_KEPT):
        client.get("/news/")
    with django_assert_num_queries(INDEX_QUERIES):
        client.get("/news/")


@pytest.mark.parametrize("count", [1, 50])
def test_article_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)
    article = Article.objects.published().last()

    with django_assert_num_queries(ARTICLE_QUERIES_WITH_NOTHING_KEPT):
        client.get(article.get_absolute_url())
    with django_assert_num_queries(ARTICLE_QUERIES):
        client.get(article.get_absolute_url())


@pytest.mark.parametrize("count", [1, 50])
def test_author_and_tag_page_query_counts_do_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)
    author = Article.objects.published().last().lead_author

    for url in [author.get_absolute_url(), "/news/tags/culture/"]:
        with django_assert_num_queries(LISTING_QUERIES_WITH_NOTHING_KEPT):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(LISTING_QUERIES):
            assert client.get(url).status_code == 200
        pagecache.clear()


# With no cache at all (Django's DummyCache), the path readers take after each change: every
# value is made again, each in a fixed number of queries, and the site's settings and navigation
# are read once, together, however many parts of the page show them.
NO_CACHE_QUERIES = {
    # article's row (all of it at once, no fragment being kept, with its bylines, warnings and
    # tags), related articles, settings with navigation
    "article": 3,
    # the same: a press release's row also brings its media contacts and media kit
    "release": 3,
    # featured, the page's rows (with all their cards show, bylines and warnings included, and
    # the listing's count, at once), spoiler subjects, settings with navigation
    "index": 4,
    # author or tag, the page's rows with the count (as the index's), settings with navigation
    "author": 3,
    "tag": 3,
}


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("count", [1, 50])
def test_pages_with_no_cache_make_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    SiteSettings(site_name="Harbour Gazette").save()
    SitePageFactory.create_batch(3, show_in_navigation=True)
    make_rich_articles(count)
    article = Article.objects.published().last()
    release = ArticleFactory(kind=Article.Kind.PRESS_RELEASE, tag_names=["Culture"])
    release.press_contacts.add(*PressContactFactory.create_batch(2))
    MediaKitItemFactory.create_batch(2, article=release)
    urls = {
        "article": article.get_absolute_url(),
        "release": release.get_absolute_url(),
        "index": "/news/",
        "author": article.lead_author.get_absolute_url(),
        "tag": "/news/tags/culture/",
    }

    for page, url in urls.items():
        with django_assert_num_queries(NO_CACHE_QUERIES[page]):
            assert client.get(url).status_code == 200


# An article's page for a reader hiding spoilers, with nothing kept: its related list says how
# many pieces it leaves out, and for which subject, from the query that finds the others.
# Hiding one subject reads the subjects besides, to know the cookie names one, once for the
# page's key and the view.
HIDING_QUERIES = {"all": NO_CACHE_QUERIES["article"], "subject": NO_CACHE_QUERIES["article"] + 1}


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("hiding", list(HIDING_QUERIES))
@pytest.mark.parametrize("count", [1, 50])
def test_an_article_telling_what_its_related_list_hides_makes_no_more_queries(
    client, django_assert_num_queries, hiding, count
):
    SiteSettings(site_name="Harbour Gazette").save()
    make_rich_articles(count)
    for number in range(3):
        ArticleFactory(
            tag_names=["Culture", "Product"],
            spoiler_warning="spoilers",
            spoiler_warning__subject=f"Show {number % 2}",
        )
    article = Article.objects.published().filter(warnings=None).last()
    client.cookies["hide_spoilers"] = "all" if hiding == "all" else "show-0"

    with django_assert_num_queries(HIDING_QUERIES[hiding]):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    hidden = "3 related pieces" if hiding == "all" else "2 related pieces"
    assert f"{hidden} with spoilers" in response.content.decode()
    # A subject's page still names the subjects to the edge, which drops it when they change.
    assert ("spoilers" in response["xkey"].split()) == (hiding == "subject")


# A listing for a reader hiding one subject, chosen in its address or kept in the cookie, with
# nothing kept: the subjects are read once, for the page's key, the choice, those the index
# offers and the name of the one hidden; the index reads them anyway, to offer them.
HIDING_SUBJECT_QUERIES = {
    "index": NO_CACHE_QUERIES["index"],
    "author": NO_CACHE_QUERIES["author"] + 1,
    "tag": NO_CACHE_QUERIES["tag"] + 1,
}


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("chosen_in", ["address", "cookie"])
@pytest.mark.parametrize("page", list(HIDING_SUBJECT_QUERIES))
def test_a_listing_hiding_one_subject_reads_the_subjects_once(
    client, django_assert_num_queries, page, chosen_in
):
    SiteSettings(site_name="Harbour Gazette").save()
    make_rich_articles(10)
    for number in range(3):
        ArticleFactory(
            tag_names=["Culture"],
            spoiler_warning="spoilers",
            spoiler_warning__subject=f"Show {number % 2}",
        )
    author = Article.objects.published().filter(warnings=None).last().lead_author
    url = {"index": "/news/", "author": author.get_absolute_url(), "tag": "/news/tags/culture/"}
    if chosen_in == "cookie":
        client.cookies["hide_spoilers"] = "show-0"
        query = {}
    else:
        query = {"hide_spoilers": "show-0"}

    with django_assert_num_queries(HIDING_SUBJECT_QUERIES[page]):
        response = client.get(url[page], query)
    assert response.status_code == 200
    assert "Pieces with spoilers for Show 0 are hidden." in page_text(response)
    if chosen_in == "cookie":  # a choice made now sets the cookie: no cache keeps that answer
        # The page still names the subjects to the edge, which drops it when they change.
        assert "spoilers" in response["xkey"].split()


# With nothing kept, a deep page (found after its predecessor's last row), the index filtered
# by one author or topic (paged as their own pages are), and by two filters (paged from its
# queryset).
DEEP_AND_FILTERED_QUERIES = {
    # featured, count, the page's bound, the page's rows with their bylines and warnings,
    # spoiler subjects, settings with navigation
    "/news/?page=3": 6,
    # the author or topic, the page's rows with the count (a filtered index features no piece),
    # spoiler subjects, settings with navigation
    "/news/?author={author}": 4,
    "/news/?tag=culture": 4,
    # the topic, count, the page's rows, their bylines and warnings (one query), spoiler
    # subjects, settings with navigation
    "/news/?tag=culture&kind=news": 6,
}


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("url", list(DEEP_AND_FILTERED_QUERIES))
@pytest.mark.parametrize("count", [30, 45])
def test_deep_and_filtered_listings_make_a_fixed_number_of_queries(
    client, django_assert_num_queries, monkeypatch, url, count
):
    monkeypatch.setattr(pagination, "OFFSET_PAGES", 1)  # page 3 is found by its bound
    SiteSettings(site_name="Harbour Gazette").save()
    make_rich_articles(count)
    author = Article.objects.published().last().lead_author

    with django_assert_num_queries(DEEP_AND_FILTERED_QUERIES[url]):
        response = client.get(url.format(author=author.slug))
    assert response.status_code == 200
    assert response.content.decode().count(f"By {author.name}") >= 6


@pytest.mark.usefixtures("nothing_kept")
def test_a_compiled_listing_builds_no_queryset_for_its_pages(client, monkeypatch):
    """Building a queryset costs more than some of a page's queries; a listing of a fixed shape
    pages through queries compiled once, and builds one only for a page they do not find."""
    make_rich_articles(30)
    author = Article.objects.published().last().lead_author
    monkeypatch.setattr(pagination, "OFFSET_PAGES", 1)  # and page 3 is a deep page
    urls = [
        "/news/",
        "/news/?page=2",
        "/news/?page=3",
        "/news/tags/culture/",
        "/news/?tag=culture",
        author.get_absolute_url(),
        f"/news/?author={author.slug}",
    ]
    for url in urls:
        client.get(url)  # each compiled query is compiled on its first use
    built = []
    real_published = ArticleQuerySet.published
    monkeypatch.setattr(
        ArticleQuerySet, "published", lambda rows: built.append(True) or real_published(rows)
    )

    for url in urls:
        assert client.get(url).status_code == 200
    assert built == []

    # Filters the compiled queries do not cover page the queryset.
    assert client.get("/news/?tag=culture&kind=news").status_code == 200
    assert built


def test_index_cards_not_yet_rendered_cost_two_queries_whatever_their_number(
    client, django_assert_num_queries, page_cache_off
):
    make_rich_articles(50)
    client.get("/news/")
    pagecache.clear()
    client.get("/news/?page=2")  # site-wide values are back; page 1's cards are not

    # the page's keys, then its cards' rows with their bylines and warnings (the featured piece
    # and the count are shared with page 2)
    with django_assert_num_queries(2):
        client.get("/news/")


@pytest.mark.parametrize("url", ["/news/", "/news/?page=2", "/news/tags/culture/", "article"])
@pytest.mark.parametrize("hide_spoilers", ["", "all"])
def test_a_cached_reader_page_makes_no_queries(
    client, django_assert_num_queries, url, hide_spoilers
):
    make_rich_articles(20)
    if url == "article":
        url = Article.objects.published().last().get_absolute_url()
    client.cookies["hide_spoilers"] = hide_spoilers
    client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
