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


# A link followed from another site, as the browser marks it, or by the page it came from when
# the browser marks nothing.
FROM_ANOTHER_SITE = {
    "cross-site": {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_REFERER": "https://troll.example/"},
    "cross-site-only": {"HTTP_SEC_FETCH_SITE": "cross-site"},
    "other-referer": {"HTTP_REFERER": "https://troll.example/thread?id=1"},
    "look-alike-referer": {"HTTP_REFERER": "https://testserver.troll.example/"},
    "other-origin": {"HTTP_ORIGIN": "https://troll.example"},
    "null-origin": {"HTTP_ORIGIN": "null"},
    "broken-referer": {"HTTP_REFERER": "http://[testserver/"},
}
# Typed in, bookmarked, or chosen on a page of this site (or of a sibling under the same domain).
FROM_THIS_SITE = {
    "typed-in": {"HTTP_SEC_FETCH_SITE": "none"},
    "same-origin": {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_REFERER": "http://testserver/"},
    "same-site": {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_REFERER": "http://blog.example/"},
    "own-referer": {"HTTP_REFERER": "https://TestServer.:8443/news/?page=2"},
    "own-origin": {"HTTP_ORIGIN": "http://testserver"},
    "nothing-said": {},
}


@pytest.mark.parametrize("headers", FROM_ANOTHER_SITE.values(), ids=FROM_ANOTHER_SITE)
def test_a_choice_in_a_link_from_another_site_changes_that_page_alone(
    client, ferry_pieces, headers
):
    client.cookies["hide_spoilers"] = "all"

    followed = client.get("/news/", {"hide_spoilers": "none"}, **headers)

    assert slugs(followed) == ["news", "other", "plain", "spoiling"]
    assert "hide_spoilers" not in followed.cookies
    assert "public" not in followed["Cache-Control"]
    # The reader's own choice stands on every later visit.
    assert slugs(client.get("/news/")) == ["news", "other", "plain"]
    assert slugs(client.get("/news/search/", {"q": "ferry"})) == ["news", "plain"]


@pytest.mark.parametrize("headers", FROM_THIS_SITE.values(), ids=FROM_THIS_SITE)
def test_a_choice_made_here_or_typed_in_is_remembered(client, ferry_pieces, headers):
    chosen = client.get("/news/authors/dana/", {"hide_spoilers": "all"}, **headers)

    assert slugs(chosen) == ["plain"]
    assert chosen.cookies["hide_spoilers"].value == "all"
    assert slugs(client.get("/news/")) == ["news", "other", "plain"]

    shown = client.get("/news/", {"hide_spoilers": "none"}, **headers)

    assert shown.cookies["hide_spoilers"]["max-age"] == 0
    client.cookies.clear()
    assert slugs(client.get("/news/")) == ["news", "other", "plain", "spoiling"]


def test_a_choice_from_a_page_of_this_site_at_an_ipv6_address_is_remembered(
    client, ferry_pieces, settings
):
    settings.ALLOWED_HOSTS = ["[::1]"]

    chosen = client.get(
        "/news/?hide_spoilers=all", HTTP_HOST="[::1]:8000", HTTP_REFERER="http://[::1]:8000/news/"
    )

    assert chosen.cookies["hide_spoilers"].value == "all"
