"""The author admin: a headshot that is no image refused, and authors found by name for
bylines."""

import pytest

from articles.models import Author
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_author_admin_refuses_a_non_image_headshot(admin_client, make_upload):
    response = admin_client.post(
        "/admin/articles/author/add/",
        {
            "name": "Dana Whitfield",
            "slug": "dana-whitfield",
            "headshot": make_upload("dana.png", content=b"GIF89a not really"),
        },
    )

    assert response.status_code == 200
    assert "headshot" in response.context["adminform"].form.errors
    assert not Author.objects.exists()


def test_author_autocomplete_finds_authors_by_name(admin_client):
    AuthorFactory(name="Dana Whitfield")
    AuthorFactory(name="Marcus Ellis")

    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "dana"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["Dana Whitfield"]


def test_the_author_list_counts_pieces_and_the_byline_autocomplete_does_not(
    editor_client, contributor_client
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleFactory, AuthorFactory

    dana = AuthorFactory(name="Dana Whitfield")
    ArticleFactory(authors=[dana])
    ArticleFactory(authors=[dana], status="draft", published_at=None)
    autocomplete = "/admin/autocomplete/"
    field = {
        "app_label": "articles",
        "model_name": "byline",
        "field_name": "author",
        "term": "Dana",
    }

    editors = editor_client.get("/admin/articles/author/").context["cl"].result_list
    contributors = contributor_client.get("/admin/articles/author/?o=4").context["cl"].result_list
    with CaptureQueriesContext(connection) as captured:
        found = editor_client.get(autocomplete, field)

    assert [(a.name, a.article_total) for a in editors] == [("Dana Whitfield", 2)]
    # The draft is no contributor's to count.
    assert [(a.name, a.article_total) for a in contributors] == [("Dana Whitfield", 1)]
    assert [result["text"] for result in found.json()["results"]] == ["Dana Whitfield"]
    assert not [query for query in captured if "articles_byline" in query["sql"]]
