"""Site search: /news/search/?q=, full text on PostgreSQL and a plain match elsewhere. What a
search finds: public pieces by their words, in any case, never a draft or a held-back text."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_search_finds_public_articles_by_headline_summary_and_text(client, harbour):
    assert sorted(found(client, "ferry")) == ["body", "dek", "headline"]


def test_search_is_case_insensitive(client, harbour):
    assert sorted(found(client, "FERRY")) == ["body", "dek", "headline"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A footnote's number or a power is not part of the word it follows.
        ("true", ["notes"]),
        ('"claim was true in the"', ["notes"]),
        ("mc", ["notes"]),
        # An ordinal is one word, as typed.
        ("21st", ["notes"]),
        # Lowered digits are a formula's, found as typed with digits or as they show.
        ("CO2", ["chemistry"]),
        ("h2o", ["chemistry"]),
        ("CO₂", ["chemistry"]),
    ],
)
def test_words_with_superscripts_or_subscripts_are_found(client, query, expected):
    ArticleFactory(
        slug="notes",
        headline="Notes on a claim",
        body="<p>The claim was true<sup>3</sup> in the 21<sup>st</sup> century, as E = "
        "mc<sup>2</sup> says.</p>",
    )
    ArticleFactory(
        slug="chemistry",
        headline="Harbour water",
        body="<p>Less CO<sub>2</sub> in the H<sub>2</sub>O of the harbour.</p>",
    )

    assert found(client, query) == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
@pytest.mark.parametrize("query", ["école", "ÉCOLE", "über", "émile", '"über a century"'])
def test_the_plain_search_ignores_the_case_of_letters_beyond_ascii(client, query):
    """SQLite's LIKE folds ASCII letters alone; the plain search folds every letter."""
    ArticleFactory(
        slug="school",
        headline="Émile Zola visits the École normale",
        dek="Über a century later.",
        body="<p>A visit.</p>",
    )
    ArticleFactory(slug="other", headline="A visit to the harbour")

    assert found(client, query) == ["school"]
    assert found(client, f"-{query}") == ["other"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
def test_every_new_sqlite_connection_folds_case():
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT CASEFOLD(%s), CASEFOLD(NULL)", ["Émile STRAẞE"])
            assert cursor.fetchone() == ("emile strasse", None)
    finally:
        other.close()


def test_search_never_finds_drafts_scheduled_or_unpublished_articles(client, harbour):
    results = found(client, "ferry")

    assert not {"draft", "later", "pulled"} & set(results)
    html = client.get("/news/search/", {"q": "secrets recall plans"}).content.decode()
    assert "Ferry secrets" not in html
    assert "Ferry recall" not in html


def test_a_held_back_text_is_neither_searched_nor_quoted(client):
    ArticleFactory(
        slug="held",
        headline="The finale, discussed",
        dek="A season's end.",
        introduction="<p>Our critic on who the keeper really was.</p>",
        body="<p>The lighthouse keeper was the smuggler all along.</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale",
    )

    # The introduction sits behind the warning with the text.
    assert found(client, "smuggler") == []
    assert found(client, "critic") == []
    assert found(client, "keeper") == []
    for query in ["finale", "season"]:
        response = client.get("/news/search/", {"q": query})
        assert [article.slug for article in response.context["articles"]] == ["held"]
        html = response.content.decode()
        assert "smuggler" not in html
        assert "critic" not in html
