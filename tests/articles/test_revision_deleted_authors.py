"""A version whose byline names an author deleted since (taken off every piece, then deleted):
the restore or recover page opens without that byline, naming the author, and saving it keeps
the bylines whose authors are still there."""

import pytest
import reversion
from django.contrib.messages import get_messages
from reversion.models import Version

from articles.models import Article, Author
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

GONE = (
    "This version's byline names Xavier Gone, deleted since: the bylines below leave them out. "
    "To credit them again, recover or add them under Authors, then add their byline."
)


def kept(article) -> Version:
    with reversion.create_revision():
        article.save()
    return Version.objects.get_for_object(article).first()


def delete_author(editor_client, author) -> None:
    response = editor_client.post(f"/admin/articles/author/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Author.objects.filter(pk=author.pk).exists()


def said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def bylines_of(article) -> list[str]:
    return list(article.bylines.values_list("author__name", flat=True))


def test_restoring_a_version_naming_a_deleted_author_leaves_them_out_and_says_so(
    editor_client, client
):
    gone = AuthorFactory(name="Xavier Gone")
    here = AuthorFactory(name="Yvonne Here")
    article = ArticleFactory(headline="First headline", authors=[gone, here])
    version = kept(article)
    article.bylines.filter(author=gone).delete()
    article.headline = "Second headline"
    kept(article)
    delete_author(editor_client, gone)
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/"

    shown = editor_client.get(url)

    assert shown.status_code == 200
    assert GONE in said(shown)
    assert editor_client.post(url, form_data(shown, _continue="Save")).status_code == 302
    article.refresh_from_db()
    assert (article.headline, bylines_of(article)) == ("First headline", ["Yvonne Here"])
    assert client.get(article.get_absolute_url()).status_code == 200


def test_recovering_a_piece_naming_a_deleted_author_leaves_them_out_and_says_so(editor_client):
    gone = AuthorFactory(name="Xavier Gone")
    here = AuthorFactory(name="Yvonne Here")
    article = ArticleFactory(headline="Harbour plan", authors=[gone, here])
    kept(article)
    pk = article.pk
    article.delete()
    delete_author(editor_client, gone)
    (version,) = Version.objects.get_deleted(Article)
    url = f"/admin/articles/article/recover/{version.pk}/"

    shown = editor_client.get(url)

    assert shown.status_code == 200
    assert GONE in said(shown)
    assert editor_client.post(url, form_data(shown, _continue="Save")).status_code == 302
    assert bylines_of(Article.objects.get(pk=pk)) == ["Yvonne Here"]
