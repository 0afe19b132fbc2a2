"""The search results page: how many were found, the index's cards with a snippet, pages that
keep the query, and the site's search box."""

import re

import pytest

from tests.articles.searching import found
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_results_say_how_many_were_found_and_show_snippets(client, harbour):
    html = client.get("/news/search/", {"q": "island"}).content.decode()

    assert "1 article found for “island”." in html
    assert '<p class="card__snippet">' in html
    assert "<mark>island</mark>" in html


def cards(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<li>(<article class="card">.*?</article>)', html, re.S)


def test_results_are_the_index_cards_with_a_snippet(client, make_upload):
    ArticleFactory(
        headline="Ferry news",
        kind="news",
        body="<p>Take the ferry.</p>",
        featured_image=make_upload("ferry.jpg"),
        featured_image_alt="A ferry",
    )

    (on_the_index,) = cards(client.get("/news/", {"kind": "news"}))
    results = client.get("/news/search/", {"q": "ferry"})
    (found,) = cards(results)

    snippet = re.search(r' *<p class="card__snippet">.*?</p>\n', found).group(0)
    assert "<mark>" in snippet
    assert found.replace(snippet, "") == on_the_index
    assert '<ul class="card-list">' in results.content.decode()


def test_a_search_without_results_says_so(client, harbour):
    html = client.get("/news/search/", {"q": "zeppelin"}).content.decode()

    assert "No articles found for “zeppelin”." in html


def test_results_are_paginated_keeping_the_query(client):
    for n in range(13):
        ArticleFactory(headline=f"Ferry update {n}")

    first = client.get("/news/search/", {"q": "ferry"})
    second = client.get("/news/search/", {"q": "ferry", "page": 2})

    assert len(first.context["articles"]) == 12
    assert len(second.context["articles"]) == 1
    assert 'href="?q=ferry&amp;page=2"' in first.content.decode()
    assert "13 articles found" in first.content.decode()


def test_a_result_card_shows_its_bylines_in_order_and_its_warnings(client):
    dana, marcus = AuthorFactory(name="Dana Whitfield"), AuthorFactory(name="Marcus Ellis")
    piece = ArticleFactory(
        headline="Ferry strike ends", authors=[marcus, dana], spoiler_warning="x"
    )
    piece.bylines.filter(author=dana).update(position=0)
    piece.bylines.filter(author=marcus).update(position=1)

    html = client.get("/news/search/", {"q": "ferry"}).content.decode()

    assert '<p class="byline">By Dana Whitfield and Marcus Ellis</p>' in html
    assert 'class="badge badge--warning"' in html


def test_an_unknown_order_means_relevance(client, harbour):
    assert found(client, "ferry", sort="oldest") == found(client, "ferry")


def test_the_header_has_a_search_box_except_on_the_search_page(client, harbour):
    index = client.get("/news/").content.decode()
    search = client.get("/news/search/", {"q": "ferry"}).content.decode()

    assert '<form class="site-search" role="search" method="get" action="/news/search/">' in index
    assert '<form class="site-search"' not in search
    assert '<meta name="robots" content="noindex">' in search
