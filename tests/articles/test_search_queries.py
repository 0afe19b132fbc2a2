"""What readers type into the search: blank, wordless, absurd or broken queries get a normal
page, and the query is cleaned, cut and shown back escaped."""

import re

import pytest

from articles.search import MAX_QUERY_CHARS, clean_query

pytestmark = pytest.mark.django_db


def test_a_blank_query_shows_the_form_and_no_results(client, harbour):
    for query in ["", "   ", "\t\n"]:
        response = client.get("/news/search/", {"q": query})
        assert response.status_code == 200
        assert list(response.context["articles"]) == []
        html = response.content.decode()
        assert '<form class="search-form" role="search"' in html
        assert "found for" not in html
    assert client.get("/news/search/").status_code == 200


@pytest.mark.parametrize("query", ['"', '""', "or", '"or"', "OR or", "³", '"⁽²⁾"'])
def test_a_query_with_no_word_to_match_finds_nothing(client, harbour, query):
    response = client.get("/news/search/", {"q": query})

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    html = response.content.decode()
    assert "No articles found for" in html
    assert not re.search(r"\d+ articles? found", html)


@pytest.mark.parametrize(
    "query",
    [
        "ferry " * 2000,
        "x" * 10_000,
        "ferry\x00harbour\x07\x1b[31m",
        '"',
        "-",
        "or",
        "!!! ||| &&& ::: ''",
        "'; DROP TABLE articles_article; --",
        "(ferry",
        "ferry:*",
        "<script>alert(1)</script>",
    ],
    ids=[
        "10000-words",
        "10000-chars",
        "control-characters",
        "quote",
        "minus",
        "or",
        "operators",
        "sql",
        "bracket",
        "prefix-syntax",
        "markup",
    ],
)
def test_absurd_queries_get_a_normal_page(client, harbour, query):
    response = client.get("/news/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html
    assert len(response.context["query"]) <= MAX_QUERY_CHARS


def test_a_query_that_is_not_valid_utf8_gets_a_normal_page(client, harbour):
    response = client.get("/news/search/?q=%ED%A0%80%FF%00ferry")

    assert response.status_code == 200


def test_queries_are_cleaned_and_cut_at_a_word_boundary():
    assert clean_query("  ferry\x00 \x1bharbour\n ") == "ferry harbour"
    assert clean_query(None) == ""
    long = clean_query("harbour " * 100)
    assert len(long) <= MAX_QUERY_CHARS
    assert long.endswith("harbour")


def test_the_query_is_shown_back_escaped(client, harbour):
    html = client.get("/news/search/", {"q": '<b>"ferry"</b>'}).content.decode()

    assert "<b>" not in html.split("<main", 1)[1]
    assert 'value="&lt;b&gt;&quot;ferry&quot;&lt;/b&gt;"' in html
