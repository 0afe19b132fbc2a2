"""A piece's standing return is workflow state, like its status: restoring a version keeps the
return the piece has now, comparisons leave out who returned it and when, and nothing public
carries them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.events.payloads import article_payload
from articles.models import Article
from articles.workflow import publishing
from tests.admin_forms import form_data, saved
from tests.articles.admin.test_return_notice import client_for
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "Needs a second source."


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def restore_url(article, version) -> str:
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/"


def before_and_while_returned(article) -> list[Version]:
    """The versions saved just before the return and with it (the first is the factory's)."""
    return list(Version.objects.get_for_object(article).order_by("pk"))[1:3]


def the_return(article) -> tuple:
    article.refresh_from_db()
    return (article.status, article.return_note, article.returned_by, article.returned_at)


@pytest.fixture
def returned(editor_client, contributor):
    """A piece saved in review, returned with a note (its second revision), then submitted."""
    piece = ArticleFactory(
        headline="Harbour plan",
        status="in-review",
        published_at=None,
        created_by=contributor,
        authors=[AuthorFactory(user=contributor)],
    )
    saved(editor_client, change_url(piece), dek="As first written.")
    saved(editor_client, change_url(piece), dek="As returned.", _return="", return_reason=NOTE)
    return piece


def test_restoring_a_version_saved_while_returned_brings_back_no_lapsed_return(
    editor_client, contributor_client, returned
):
    saved(contributor_client, change_url(returned), _submit="")
    while_returned = before_and_while_returned(returned)[1]
    assert while_returned.field_dict["return_note"] == NOTE

    page = editor_client.get(restore_url(returned, while_returned))
    assert page.context["publishing"]["returned"] is None
    response = editor_client.post(restore_url(returned, while_returned), form_data(page))

    assert response.status_code == 302
    assert the_return(returned) == (Article.Status.IN_REVIEW, "", None, None)
    assert returned.dek == "As returned."


def test_restoring_a_version_from_before_the_return_keeps_the_return_standing(
    editor_client, editor, contributor_client, returned
):
    standing = the_return(returned)
    before = before_and_while_returned(returned)[0]
    assert before.field_dict["returned_by_id"] is None

    page = editor_client.get(restore_url(returned, before))
    assert page.context["publishing"]["returned"].by == "Edna Editor"
    editor_client.post(restore_url(returned, before), form_data(page))

    assert the_return(returned) == standing
    assert standing[2] == editor
    assert returned.dek == "As first written."
    assert "Returned to draft by Edna Editor" in (
        contributor_client.get(change_url(returned)).content.decode()
    )


def test_comparing_across_a_return_leaves_out_who_returned_it_and_when(editor_client, returned):
    before, while_returned = before_and_while_returned(returned)

    response = editor_client.get(
        f"/admin/articles/article/{returned.pk}/history/compare/",
        {"from": before.pk, "to": while_returned.pk},
    )

    labels = [change.label for change in response.context["changes"]]
    assert sorted(labels) == ["Note on returning to draft", "Status", "Summary (dek)"]
    assert "Returned to draft by" not in response.content.decode()


def test_a_deleted_returned_draft_comes_back_with_its_return(editor_client, editor, returned):
    back = recovered(editor_client, returned)

    assert (back.status, back.return_note, back.returned_by) == (
        Article.Status.DRAFT,
        NOTE,
        editor,
    )


def test_what_the_api_and_webhooks_carry_names_no_return(client, editor):
    piece = ArticleFactory(slug="harbour-plan")
    # A return left on a piece published before publishing cleared it.
    Article.objects.filter(pk=piece.pk).update(
        return_note=NOTE, returned_by=editor, returned_at=timezone.now()
    )

    payload = str(article_payload(piece.pk))
    api = client.get(f"/api/v1/articles/{piece.slug}/")

    for shown in (payload, api.content.decode()):
        assert NOTE not in shown
        assert "returned" not in shown.lower()
        assert editor.username not in shown


def test_a_return_made_outside_the_admin_reads_the_same(editor, contributor_client, returned):
    saved(contributor_client, change_url(returned), _submit="")
    returned.refresh_from_db()

    publishing.return_to_draft(returned, by=editor)

    assert publishing.standing_return(returned) == publishing.Return(
        "", "Edna Editor", returned.returned_at
    )


def recovered(client, article) -> Article:
    """`article`, deleted in the admin by `client` and recovered there from its history."""
    client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = f"/admin/articles/article/recover/{deleted.pk}/"
    page = client.get(recover_url)
    assert page.status_code == 200
    assert client.post(recover_url, form_data(page)).status_code == 302
    return Article.objects.get(pk=article.pk)


def test_a_draft_returned_by_an_editor_deleted_since_comes_back_naming_no_one(
    editor_client, contributor_client, returned
):
    dana = StaffFactory(username="dana", first_name="Dana", last_name="Desk", group="Editors")
    saved(contributor_client, change_url(returned), _submit="")
    saved(client_for(dana), change_url(returned), _return="", return_reason=NOTE)
    returned_at = Article.objects.get(pk=returned.pk).returned_at
    dana.delete()

    back = recovered(editor_client, returned)

    assert (back.return_note, back.returned_by) == (NOTE, None)
    # As the history keeps times: to the millisecond.
    assert abs(back.returned_at - returned_at) < timedelta(milliseconds=1)
    assert "Returned to draft on " in contributor_client.get(change_url(back)).content.decode()


def test_a_piece_whose_creator_was_deleted_since_comes_back_with_no_creator(editor_client):
    writer = StaffFactory(username="gone", group="Editors")
    piece = ArticleFactory(created_by=writer, status="draft", published_at=None)
    saved(editor_client, change_url(piece), dek="Saved once in the admin.")
    Article.objects.filter(pk=piece.pk).update(created_by=None)
    writer.delete()

    back = recovered(editor_client, piece)

    assert (back.dek, back.created_by) == ("Saved once in the admin.", None)


def test_a_scheduled_piece_comes_back_a_draft_with_no_return_left_from_before(
    editor_client, editor
):
    piece = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    # A note left on a piece scheduled before publishing cleared it.
    Article.objects.filter(pk=piece.pk).update(
        return_note=NOTE, returned_by=editor, returned_at=timezone.now()
    )
    saved(editor_client, change_url(piece), dek="Saved once in the admin.")

    back = recovered(editor_client, piece)

    assert back.status == Article.Status.DRAFT
    assert (back.return_note, back.returned_by, back.returned_at) == ("", None, None)
