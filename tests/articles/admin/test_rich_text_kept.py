"""What the text editor writes beyond paragraphs and bold is kept by a save and shown to
readers: how a numbered list counts, superscripts and subscripts."""

import json

import pytest
from bs4 import BeautifulSoup

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


def test_a_list_start_no_page_counts_from_is_not_stored_and_the_list_is_kept(editor_client):
    article = ArticleFactory(slug="calmer-mondays")

    saved(
        editor_client,
        f"/admin/articles/article/{article.pk}/change/",
        body='<ol start="x"><li>Write the agenda.</li></ol>'
        '<ol start="12345678901234567890" type="i"><li>Send it ahead.</li></ol>'
        '<ol start="1"><li>Start on time.</li></ol><ol start="04"><li>End on time.</li></ol>',
    )

    body = (
        "<ol><li>Write the agenda.</li></ol>"
        '<ol type="i"><li>Send it ahead.</li></ol>'
        '<ol><li>Start on time.</li></ol><ol start="4"><li>End on time.</li></ol>'
    )
    assert Article.objects.get().body == body
    assert body in editor_client.get("/news/calmer-mondays/").content.decode()


def test_a_saved_superscript_and_subscript_are_stored_and_shown(admin_client):
    article = ArticleFactory(slug="calmer-mondays")
    body = "<p>E = mc<sup>2</sup>, and H<sub>2</sub>O is water.<sup>1</sup></p>"

    saved(admin_client, f"/admin/articles/article/{article.pk}/change/", body=body)

    assert Article.objects.get().body == body
    assert body in admin_client.get("/news/calmer-mondays/").content.decode()


def test_the_text_editor_offers_superscript_and_subscript(admin_client):
    article = ArticleFactory()

    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/")

    config = json.loads(
        BeautifulSoup(page.content.decode(), "html.parser")
        .select_one("#id_body")
        .get("data-django-prose-editor-configurable")
    )
    assert {"Superscript", "Subscript"} <= set(config["extensions"])
