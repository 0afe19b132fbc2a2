"""Links in a piece's text lose the parameters that only say who shared them or which campaign
brought the reader, as its original URL does (`origins.clean_url`), however the text is saved:
the admin's editor, an import, a script; site pages' text too."""

import json

import pytest

from articles.models import Article
from tests.admin_forms import saved
from tests.articles.crosspost.test_import_articles import run
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db

TRACKED = (
    '<p>See <a href="https://example.com/report?utm_source=linkedin&amp;id=7&amp;trk=public_post">'
    'the report</a>, <a href="https://www.linkedin.com/pulse/seasons-dana/?trackingId=a%3D&amp;'
    'lipi=urn%3Ali">my last piece</a> and <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ'
    '&amp;si=Dana&amp;t=42">the talk</a>.</p>'
)
CLEAN = (
    '<p>See <a href="https://example.com/report?id=7" rel="noopener noreferrer">the report</a>, '
    '<a href="https://www.linkedin.com/pulse/seasons-dana/" rel="noopener noreferrer">my last '
    'piece</a> and <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42" '
    'rel="noopener noreferrer">the talk</a>.</p>'
)


def test_an_editor_s_save_stores_and_shows_the_body_s_links_without_tracking(admin_client):
    article = ArticleFactory(slug="seasons")

    saved(admin_client, f"/admin/articles/article/{article.pk}/change/", body=TRACKED)

    assert Article.objects.get().body == CLEAN
    page = admin_client.get("/news/seasons/").content.decode()
    assert CLEAN in page
    for parameter in ("utm_source", "trk=", "trackingId", "lipi", "si=Dana"):
        assert parameter not in page


def test_an_imported_body_and_introduction_lose_their_links_tracking(tmp_path):
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "headline": "Plan in seasons",
                "author": "Dana Whitfield",
                "body": TRACKED,
                "introduction": '<p><a href="https://example.com/?fbclid=x&amp;q=2">Dana</a></p>',
            }
        )
        + "\n"
    )

    run(str(jsonl))

    article = Article.objects.get()
    assert article.body == CLEAN
    assert 'href="https://example.com/?q=2"' in article.introduction


def test_other_links_are_kept_as_written():
    kept = (
        '<p><a href="https://example.com/a?b=1&amp;source=feed#part-2" rel="noopener noreferrer">'
        'one</a> <a href="mailto:press@example.com?subject=Hi" rel="noopener noreferrer">two</a>'
        "</p>"
    )

    article = ArticleFactory(body=kept)

    article.refresh_from_db()
    assert article.body == kept


def test_a_site_page_s_links_lose_their_tracking_too():
    page = SitePageFactory(body='<p><a href="https://example.com/?utm_medium=social">Us</a></p>')

    page.refresh_from_db()
    assert page.body == '<p><a href="https://example.com/" rel="noopener noreferrer">Us</a></p>'
