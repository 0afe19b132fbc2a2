"""A reader who hides pieces with spoilers is told so, and "Show them" brings them back on the
same listing or search: its filters and query kept."""

import re
from html import unescape

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ferry_pieces():
    """Two op-eds about ferries, one with spoilers; a news piece about ferries, and one about
    something else."""
    dana = AuthorFactory(slug="dana")
    ArticleFactory(
        slug="spoiling",
        headline="Ferry finale",
        kind=Article.Kind.OP_ED,
        spoiler_warning="spoils the finale",
        authors=[dana],
    )
    ArticleFactory(
        slug="plain", headline="Ferry timetable", kind=Article.Kind.OP_ED, authors=[dana]
    )
    ArticleFactory(slug="news", headline="Ferry strike ends", kind=Article.Kind.NEWS)
    ArticleFactory(slug="other", headline="Harbour market", kind=Article.Kind.OP_ED)


def show_them(response) -> str:
    """The address of the "Show them" link on a page hiding pieces with spoilers."""
    html = response.content.decode()
    (href,) = re.findall(r'<a href="([^"]*)">Show them</a>', html)
    return unescape(href)


def slugs(response) -> list[str]:
    return sorted(article.slug for article in response.context["articles"])


def test_show_them_on_search_results_keeps_the_query_and_its_order(client, ferry_pieces):
    client.cookies["hide_spoilers"] = "all"
    hiding = client.get("/news/search/", {"q": "ferry", "sort": "newest"})
    assert slugs(hiding) == ["news", "plain"]

    link = show_them(hiding)
    shown = client.get(f"/news/search/{link}")

    assert link == "?q=ferry&sort=newest&hide_spoilers=none"
    assert slugs(shown) == ["news", "plain", "spoiling"]
    assert shown.context["query"] == "ferry"
    assert "Pieces with spoilers are hidden." not in shown.content.decode()


def test_show_them_on_the_index_keeps_its_filters_and_leaves_the_page_number(client, ferry_pieces):
    hiding = client.get("/news/", {"kind": "op-ed", "author": "dana", "hide_spoilers": "all"})
    assert slugs(hiding) == ["plain"]

    link = show_them(hiding)
    shown = client.get(f"/news/{link}")

    assert link == "?kind=op-ed&author=dana&hide_spoilers=none"
    assert slugs(shown) == ["plain", "spoiling"]


def test_show_them_keeps_nothing_a_reader_made_up(client, ferry_pieces):
    hiding = client.get(
        "/news/search/", {"q": "ferry", "hide_spoilers": "all", "utm_source": "x", "evil": "<b>"}
    )

    assert show_them(hiding) == "?q=ferry&hide_spoilers=none"


def test_show_them_on_an_author_page_shows_that_authors_pieces(client, ferry_pieces):
    hiding = client.get("/news/authors/dana/", {"hide_spoilers": "all", "page": "1"})

    assert show_them(hiding) == "?hide_spoilers=none"
