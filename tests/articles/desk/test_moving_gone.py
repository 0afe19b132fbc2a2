"""Moving a piece that is gone: deleted since the calendar was opened, or not the user's to
move. The drag and drop and the "Move" page both say so, and never name a piece the user may
not open."""

from datetime import UTC, datetime

import pytest

from articles.desk import rescheduling
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db

LAUNCH = datetime(2031, 3, 12, 8, 30, tzinfo=UTC)
JSON = {"Accept": "application/json"}
DELETED = "This piece was deleted since the calendar was opened, so there is nothing to move."
NOT_FOUND = "This piece is no longer on your calendar: it was deleted, or it is not yours to move."
NOT_YOURS = "This piece is not yours to move: only editors move pieces on the calendar."


def move_url(pk: int) -> str:
    return f"/admin/desk/articles/{pk}/move/"


def new_time(version: int = 1, **extra) -> dict:
    return {"when_0": "2031-03-14", "when_1": "10:15", "version": str(version), **extra}


def deleted_piece() -> int:
    piece = ArticleFactory(headline="Secret launch", published_at=LAUNCH)
    pk = piece.pk
    piece.delete()
    return pk


def test_dragging_a_deleted_piece_says_it_was_deleted(editor_client):
    response = editor_client.post(move_url(deleted_piece()), new_time(), headers=JSON)

    assert response.status_code == 404
    assert response.json() == {"errors": [DELETED]}


def test_the_move_link_of_a_deleted_piece_says_it_was_deleted(editor_client):
    pk = deleted_piece()

    for response in (
        editor_client.get(move_url(pk) + "?view=week"),
        editor_client.post(move_url(pk), new_time(view="week")),
    ):
        assert response.status_code == 404
        html = response.content.decode()
        assert DELETED in html
        assert 'href="/admin/desk/calendar/week/"' in html  # back to the calendar it came from
        assert "Secret launch" not in html


def test_a_piece_deleted_while_it_is_being_moved_says_so(editor_client, monkeypatch):
    piece = ArticleFactory(headline="Launch day", published_at=LAUNCH)

    def deleted_meanwhile(*, article, token):
        type(article).objects.filter(pk=article.pk).delete()

    monkeypatch.setattr(rescheduling.editing, "find_conflict", deleted_meanwhile)
    response = editor_client.post(move_url(piece.pk), new_time(piece.version), headers=JSON)

    assert response.status_code == 404
    assert response.json() == {"errors": [DELETED]}


@pytest.mark.parametrize("headers", [JSON, {}], ids=["drag", "link"])
def test_someone_elses_piece_is_not_found_and_not_named(contributor_client, contributor, headers):
    theirs = ArticleFactory(
        headline="Unannounced merger",
        status="draft",
        published_at=None,
        planned_for=LAUNCH,
        created_by=StaffFactory(group="Contributors"),
    )
    mine_deleted = ArticleFactory(
        headline="My old idea", status="draft", published_at=None, created_by=contributor
    )
    gone = mine_deleted.pk
    mine_deleted.delete()

    answers = [
        contributor_client.post(move_url(pk), new_time(), headers=headers)
        for pk in (theirs.pk, gone, 987654)
    ]

    # The same words for another's piece, a deleted one and an id that never was: nothing tells
    # them apart, or names the piece.
    for response in answers:
        assert response.status_code == 404
        body = response.content.decode()
        assert "Unannounced merger" not in body
        if headers:
            assert response.json() == {"errors": [NOT_FOUND]}
        else:
            assert NOT_FOUND in body
    theirs.refresh_from_db()
    assert theirs.planned_for == LAUNCH


def test_dragging_a_piece_that_is_not_yours_to_move_says_so(contributor_client, contributor):
    own = ArticleFactory(
        status="draft", published_at=None, planned_for=LAUNCH, created_by=contributor
    )

    dragged = contributor_client.post(move_url(own.pk), new_time(own.version), headers=JSON)
    opened = contributor_client.get(move_url(own.pk))

    assert dragged.status_code == 403
    assert dragged.json() == {"errors": [NOT_YOURS]}
    assert opened.status_code == 403
    assert NOT_YOURS in opened.content.decode()
    own.refresh_from_db()
    assert own.planned_for == LAUNCH
