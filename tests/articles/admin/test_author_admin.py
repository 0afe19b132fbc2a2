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
