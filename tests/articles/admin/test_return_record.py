"""A piece returned to draft records who returned it and when, with or without a note: its
writer reads them in the notice until the piece moves on, and any move clears them."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.admin_forms import form_data, saved
from tests.articles.admin.test_return_notice import change_url, client_for, notice
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "Needs a second source."


def returned_as(client, article, **extra):
    """`client` presses "Return to draft" on `article`; the response."""
    data = form_data(client.get(change_url(article)))
    return client.post(change_url(article), data | {"_return": "", **extra})


def the_return(article) -> tuple:
    article.refresh_from_db()
    return (article.status, article.return_note, article.returned_by, article.returned_at)


def test_a_return_records_the_editor_who_pressed_it_and_when(editor_client, editor, in_review):
    before = timezone.now()

    assert returned_as(editor_client, in_review, return_reason=NOTE).status_code == 302

    status, note, by, at = the_return(in_review)
    assert (status, note, by) == (Article.Status.DRAFT, NOTE, editor)
    assert before <= at <= timezone.now()


def test_a_return_without_a_note_shows_the_writer_who_returned_it_and_when(
    editor_client, contributor_client, in_review
):
    returned_as(editor_client, in_review, return_reason="  ")
    in_review.refresh_from_db()

    shown = unescape(strip_tags(notice(contributor_client, in_review)))

    assert in_review.return_note == ""
    assert (
        shown == f"Returned to draft by Edna Editor on {display_datetime(in_review.returned_at)}."
    )


def test_a_forged_returner_is_ignored_and_the_editor_pressing_is_named(
    editor_client, editor, in_review
):
    other = StaffFactory(username="desk", group="Editors")
    forged = {
        "returned_by": other.pk,
        "returned_at": "2020-01-01 00:00",
        "return_note": "Forged.",
    }

    returned_as(editor_client, in_review, **forged)

    status, note, by, at = the_return(in_review)
    assert (status, note, by) == (Article.Status.DRAFT, "", editor)
    assert at > timezone.now() - timedelta(minutes=1)


def test_a_contributor_cannot_return_a_piece_nor_forge_a_return(
    contributor_client, editor, in_review
):
    forged = {"returned_by": editor.pk, "returned_at": "2020-01-01 00:00", "return_note": NOTE}

    assert returned_as(contributor_client, in_review, **forged).status_code == 403
    saved(contributor_client, change_url(in_review), **forged)
    draft = ArticleFactory(status="draft", published_at=None, created_by=in_review.created_by)
    saved(contributor_client, change_url(draft), **forged)

    assert the_return(in_review) == (Article.Status.IN_REVIEW, "", None, None)
    assert the_return(draft) == (Article.Status.DRAFT, "", None, None)
    assert notice(contributor_client, draft) == ""


def test_the_writers_saves_keep_the_return_and_submitting_clears_it(
    editor_client, contributor_client, in_review
):
    returned_as(editor_client, in_review)
    saved(contributor_client, change_url(in_review), headline="With a second source")
    assert the_return(in_review)[2] is not None

    saved(contributor_client, change_url(in_review), _submit="")

    assert the_return(in_review) == (Article.Status.IN_REVIEW, "", None, None)
    assert notice(editor_client, in_review) == ""


@pytest.mark.parametrize(
    "move",
    [
        publishing.submit_for_review,
        publishing.publish_now,
        lambda piece: publishing.publish(piece, at=timezone.now() + timedelta(days=1)),
        lambda piece: publishing.embargo(piece, until=timezone.now() + timedelta(days=1)),
    ],
    ids=["submit", "publish", "schedule", "embargo"],
)
def test_any_move_from_the_returned_draft_clears_its_return(editor, in_review, move):
    publishing.return_to_draft(in_review, note=NOTE, by=editor)

    move(in_review)

    stored = Article.objects.get(pk=in_review.pk)
    assert (stored.return_note, stored.returned_by, stored.returned_at) == ("", None, None)
    assert publishing.standing_return(stored) is None


def test_unpublishing_a_piece_published_before_returns_were_cleared_shows_no_return(editor):
    # A note left on a piece published before a publication cleared it.
    piece = ArticleFactory(return_note=NOTE, returned_by=editor, returned_at=timezone.now())

    publishing.unpublish(piece)

    stored = Article.objects.get(pk=piece.pk)
    assert (stored.return_note, stored.returned_by, stored.returned_at) == ("", None, None)


def test_a_return_from_a_script_names_no_editor_but_says_when(contributor_client, in_review):
    publishing.return_to_draft(in_review)

    shown = unescape(strip_tags(notice(contributor_client, in_review)))

    assert shown.startswith("Returned to draft on ")
    assert shown.endswith(".")


def test_the_bulk_publish_action_clears_the_return(admin_client, editor, in_review):
    publishing.return_to_draft(in_review, note=NOTE, by=editor)

    admin_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [in_review.pk]},
    )

    assert the_return(in_review) == (Article.Status.PUBLISHED, "", None, None)


def change_view_queries(client, article) -> list[str]:
    client.get(change_url(article))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(change_url(article)).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_notice_costs_the_change_view_one_query_and_reads_no_history(
    editor_client, contributor_client, contributor, in_review
):
    never_returned = ArticleFactory(
        status="draft",
        published_at=None,
        created_by=contributor,
        authors=[in_review.bylines.get().author],
    )
    plain = change_view_queries(contributor_client, never_returned)
    returned_as(editor_client, in_review, return_reason=NOTE)
    for _ in range(3):
        saved(contributor_client, change_url(in_review))

    queries = change_view_queries(contributor_client, in_review)

    assert "by Edna Editor" in notice(contributor_client, in_review)
    assert len(queries) == len(plain) + 1, set(queries) - set(plain)
    assert not [sql for sql in queries if "Returned to draft" in sql]


def test_another_contributor_forging_a_return_of_the_piece_is_refused(editor_client, in_review):
    other = client_for(StaffFactory(group="Contributors"))
    data = form_data(editor_client.get(change_url(in_review)))

    response = other.post(change_url(in_review), data | {"_return": "", "return_reason": NOTE})

    assert response.status_code in {403, 404}
    assert the_return(in_review) == (Article.Status.IN_REVIEW, "", None, None)
