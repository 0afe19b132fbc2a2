"""The search hint's syntax on every database: "quoted phrases", -word to leave a word out, and
"or" between alternatives, read as PostgreSQL's web-search syntax reads them. The same queries
run on SQLite (by default) and on PostgreSQL (with DATABASE_URL) and find the same pieces."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.search import MAX_FALLBACK_TERMS
from articles.search_plain import Term, read
from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EVERY_PIECE = {"ferry", "lisbon", "market"}


@pytest.fixture
def coast():
    """Three public pieces, each found by words of its own, all by "island"; one with a hyphen."""
    now = timezone.now()
    ArticleFactory(
        slug="ferry",
        headline="Ferry captains return",
        dek="A strike ends.",
        body="<p>Crews are back at work on the ferry to the island.</p>",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory(
        slug="lisbon",
        headline="Trams of Lisbon",
        dek="A city tour.",
        body="<p>Trams climb past the island market.</p>",
        published_at=now - timedelta(days=2),
    )
    ArticleFactory(
        slug="market",
        headline="Harbour news",
        dek="Stalls move.",
        body="<p>Our co-CEO visits the market island.</p>",
        published_at=now - timedelta(days=1),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ferry", {"ferry"}),
        ("Lisbon", {"lisbon"}),
        # Every word is required.
        ("ferry lisbon", set()),
        # Alternatives, "or" in any case.
        ("ferry or Lisbon", {"ferry", "lisbon"}),
        ("ferry OR lisbon", {"ferry", "lisbon"}),
        ("ferry oR lisbon", {"ferry", "lisbon"}),
        ('"Lisbon"or"ferry"', {"ferry", "lisbon"}),
        # Words side by side bind before "or": (captains and ferry) or (trams and lisbon).
        ("captains ferry or trams lisbon", {"ferry", "lisbon"}),
        ("ferry trams or lisbon", {"lisbon"}),
        # An "or" with nothing on one side, or twice, is no word to look for.
        ("or ferry", {"ferry"}),
        ("ferry or", {"ferry"}),
        ("OR ferry OR", {"ferry"}),
        ("ferry or or lisbon", {"ferry", "lisbon"}),
        ("ferry or or or lisbon", {"ferry", "lisbon"}),
        ("island -or", EVERY_PIECE),
        # Words left out, a query of them alone too; a minus and a space are still a minus.
        ("island -ferry", {"lisbon", "market"}),
        ("-ferry", {"lisbon", "market"}),
        ("- ferry", {"lisbon", "market"}),
        ("-ferry -lisbon", {"market"}),
        ("island - trams", {"ferry", "market"}),
        ("lisbon or -market", {"ferry", "lisbon"}),
        ("-ferry or ferry", EVERY_PIECE),
        # A minus with nothing after it leaves nothing out.
        ("ferry -", {"ferry"}),
        ("ferry or -", {"ferry"}),
        # Phrases, as typed and in order; one left unclosed runs to the end.
        ('"island market"', {"lisbon"}),
        ('"market island"', {"market"}),
        ('"island market', {"lisbon"}),
        ('island -"island market"', {"ferry", "market"}),
        ('-"island market', {"ferry", "market"}),
        ('ferry"captains"', {"ferry"}),
        # A hyphen inside a word is part of it.
        ("co-CEO", {"market"}),
        ("-co-CEO", {"ferry", "lisbon"}),
    ],
)
def test_the_hints_syntax_finds_the_same_pieces_on_every_database(client, coast, query, expected):
    assert set(found(client, query)) == expected


@pytest.mark.parametrize("query", ["-", "--", "- -", '-"', '"-"', "or", "or or", "-or", "OR or OR"])
def test_a_minus_or_an_or_alone_finds_nothing(client, coast, query):
    """Punctuation is no word: a lone minus does not look for the hyphen in "co-CEO"."""
    response = client.get("/news/search/", {"q": query})

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    html = response.content.decode()
    assert "No articles found for" in html
    assert "<mark>" not in html


def test_the_hint_shows_the_syntax_that_works_here(client, coast):
    html = client.get("/news/search/", {"q": "ferry or lisbon"}).content.decode()

    assert "give alternatives with “or”" in html
    assert "2 articles found for “ferry or lisbon”." in html


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
def test_the_plain_search_marks_the_words_looked_for_never_those_left_out(client, coast):
    response = client.get("/news/search/", {"q": "-ferry or island"})

    snippets = {article.slug: str(article.snippet) for article in response.context["articles"]}
    assert snippets["ferry"] == "Crews are back at work on the ferry to the <mark>island</mark>."
    assert re.findall(r"<mark>(.*?)</mark>", snippets["market"]) == ["island"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
def test_the_plain_search_marks_every_alternative_it_found(client, coast):
    response = client.get("/news/search/", {"q": 'ferry or "island market"'})

    snippets = {article.slug: str(article.snippet) for article in response.context["articles"]}
    assert snippets == {
        "ferry": "Crews are back at work on the <mark>ferry</mark> to the island.",
        "lisbon": "Trams climb past the <mark>island market</mark>.",
    }


@pytest.mark.parametrize(
    ("query", "alternatives"),
    [
        ("ferry or Lisbon", [[Term("ferry")], [Term("Lisbon")]]),
        ("a b OR c", [[Term("a"), Term("b")], [Term("c")]]),
        ('-"island market" ferry', [[Term("island market", excluded=True), Term("ferry")]]),
        ('"unclosed quote', [[Term("unclosed quote")]]),
        ('"Lisbon"or"ferry"', [[Term("Lisbon")], [Term("ferry")]]),
        ('ferry"captains"', [[Term("ferry"), Term("captains")]]),
        ("- ferry", [[Term("ferry", excluded=True)]]),
        ("co-CEO -co-CEO", [[Term("co-CEO"), Term("co-CEO", excluded=True)]]),
        ("or ferry or", [[Term("ferry")]]),
        ("ferry or or lisbon", [[Term("ferry")], [Term("lisbon")]]),
        ("ferry or -", [[Term("ferry")]]),
        ('ferry or ""', [[Term("ferry")]]),
        ("or-island", [[Term("or-island")]]),
        ("-", []),
        ('"', []),
        ('"or"', []),
        ("³ or ⁽²⁾", []),
        ("!!! or &&", []),
    ],
)
def test_a_query_is_read_as_alternatives_of_required_terms(query, alternatives):
    assert read(query, limit=MAX_FALLBACK_TERMS) == alternatives


def test_a_long_query_is_read_to_its_first_terms_alone():
    query = " or ".join(f"word{n}" for n in range(40))

    alternatives = read(query, limit=MAX_FALLBACK_TERMS)

    assert alternatives == [[Term(f"word{n}")] for n in range(MAX_FALLBACK_TERMS)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
def test_a_hostile_query_of_alternatives_costs_a_bounded_match(client, coast):
    query = " or ".join(["-ferry", '"island market"'] * 40)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/news/search/", {"q": query})

    # Alternatives of -ferry and "island market", the first of them only.
    assert {article.slug for article in response.context["articles"]} == {"lisbon", "market"}
    casefolds = max(captured["sql"].count("CASEFOLD") for captured in queries.captured_queries)
    # Each term looks in the headline, summary and text.
    assert casefolds == 3 * MAX_FALLBACK_TERMS
