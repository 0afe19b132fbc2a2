"""An editor sends a piece in review back to its writer as a draft, with the form's edits."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_an_editor_returns_a_piece_in_review_to_draft_with_the_edits(editor_client, contributor):
    piece = ArticleFactory(
        headline="Not yet", status="in-review", published_at=None, created_by=contributor
    )
    data = form_data(editor_client.get(change_url(piece)), headline="Needs a second source")

    response = editor_client.post(change_url(piece), data | {"_return": ""})

    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.headline, piece.status) == ("Needs a second source", Article.Status.DRAFT)
    assert piece.published_at is None
    latest = Version.objects.get_for_object(piece).order_by("-pk").first()
    assert latest.revision.comment.startswith("Returned to draft.")
    # Off the editors' review list, and back on the writer's drafts to submit again.
    board = editor_client.get("/admin/").context["board"]
    assert piece not in board.awaiting_review


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft", "published_at": None},
        {},
        {"status": "unpublished"},
    ],
    ids=["draft", "live", "pulled"],
)
def test_only_a_piece_in_review_is_returned_to_draft(editor_client, fields):
    article = ArticleFactory(**fields)
    status = article.status
    data = form_data(editor_client.get(change_url(article)))

    response = editor_client.post(change_url(article), data | {"_return": ""})

    assert "Only a piece in review goes back to draft." in errors_on(response)
    article.refresh_from_db()
    assert article.status == status
