"""A word is found with or without its accents ("cafe" finds "café", "ecole" finds "École"),
on PostgreSQL, whose search configuration reads words unaccented, and in SQLite's plain search;
the snippet marks the word as written."""

import pytest
from django.db import connection

from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accented():
    ArticleFactory(
        slug="school",
        headline="Émile Zola visits the École normale",
        dek="A naïve café owner.",
        body="<p>The Señora sails at dawn.</p>",
    )
    ArticleFactory(slug="other", headline="Harbour news", dek="Buses.", body="<p>Buses.</p>")


@pytest.mark.parametrize(
    "query",
    [
        "ecole",
        "École",
        "ECOLE",
        "emile",
        "cafe",
        "café",
        "naive",
        "senora",
        "señora",
        '"cafe owner"',
    ],
)
def test_a_word_is_found_with_or_without_its_accents(client, accented, query):
    assert found(client, query) == ["school"]


def test_a_word_typed_with_accents_finds_it_written_without(client):
    ArticleFactory(slug="plain", headline="Cafe society", body="<p>Resume writing.</p>")

    assert found(client, "café") == ["plain"]
    assert found(client, "résumé") == ["plain"]


def test_an_accented_word_is_excluded_without_its_accents(client, accented):
    assert found(client, "-cafe") == ["other"]


def test_the_snippet_marks_the_word_as_written(client, accented):
    (article,) = client.get("/news/search/", {"q": "senora"}).context["articles"]

    assert "<mark>Señora</mark> sails at dawn." in str(article.snippet)


@pytest.mark.postgres
def test_the_stored_vector_holds_words_unaccented():
    ArticleFactory(headline="Café", dek="École", body="<p>Señora</p>")

    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article")
        (vector,) = cursor.fetchone()

    assert vector == "'cafe':1A 'ecol':2B 'senora':3C"


def test_letters_that_decompose_without_accents_are_read_as_written(client):
    ArticleFactory(
        slug="seoul", headline="Weekend", body="<p>The ferry to 서울 leaves at dawn.</p>"
    )

    (article,) = client.get("/news/search/", {"q": "서울"}).context["articles"]

    assert "<mark>서울</mark> leaves at dawn." in str(article.snippet)
