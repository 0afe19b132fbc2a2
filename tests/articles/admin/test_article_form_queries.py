"""What the article change form asks of the database: the piece's row read once for its panels
and once for its form, and a fixed number of queries to update a public piece."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import caching
from tests.admin_forms import form_data
from tests.articles.admin.article_forms import ADD_URL
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def full_row_reads(queries, article) -> list[str]:
    """The queries among `queries` that read `article`'s whole row."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "articles_article"."id", ')
        and '"articles_article"."headline"' in query["sql"]
        and f'WHERE "articles_article"."id" = {article.pk}' in query["sql"]
    ]


def test_the_change_form_reads_the_articles_row_once_for_its_panels_and_once_for_its_form(
    admin_client,
):
    article = ArticleFactory(authors=AuthorFactory.create_batch(2), tag_names=["Culture"])
    url = f"{ADD_URL}{article.pk}/change/"
    admin_client.get(url)  # warm the session

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)

    assert response.status_code == 200
    assert len(full_row_reads(queries, article)) == 2, full_row_reads(queries, article)


def test_a_save_reads_the_whole_row_only_for_the_panels_and_the_form(admin_client):
    article = ArticleFactory(authors=AuthorFactory.create_batch(2), tag_names=["Culture"])
    url = f"{ADD_URL}{article.pk}/change/"
    data = form_data(admin_client.get(url), headline="A changed headline")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A changed headline"
    reads = full_row_reads(queries, article)
    assert len(reads) == 2, reads
    # The check for a later save by someone else locks the row and reads its version alone;
    # the page cache's note of the row before the save reads what decides what it retires
    # (and whether the piece is public at a new address).
    assert any('SELECT "articles_article"."version"' in q["sql"] for q in queries.captured_queries)
    assert any(
        q["sql"].startswith(
            'SELECT "articles_article"."id", "articles_article"."kind", '
            '"articles_article"."slug", "articles_article"."status", '
            '"articles_article"."published_at" FROM'
        )
        for q in queries.captured_queries
    )


# An editor's "Update" of a public piece with two bylines, two topics and a spoiler warning,
# changing its headline: the session and permissions (4); what the form shows beside its fields
# (4) and the form's own copy with its links, edit token and media kit (6); the check for a later
# save (1); validation: the slug, and each check constraint in a savepoint of its own (19; the
# one-article-per-original constraint is the form's own check, made only for a piece with an
# original), the bylines and their authors (7), the warning (8); the page cache's note of the
# row and of what it shows (2), the events' note of the row (1); the UPDATE and what follows it:
# search, the revision's copy and its topics, the event, the autosave buffer, press contacts,
# corrections, the log (12); the revision (5); the savepoints of the change and of the revision
# (4).
UPDATE_QUERIES = 73


def public_piece_and_its_form(client) -> tuple[str, dict]:
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(2),
        tag_names=["Culture", "Television"],
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide",
    )
    url = f"{ADD_URL}{article.pk}/change/"
    return url, form_data(client.get(url), headline="A changed headline", _continue="")


def test_updating_a_public_piece_makes_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries
):
    url, data = public_piece_and_its_form(editor_client)

    with django_assert_num_queries(UPDATE_QUERIES):
        response = editor_client.post(url, data)

    assert response.status_code == 302


def test_an_update_reads_what_the_piece_shows_once(editor_client, monkeypatch):
    url, data = public_piece_and_its_form(editor_client)
    reads = []
    read = caching.SHOWS.rows
    monkeypatch.setattr(
        caching.SHOWS, "rows", lambda **values: reads.append(values) or read(**values)
    )

    assert editor_client.post(url, data).status_code == 302

    # Its topics, authors and spoiler warning decide what the save retires from the page cache
    # (one query); the save changes none of them, so they are read once, before it.
    assert len(reads) == 1
