"""An article's version only rises when a version is written back from its history: a revision
restored or a deleted piece recovered, in the admin or from code, and for a piece deleted before
the version at deletion was kept. An edit form opened before is then refused as stale. The
version at deletion is kept only while it can serve a recovery."""

import pytest
import reversion
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, DeletedVersion
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"
STALE = "saved this article"


@pytest.fixture
def piece():
    """A piece kept in a revision, then saved once outside any (as some changes are)."""
    article = ArticleFactory(headline="Harbour plan", dek="First dek.")
    with reversion.create_revision():
        article.save()
    article.dek = "Second dek."
    article.save()
    return article


def deleted_revision(piece) -> Version:
    pk = piece.pk
    piece.delete()
    piece.pk = pk  # the id it comes back under
    (version,) = Version.objects.get_deleted(Article)
    assert int(version.object_id) == pk
    return version


def opened(client, piece) -> dict:
    """The change form as an editor opened it, with their edit."""
    return form_data(client.get(CHANGE.format(piece.pk)), dek="Mine, from before.")


def refused_as_stale(client, piece, data) -> None:
    before = database_snapshot()
    response = client.post(CHANGE.format(piece.pk), data)
    assert STALE in errors_on(response)
    assert database_snapshot() == before
    assert Article.objects.get(pk=piece.pk).dek != "Mine, from before."


def test_a_piece_recovered_from_code_is_past_the_version_it_was_deleted_at(editor_client, piece):
    at_deletion = piece.version
    data = opened(editor_client, piece)

    deleted_revision(piece).revision.revert()

    assert Article.objects.get(pk=piece.pk).version > at_deletion
    refused_as_stale(editor_client, piece, data)


def test_a_revision_restored_from_code_is_past_the_live_version(editor_client, piece):
    live = Article.objects.get(pk=piece.pk).version
    data = opened(editor_client, piece)

    Version.objects.get_for_object(piece).get().revert()

    restored = Article.objects.get(pk=piece.pk)
    assert (restored.dek, restored.version) == ("First dek.", live + 1)
    refused_as_stale(editor_client, piece, data)


@pytest.mark.parametrize("where", ["admin", "code"])
def test_a_piece_deleted_before_versions_were_kept_recovers_past_its_history(editor_client, where):
    """No version at deletion is known: the recovery continues from the highest version its
    revisions hold, so a form opened on the version last kept is stale."""
    article = ArticleFactory(headline="Harbour plan", dek="First dek.")
    with reversion.create_revision():
        article.save()
    data = opened(editor_client, article)
    in_history = article.version
    version = deleted_revision(article)
    DeletedVersion.objects.all().delete()

    if where == "admin":
        url = f"/admin/articles/article/recover/{version.pk}/"
        assert editor_client.post(url, form_data(editor_client.get(url))).status_code == 302
    else:
        version.revision.revert()

    assert Article.objects.get(pk=article.pk).version > in_history
    refused_as_stale(editor_client, article, data)


def test_a_piece_recovered_in_the_admin_refuses_a_form_opened_before_its_deletion(
    editor_client, piece
):
    data = opened(editor_client, piece)
    at_deletion = piece.version
    version = deleted_revision(piece)
    url = f"/admin/articles/article/recover/{version.pk}/"

    assert editor_client.post(url, form_data(editor_client.get(url))).status_code == 302

    assert Article.objects.get(pk=piece.pk).version > at_deletion
    refused_as_stale(editor_client, piece, data)


def test_a_contributor_cannot_recover_with_forged_ids(contributor_client, editor_client, piece):
    version = deleted_revision(piece)
    url = f"/admin/articles/article/recover/{version.pk}/"
    forged = form_data(editor_client.get(url))
    before = database_snapshot()

    for made_up in (url, f"/admin/articles/article/recover/{version.pk + 1000}/"):
        assert contributor_client.get(made_up).status_code == 403
        assert contributor_client.post(made_up, forged).status_code == 403

    assert database_snapshot() == before


def at_deletion() -> dict[int, int]:
    return dict(DeletedVersion.objects.values_list("article_id", "version"))


def test_the_version_at_deletion_is_kept_until_a_recovery_carries_it(editor_client, piece):
    version = deleted_revision(piece)
    kept = {piece.pk: piece.version}
    assert at_deletion() == kept
    url = f"/admin/articles/article/recover/{version.pk}/"

    # Opening the recover page saves nothing.
    shown = editor_client.get(url)
    assert at_deletion() == kept

    assert editor_client.post(url, form_data(shown)).status_code == 302

    assert at_deletion() == {}
    recovered = Article.objects.get(pk=piece.pk)
    recovered.delete()
    assert at_deletion() == {piece.pk: recovered.version}


def test_the_version_at_deletion_goes_with_the_last_of_the_pieces_revisions(piece):
    deleted_revision(piece)
    other = ArticleFactory(headline="Another harbour")
    for _ in range(2):
        with reversion.create_revision():
            other.save()
    other_pk = other.pk
    other.delete()
    assert set(at_deletion()) == {piece.pk, other_pk}

    # Pruned down to one revision each: both can still be recovered.
    call_command("deleterevisions", "articles.article", keep=1, verbosity=0)
    assert set(at_deletion()) == {piece.pk, other_pk}

    call_command("deleterevisions", "articles.article", verbosity=0)
    assert at_deletion() == {}
