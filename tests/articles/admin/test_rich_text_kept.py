"""What the text editor writes beyond paragraphs and bold is kept by a save and shown to
readers: how a numbered list counts."""

import pytest

from articles.models import Article
from tests.admin_forms import saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LETTERED = '<ol start="3" type="a"><li>Write the agenda.</li><li>Send it ahead.</li></ol>'


def test_a_saved_lettered_list_is_stored_and_shown_as_it_counts(admin_client):
    article = ArticleFactory(slug="calmer-mondays")

    saved(admin_client, f"/admin/articles/article/{article.pk}/change/", body=LETTERED)

    assert Article.objects.get().body == LETTERED
    page = admin_client.get("/news/calmer-mondays/").content.decode()
    assert LETTERED in page


def test_a_list_type_no_browser_counts_with_is_not_stored(admin_client):
    article = ArticleFactory(slug="calmer-mondays")

    saved(
        admin_client,
        f"/admin/articles/article/{article.pk}/change/",
        body='<ol type="square" onclick="x()"><li>Write the agenda.</li></ol>',
    )

    assert Article.objects.get().body == "<ol><li>Write the agenda.</li></ol>"
