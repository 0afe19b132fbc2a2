"""The list of articles in the admin: the columns editors need, filters by state, and a query
count that does not grow with the articles."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.articles.admin.article_forms import ADD_URL
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_changelist_shows_the_columns_editors_need(admin_client):
    author = AuthorFactory(name="Dana Whitfield")
    ArticleFactory(headline="Live piece", authors=[author], is_featured=True)
    ArticleFactory(headline="Tomorrow's piece", published_at=timezone.now() + timedelta(days=1))

    response = admin_client.get(ADD_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Live piece" in html
    assert "Dana Whitfield" in html
    assert "Scheduled for" in html
    assert "UTC" in html
    for column in ["Headline", "Kind", "Status", "Publication time", "Bylines", "Featured"]:
        assert column in html


def test_changelist_filters_by_state(admin_client):
    live = ArticleFactory(headline="Live piece")
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    draft = ArticleFactory(status="draft")

    def listed(query):
        return list(admin_client.get(f"{ADD_URL}?{query}").context["cl"].result_list)

    assert listed("state=live") == [live]
    assert listed("state=scheduled") == [scheduled]
    assert listed("state=draft") == [draft]


def test_changelist_query_count_does_not_grow_with_articles(
    admin_client, django_assert_max_num_queries
):
    authors = AuthorFactory.create_batch(2)
    for _ in range(30):
        ArticleFactory(authors=authors, tag_names=["Culture"])
    admin_client.get(ADD_URL)  # warm the session

    with django_assert_max_num_queries(14):
        response = admin_client.get(ADD_URL)

    assert len(response.context["cl"].result_list) == 30


def test_a_search_finds_each_piece_once_by_every_word_in_any_field(admin_client):
    dana = AuthorFactory(name="Dana Whitfield")
    marcus = AuthorFactory(name="Marcus Whitfield")
    both = ArticleFactory(headline="Harbour plans", authors=[dana, marcus])
    by_slug = ArticleFactory(headline="Another", slug="whitfield-harbour", authors=[])
    by_dek = ArticleFactory(headline="Third", dek="Whitfield on the harbour.", authors=[])
    ArticleFactory(headline="Harbour without the name", authors=[])
    ArticleFactory(headline="Whitfield without the place", authors=[])

    def found(query):
        response = admin_client.get(ADD_URL, {"q": query})
        return sorted(article.pk for article in response.context["cl"].result_list)

    assert found("whitfield harbour") == sorted([both.pk, by_slug.pk, by_dek.pk])
    assert found('"dana whitfield"') == [both.pk]
    assert found("dana\x00") == [both.pk]
    with CaptureQueriesContext(connection) as captured:
        admin_client.get(ADD_URL, {"q": "whitfield"})
    # The authors' names through a subquery: no join repeating a piece, no DISTINCT over rows.
    assert not [query for query in captured if 'DISTINCT "articles_article"' in query["sql"]]


@pytest.mark.parametrize("client_name", ["editor_client", "contributor_client"])
def test_the_changelist_counts_once_in_the_same_queries_for_few_or_many_pieces(
    request, client_name
):
    client = request.getfixturevalue(client_name)
    authors = AuthorFactory.create_batch(2)

    def queries(query: str) -> list[str]:
        client.get(ADD_URL + query)  # the session and the permissions kept
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ADD_URL + query)
        assert response.status_code == 200
        return [entry["sql"] for entry in captured]

    ArticleFactory(authors=authors, tag_names=["Culture"])
    few = {query: queries(query) for query in ("", "?state=live", "?q=Headline")}
    for _ in range(12):
        ArticleFactory(authors=authors, tag_names=["Culture", "Science"])
    many = {query: queries(query) for query in few}

    for query, made in many.items():
        # No query per row, and one count: the filtered one, never the whole archive's too.
        assert len(made) == len(few[query]), query
        assert len([sql for sql in made if "COUNT(" in sql]) == 1, query
    assert "13 results" in client.get(ADD_URL, {"state": "live"}).content.decode()
