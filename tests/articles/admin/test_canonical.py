"""The change form says where search engines and shares of a piece are sent, and offers
"canonical here" for cross-posts the newsroom may republish as its own."""

from html import unescape

import pytest
from django.utils.html import strip_tags

from articles.models import Article
from tests.admin_forms import form_data
from tests.articles.pages import page_text
from tests.articles.seo.test_structured_data import head_tags
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/"
OWN = "http://testserver/news/tv-show/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def sent_to(html: str) -> str:
    """The form's read-only line about where search engines and shares go, as text."""
    start = html.index('<p class="shares-sent-to">')
    return " ".join(unescape(strip_tags(html[start : html.index("</p>", start)])).split())


def cross_post_fieldset(html: str) -> str:
    start = html.rindex("<fieldset", 0, html.index("Cross-post: where this piece first appeared"))
    return html[start : html.index(">", start) + 1]


@pytest.fixture
def cross_post():
    return ArticleFactory(
        slug="tv-show",
        origin_url=ORIGIN,
        authors=[AuthorFactory(name="Dana Whitfield", slug="dana")],
    )


def test_a_cross_post_form_says_search_engines_and_shares_go_to_the_original(
    editor_client, cross_post
):
    html = editor_client.get(change_url(cross_post)).content.decode()

    assert sent_to(html) == f"Search engines and shares are sent to: {ORIGIN} (the original)"
    assert f'<a href="{ORIGIN}" rel="noopener">{ORIGIN}</a>' in html
    # Shown open, not folded away, once the piece is a cross-post.
    assert "collapse" not in cross_post_fieldset(html)
    assert "Canonical here:" in html


def test_canonical_here_sends_them_to_the_newsroom_and_keeps_the_credit(
    editor_client, client, cross_post
):
    assert head_tags(client.get(OWN).content.decode()).canonical == [ORIGIN]
    data = form_data(editor_client.get(change_url(cross_post)), indexing="self")

    assert editor_client.post(change_url(cross_post), data).status_code == 302

    form = editor_client.get(change_url(cross_post)).content.decode()
    assert sent_to(form) == f"Search engines and shares are sent to: {OWN} (this page)"
    response = client.get(OWN)
    tags = head_tags(response.content.decode())
    assert tags.canonical == tags.og_url == [OWN]
    assert tags.article["url"] == tags.article["mainEntityOfPage"] == OWN
    assert tags.article["isBasedOn"]["url"] == ORIGIN
    assert "This piece was originally published on Dana Whitfield's LinkedIn." in page_text(
        response
    )


def test_a_piece_kept_out_of_search_engines_says_so(editor_client, cross_post):
    Article.objects.filter(pk=cross_post.pk).update(indexing=Article.Indexing.NOINDEX)

    html = editor_client.get(change_url(cross_post)).content.decode()

    assert sent_to(html) == (
        f"Search engines and shares are sent to: {OWN} (this page, which search engines are "
        "asked to keep out of their results)"
    )


def test_a_piece_that_is_no_cross_post_is_its_own_canonical_page(editor_client):
    article = ArticleFactory(slug="tv-show")

    html = editor_client.get(change_url(article)).content.decode()

    assert sent_to(html) == f"Search engines and shares are sent to: {OWN} (this page)"
    assert "collapse" in cross_post_fieldset(html)


def test_a_new_article_is_its_own_page_until_pointed_to_an_original(editor_client):
    html = editor_client.get("/admin/articles/article/add/").content.decode()

    assert sent_to(html) == (
        "Search engines and shares are sent to: this article's own page, once saved (the "
        "original instead, when its URL is given and “Canonical to the original” chosen)"
    )


def test_a_contributor_cannot_make_someone_elses_cross_post_canonical_here(
    contributor_client, editor_client, cross_post
):
    data = form_data(editor_client.get(change_url(cross_post)), indexing="self")
    page = contributor_client.get(change_url(cross_post)).content.decode()

    response = contributor_client.post(change_url(cross_post), data)

    assert f"Search engines and shares are sent to: {ORIGIN}" in sent_to(page)
    assert response.status_code == 403
    cross_post.refresh_from_db()
    assert cross_post.indexing == Article.Indexing.ORIGIN
