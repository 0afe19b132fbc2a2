"""Restoring a version (or recovering a deleted piece) whose address another article has by now.

A version keeps the slug the piece had then. By the time it is restored another article may
live there (one article per address), or have lived there and moved on, leaving a redirect. The
restore page opens with the old version and names the article holding the address; saving it
there is refused on the slug, everything else kept, until the editor gives another slug.
"""

import pytest
import reversion
from django.contrib.messages import get_messages
from reversion.models import Version

from articles.models import Article, SlugRedirect
from articles.workflow import publishing
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db


def kept_version(article) -> Version:
    with reversion.create_revision():
        article.save()
    return Version.objects.get_for_object(article).first()


def restore_url(article, version) -> str:
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/"


def recover_url(version) -> str:
    return f"/admin/articles/article/recover/{version.pk}/"


def taken_by(article) -> str:
    return (
        f'The address /news/harbour-plan/ is taken by “<a href="/admin/articles/article/'
        f'{article.pk}/change/">{article.headline}</a>”.'
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def address_taken_since() -> tuple[Article, Article, Version]:
    """A public piece renamed after its first version was kept, and another article given its
    first address by hand since."""
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    version = kept_version(piece)
    piece.headline, piece.slug = "Harbour plan approved", "harbour-plan-approved"
    piece.save()
    other = ArticleFactory(headline="Another harbour", slug="harbour-plan")
    return piece, other, version


def test_restoring_a_version_whose_address_another_article_took_names_it(editor_client):
    piece, other, version = address_taken_since()
    before = database_snapshot()

    shown = editor_client.get(restore_url(piece, version))

    assert shown.status_code == 200
    form = shown.context["adminform"].form
    assert (form["headline"].value(), form["slug"].value()) == ("Harbour plan", "harbour-plan")
    assert f"{taken_by(other)} Choose another slug" in shown.text
    assert database_snapshot() == before

    response = editor_client.post(restore_url(piece, version), form_data(shown))

    assert taken_by(other) in str(response.context["adminform"].form.errors["slug"])
    assert response.context["adminform"].form["headline"].value() == "Harbour plan"
    assert database_snapshot() == before


def test_the_restored_version_given_another_address_is_saved_there(editor_client, client):
    piece, other, version = address_taken_since()
    shown = editor_client.get(restore_url(piece, version))

    response = editor_client.post(
        restore_url(piece, version), form_data(shown, slug="harbour-plan-first-take")
    )

    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.headline, piece.slug) == ("Harbour plan", "harbour-plan-first-take")
    # The address the piece ran at before the restore leads to it; the other keeps its own.
    assert (
        client.get("/news/harbour-plan-approved/")["Location"] == "/news/harbour-plan-first-take/"
    )
    assert client.get("/news/harbour-plan/").context["article"] == other


def test_recovering_a_deleted_piece_whose_address_another_article_took_names_it(editor_client):
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    version = kept_version(piece)
    piece.delete()
    other = ArticleFactory(headline="Another harbour", slug="harbour-plan")
    before = database_snapshot()

    shown = editor_client.get(recover_url(version))
    assert shown.status_code == 200
    assert shown.context["adminform"].form["slug"].value() == "harbour-plan"
    assert f"{taken_by(other)} Choose another slug" in shown.text
    response = editor_client.post(recover_url(version), form_data(shown))

    assert taken_by(other) in errors_on(response)
    assert database_snapshot() == before

    response = editor_client.post(
        recover_url(version), form_data(shown, slug="harbour-plan-recovered")
    )

    assert response.status_code == 302
    recovered = Article.objects.get(headline="Harbour plan")
    assert recovered.slug == "harbour-plan-recovered"
    # No address was made up on the way, and the one it ran at is the other article's now.
    assert not SlugRedirect.objects.exists()
    assert Article.objects.get(slug="harbour-plan") == other


def test_a_recovered_piece_renamed_leaves_no_redirect_at_an_address_another_article_has(
    editor_client, client
):
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    version = kept_version(piece)
    piece.delete()
    other = ArticleFactory(headline="Another harbour", slug="harbour-plan")
    shown = editor_client.get(recover_url(version))

    response = editor_client.post(
        recover_url(version), form_data(shown, slug="harbour-plan-recovered")
    )

    assert response.status_code == 302
    recovered = Article.objects.get(headline="Harbour plan")
    assert not SlugRedirect.objects.exists()
    assert client.get("/news/harbour-plan/").context["article"] == other
    # The other article renamed, its readers follow it; nothing sends them to the recovered one.
    other.slug = "another-harbour"
    other.save()
    assert list(SlugRedirect.objects.values_list("old_slug", "article")) == [
        ("harbour-plan", other.pk)
    ]
    assert client.get("/news/harbour-plan/")["Location"] == "/news/another-harbour/"
    assert recovered.slug_redirects.count() == 0


def test_a_restored_address_another_piece_left_behind_is_taken_over_as_by_hand(
    editor_client, client
):
    """The slug rule for a piece given another's former address by hand: the redirect keeps
    working until this piece is public there, then this piece answers the address."""
    # A draft at the address first, so that the address is the other piece's history alone.
    piece = ArticleFactory(
        headline="Harbour plan", slug="harbour-plan", status="draft", published_at=None
    )
    version = kept_version(piece)
    piece.slug = "harbour-plan-approved"
    piece.save()
    publishing.publish_now(piece)
    other = ArticleFactory(headline="Another harbour", slug="harbour-plan")
    other.slug = "another-harbour"
    other.save()
    assert client.get("/news/harbour-plan/")["Location"] == "/news/another-harbour/"

    shown = editor_client.get(restore_url(piece, version))

    assert shown.status_code == 200
    assert (
        "This version's address, /news/harbour-plan/, is a former address of "
        f'“<a href="/admin/articles/article/{other.pk}/change/">Another harbour</a>”'
    ) in " ".join(messages_of(shown))
    response = editor_client.post(restore_url(piece, version), form_data(shown))

    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.slug == "harbour-plan"
    assert client.get("/news/harbour-plan/").context["article"] == piece
    assert client.get("/news/harbour-plan-approved/")["Location"] == "/news/harbour-plan/"


def test_a_taken_address_is_named_on_any_save_only_to_those_who_may_open_its_article(
    contributor, contributor_client, editor_client
):
    draft = ArticleFactory(headline="A rival draft", slug="harbour-plan", status="draft")
    mine = ArticleFactory(headline="Mine", slug="mine", status="draft", created_by=contributor)
    url = f"/admin/articles/article/{mine.pk}/change/"
    as_contributor = form_data(contributor_client.get(url), slug="harbour-plan")
    as_editor = form_data(editor_client.get(url), slug="harbour-plan")
    before = database_snapshot()

    refused = contributor_client.post(url, as_contributor)
    named = editor_client.post(url, as_editor)

    assert (
        "The address /news/harbour-plan/ is taken by a piece you cannot open. Choose another "
        "slug, or empty the field to make one from the headline."
    ) in errors_on(refused)
    assert "A rival draft" not in refused.text
    assert taken_by(draft) in errors_on(named)
    assert database_snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_cannot_restore_or_recover_even_with_forged_ids(
    contributor, contributor_client, editor_client, method
):
    piece, other, version = address_taken_since()
    Article.objects.filter(pk__in=[piece.pk, other.pk]).update(created_by=contributor)
    data = form_data(editor_client.get(restore_url(piece, version)), slug="elsewhere")
    before = database_snapshot()

    for url in (
        restore_url(piece, version),
        # The piece's version through the other article's page.
        restore_url(other, version),
        recover_url(version),
    ):
        response = getattr(contributor_client, method)(url, data if method == "post" else None)
        assert response.status_code == 403, url

    assert database_snapshot() == before


def test_an_editor_cannot_restore_a_version_through_another_articles_page(editor_client):
    piece, other, version = address_taken_since()
    data = form_data(editor_client.get(restore_url(piece, version)), slug="elsewhere")
    before = database_snapshot()

    assert editor_client.get(restore_url(other, version)).status_code == 404
    assert editor_client.post(restore_url(other, version), data).status_code == 404
    # A live piece's version is not a deleted piece's.
    assert editor_client.post(recover_url(version), data).status_code == 404

    assert database_snapshot() == before
