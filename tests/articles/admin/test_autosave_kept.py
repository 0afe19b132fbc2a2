"""Autosave: what of the change form's unsaved changes is kept for their editor, and what is
not."""

import pytest
from reversion.models import Version

from articles.models import Article, ContentWarning, DraftBuffer
from articles.workflow import editing
from tests.articles.admin.autosave_requests import (
    autosave_url,
    draft_fixture,  # noqa: F401
    keep,
)
from tests.factories import ArticleFactory, AuthorFactory, MediaKitItemFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_typing_is_kept_for_the_editor_and_never_in_the_article(editor, editor_client, draft):
    revisions = Version.objects.get_for_object(draft).count()
    before = draft.updated_at

    response = keep(editor_client, draft, {"headline": "Plan in decades", "dek": "Slowly."})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    buffer = DraftBuffer.objects.get(article=draft, user=editor)
    assert buffer.fields == {"headline": "Plan in decades", "dek": "Slowly."}
    assert buffer.based_on_version == draft.version
    draft.refresh_from_db()
    assert draft.headline == "Plan in seasons"
    assert draft.updated_at == before
    assert Version.objects.get_for_object(draft).count() == revisions


def test_each_save_replaces_the_editors_one_buffer(editor, editor_client, draft):
    keep(editor_client, draft, {"headline": "One"})
    keep(editor_client, draft, {"headline": "Two"})

    assert DraftBuffer.objects.filter(article=draft).count() == 1
    assert DraftBuffer.objects.get().fields == {"headline": "Two"}


def test_inline_rows_and_split_date_boxes_are_fields_of_the_form(editor, editor_client, draft):
    fields = {
        "headline": "Plan",
        "planned_for_0": "2030-01-02",
        "planned_for_1": "09:00",
        "bylines-TOTAL_FORMS": "2",
        "bylines-0-author": "1",
        "bylines-1-role": "Co-CEO",
        "warnings-0-text": "contains spoilers",
        "press_contacts": ["1", "2"],
        "tags": "Culture, Work",
    }

    assert keep(editor_client, draft, fields).status_code == 200
    assert DraftBuffer.objects.get().fields == fields


def test_the_editor_gets_their_buffer_back_with_the_authors_it_names(editor_client, draft):
    author = AuthorFactory(name="Ruth Calloway")
    token = editing.edit_token(draft)
    keep(editor_client, draft, {"headline": "Back", "bylines-0-author": str(author.pk)}, token)

    answer = editor_client.get(autosave_url(draft)).json()

    assert answer["fields"] == {"headline": "Back", "bylines-0-author": str(author.pk)}
    assert answer["token"] == token
    assert answer["options"] == {"bylines-0-author": [[str(author.pk), "Ruth Calloway"]]}


def test_a_buffer_never_labels_rows_of_another_article(contributor_client, draft):
    """An inline row's key picks among every row of its model: forged keys of another piece's
    warning and kit picture are kept, but their text is never handed back."""
    hidden = ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE,
        status="draft",
        created_by=StaffFactory(username="ed", group="Editors"),
    )
    warning = ContentWarning.objects.create(
        article=hidden, kind=ContentWarning.Kind.SPOILERS, text="spoils Project Falcon's launch"
    )
    item = MediaKitItemFactory(article=hidden, title="Falcon prototype on the launch pad")
    release = ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE, status="draft", created_by=draft.created_by
    )
    fields = {"warnings-0-id": str(warning.pk), "kit_items-0-id": str(item.pk)}
    assert keep(contributor_client, release, fields).status_code == 200

    answer = contributor_client.get(autosave_url(release))

    assert answer.json()["options"] == {}
    assert "Falcon" not in answer.content.decode()


def test_nothing_kept_is_a_404(editor_client, draft):
    assert editor_client.get(autosave_url(draft)).status_code == 404


def test_a_text_longer_than_a_megabyte_that_a_save_takes_is_kept(editor, editor_client, draft):
    # 3 MB of markup, its quotes escaped to past 3.5 MB of JSON: a save takes up to 5 MB.
    body = '<p class="lead">Words.</p>' * 120_000

    response = keep(editor_client, draft, {"headline": "Long", "body": body})

    assert response.status_code == 200
    assert DraftBuffer.objects.get(article=draft, user=editor).fields["body"] == body
