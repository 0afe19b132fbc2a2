"""Search reads a formula's lowered digits as typed ("CO2" finds "CO₂") in every column it
searches, on PostgreSQL and in SQLite's plain search."""

import io

import pytest
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command

from articles.models import Article
from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["CO2", "co₂", "CO₂"])
def test_a_formula_in_the_headline_is_found_as_typed_and_as_shown(client, query):
    ArticleFactory(slug="formula", headline="CO₂ in the harbour", body="<p>Water.</p>")
    ArticleFactory(slug="other", headline="Ferry news", body="<p>Boats.</p>")

    assert found(client, query) == ["formula"]


@pytest.mark.parametrize("query", ["CO2", "CO₂"])
def test_a_formula_in_the_summary_is_found_as_typed_and_as_shown(client, query):
    ArticleFactory(slug="formula", headline="Harbour", dek="Less CO₂ this year.", body="<p>W.</p>")
    ArticleFactory(slug="other", headline="Ferry news", dek="More boats.", body="<p>Boats.</p>")

    assert found(client, query) == ["formula"]


@pytest.mark.postgres
def test_updating_the_search_index_rereads_headlines_indexed_before(client):
    ArticleFactory(slug="formula", headline="CO₂ in the harbour", body="<p>Water.</p>")
    # As rows saved before were indexed: the headline's lowered digit read as a space.
    Article.objects.update(
        search_vector=SearchVector("headline", weight="A", config="english")
        + SearchVector("search_text", weight="C", config="english")
    )
    assert found(client, "CO2") == []

    call_command("update_search_index", stdout=io.StringIO())

    assert found(client, "CO2") == ["formula"]


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("CO2", "<mark>CO₂</mark> in the <mark>CO2</mark> readings"),
        ("CO₂", "<mark>CO₂</mark> in the <mark>CO2</mark> readings"),
        ("h2o", "<mark>H₂O</mark> of the harbour"),
    ],
)
def test_the_snippet_marks_the_formula_the_search_found(client, query, marked):
    ArticleFactory(
        slug="chemistry",
        headline="Harbour water",
        body="<p>Less CO<sub>2</sub> in the CO2 readings, and in the H<sub>2</sub>O of the "
        "harbour this year.</p>",
    )

    response = client.get("/news/search/", {"q": query})

    (article,) = response.context["articles"]
    assert marked in str(article.snippet)
