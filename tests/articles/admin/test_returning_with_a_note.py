"""An editor returning a piece to draft may leave its writer a short note: kept in the piece's
history and shown to the writer on its page until they submit it again."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "Needs a second source for the figures in paragraph three."


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def latest_comment(article) -> str:
    return Version.objects.get_for_object(article).order_by("-pk").first().revision.comment


@pytest.fixture
def in_review(contributor):
    return ArticleFactory(
        headline="Not yet",
        status="in-review",
        published_at=None,
        created_by=contributor,
        authors=[AuthorFactory(user=contributor)],
    )


def test_the_note_field_stands_beside_the_return_button_for_editors(editor_client, in_review):
    html = editor_client.get(change_url(in_review)).content.decode()

    field = html.index('name="return_reason"')
    assert 'maxlength="300"' in html[field - 200 : field + 200]
    assert html.index('name="_return"') > field
    assert "Note to the writer" in html


def test_an_editor_returns_a_piece_with_a_note_the_writer_then_reads(
    editor_client, contributor_client, in_review
):
    data = form_data(editor_client.get(change_url(in_review)))

    response = editor_client.post(
        change_url(in_review), data | {"_return": "", "return_reason": f"  {NOTE}\n "}
    )

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.DRAFT, NOTE)
    comment = latest_comment(in_review)
    assert comment.startswith("Returned to draft.")
    assert f"Note to the writer: “{NOTE}”" in comment
    page = contributor_client.get(change_url(in_review)).content.decode()
    assert "Returned to draft by Edna Editor on " in page
    assert f": “{NOTE}”</p>" in page
    history = contributor_client.get(change_url(in_review).replace("change", "history"))
    assert NOTE in history.content.decode()


def test_the_note_is_plain_text_escaped_wherever_it_is_shown(
    editor_client, contributor_client, in_review
):
    hostile = '<script>alert("x")</script> & <b>bold</b>\x07'
    data = form_data(editor_client.get(change_url(in_review)))
    editor_client.post(change_url(in_review), data | {"_return": "", "return_reason": hostile})

    in_review.refresh_from_db()
    assert in_review.return_note == '<script>alert("x")</script> & <b>bold</b>'
    for address in (change_url(in_review), change_url(in_review).replace("change", "history")):
        html = contributor_client.get(address).content.decode()
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html


def test_a_return_without_a_note_is_named_without_one(editor_client, contributor_client, in_review):
    data = form_data(editor_client.get(change_url(in_review)))
    editor_client.post(change_url(in_review), data | {"_return": "", "return_reason": "   "})

    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.DRAFT, "")
    assert "Note to the writer" not in latest_comment(in_review)
    page = contributor_client.get(change_url(in_review)).content.decode()
    assert "Returned to draft by Edna Editor on " in page
    assert "“" not in page[page.index("publishing__returned") :].partition("</p>")[0]


def test_a_note_over_the_limit_is_refused_and_nothing_changes(editor_client, in_review):
    data = form_data(editor_client.get(change_url(in_review)))

    response = editor_client.post(
        change_url(in_review), data | {"_return": "", "return_reason": "x" * 301}
    )

    assert "Keep the note to 300 characters (it has 301)." in errors_on(response)
    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.IN_REVIEW, "")


def test_a_note_typed_but_not_sent_with_return_is_not_kept(editor_client, in_review):
    data = form_data(editor_client.get(change_url(in_review)))

    editor_client.post(change_url(in_review), data | {"_continue": "", "return_reason": NOTE})

    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.IN_REVIEW, "")


def test_submitting_again_clears_the_note(editor_client, contributor_client, in_review):
    data = form_data(editor_client.get(change_url(in_review)))
    editor_client.post(change_url(in_review), data | {"_return": "", "return_reason": NOTE})

    data = form_data(contributor_client.get(change_url(in_review)))
    contributor_client.post(change_url(in_review), data | {"_submit": ""})

    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.IN_REVIEW, "")
    assert NOTE not in editor_client.get(change_url(in_review)).content.decode()


def test_contributors_are_offered_no_note_and_cannot_leave_one(contributor_client, in_review):
    page = contributor_client.get(change_url(in_review))
    assert 'name="return_reason"' not in page.content.decode()
    data = form_data(page)

    forged_return = contributor_client.post(
        change_url(in_review), data | {"_return": "", "return_reason": NOTE}
    )
    saved = contributor_client.post(
        change_url(in_review), data | {"_continue": "", "return_reason": NOTE}
    )

    assert forged_return.status_code == 403
    assert saved.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.status, in_review.return_note) == (Article.Status.IN_REVIEW, "")
    assert NOTE not in latest_comment(in_review)


def test_a_contributor_cannot_return_another_writers_piece_with_a_note(
    contributor_client, editor_client
):
    theirs = ArticleFactory(
        status="in-review", published_at=None, created_by=StaffFactory(group="Contributors")
    )
    data = form_data(editor_client.get(change_url(theirs)))

    response = contributor_client.post(
        change_url(theirs), data | {"_return": "", "return_reason": NOTE}
    )

    assert response.status_code in {403, 404}
    theirs.refresh_from_db()
    assert (theirs.status, theirs.return_note) == (Article.Status.IN_REVIEW, "")
