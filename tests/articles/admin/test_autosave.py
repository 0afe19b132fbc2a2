"""Autosave: the change form's unsaved changes kept for their editor, and only for them."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.admin.autosave import BUFFER_LIFETIME, MAX_BYTES
from articles.models import Article, ContentWarning, DraftBuffer
from articles.workflow import editing
from tests.admin_forms import errors_on, form_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    MediaKitItemFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


def autosave_url(article_or_id) -> str:
    pk = getattr(article_or_id, "pk", article_or_id)
    return f"{LIST_URL}{pk}/autosave/"


def discard_url(article) -> str:
    return f"{LIST_URL}{article.pk}/autosave/discard/"


def keep(browser, article_or_id, fields: dict, token: str | None = None, **extra):
    if token is None:
        token = editing.edit_token(Article.objects.get(pk=getattr(article_or_id, "pk", 0)))
    body = json.dumps({"token": token, "fields": fields})
    return browser.post(autosave_url(article_or_id), body, content_type="application/json", **extra)


@pytest.fixture
def draft(contributor):
    return ArticleFactory(
        status="draft",
        headline="Plan in seasons",
        body="<p>First words.</p>",
        created_by=contributor,
        authors=[AuthorFactory(name="Dana Whitfield")],
    )


@pytest.fixture
def viewer_client():
    viewer = UserFactory(username="vera", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    browser = Client()
    browser.force_login(viewer)
    return browser


# What is kept, and what is not.


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


# Who may keep and read a buffer.


def test_a_contributor_keeps_changes_to_their_own_draft(contributor, contributor_client, draft):
    assert keep(contributor_client, draft, {"headline": "Mine"}).status_code == 200
    assert DraftBuffer.objects.get().user == contributor


def test_a_contributor_cannot_autosave_someone_elses_piece(contributor_client):
    someone_elses_draft = ArticleFactory(status="draft")
    public = ArticleFactory()

    assert keep(contributor_client, someone_elses_draft, {"headline": "x"}).status_code == 404
    assert keep(contributor_client, public, {"headline": "x"}).status_code == 403
    assert contributor_client.get(autosave_url(public)).status_code == 403
    assert contributor_client.post(discard_url(public)).status_code == 403
    assert not DraftBuffer.objects.exists()


def test_a_viewer_cannot_autosave(viewer_client):
    public = ArticleFactory()

    assert keep(viewer_client, public, {"headline": "x"}).status_code == 403
    assert not DraftBuffer.objects.exists()


def test_forged_article_ids_are_refused(editor_client, draft):
    token = editing.edit_token(draft)
    for forged in (999999, 0):
        assert keep(editor_client, forged, {"headline": "x"}, token).status_code == 404
    # Not a number: the admin's catch-all sends it to a change form that does not exist.
    assert editor_client.post(f"{LIST_URL}abc/autosave/").status_code == 302
    assert not DraftBuffer.objects.exists()


def test_no_one_reads_or_discards_another_editors_buffer(editor, draft):
    other = StaffFactory(group="Editors")
    DraftBuffer.objects.create(
        article=draft,
        user=other,
        fields={"headline": "Theirs"},
        based_on_version=1,
        based_on_token="1:0",
    )
    browser = Client()
    browser.force_login(editor)

    assert browser.get(autosave_url(draft)).status_code == 404
    assert browser.post(discard_url(draft)).json() == {"discarded": False}
    keep(browser, draft, {"headline": "Mine"})

    assert DraftBuffer.objects.get(user=other).fields == {"headline": "Theirs"}
    assert DraftBuffer.objects.get(user=editor).fields == {"headline": "Mine"}


def test_only_signed_in_staff_with_a_csrf_token_may_keep_changes(editor, editor_client, draft):
    assert keep(Client(), draft, {"headline": "x"}).status_code == 302  # to the login page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert keep(strict, draft, {"headline": "x"}).status_code == 403
    assert editor_client.put(autosave_url(draft)).status_code == 405
    assert not DraftBuffer.objects.exists()


# What is refused.


def test_an_oversized_body_is_refused(editor_client, draft):
    response = keep(editor_client, draft, {"body": "x" * MAX_BYTES})

    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert not DraftBuffer.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"token": "1:0"}',
        b'{"fields": {}, "token": "new"}',
        '{"fields": {}, "token": "\u00b2:1"}'.encode(),
        b'{"fields": {}, "token": "99999999999:1"}',
        b'{"fields": {}, "token": ["1:0"]}',
    ],
    ids=[
        "broken",
        "not-utf8",
        "a-list",
        "no-fields",
        "bad-token",
        "superscript-token",
        "huge-version",
        "token-not-text",
    ],
)
def test_bad_json_is_refused(editor_client, draft, body):
    response = editor_client.post(autosave_url(draft), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]
    assert not DraftBuffer.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "published"},
        {"created_by": "1"},
        {"featured_image": "x.jpg"},
        {"edit_token": "9:9"},
        {"bylines-__prefix__-author": "1"},
        {"bylines-100-author": "1"},
        {"bylines-0-secret": "1"},
        {"nobody-TOTAL_FORMS": "1"},
        {"headline": {"nested": "object"}},
        {"headline": 42},
        {"press_contacts": ["1", None]},
    ],
    ids=[
        "status",
        "read-only",
        "file",
        "token",
        "template-row",
        "too-many-rows",
        "unknown-row-field",
        "unknown-inline",
        "object",
        "number",
        "null-in-list",
    ],
)
def test_only_the_forms_own_fields_as_text_are_accepted(editor_client, draft, fields):
    response = keep(editor_client, draft, {"headline": "ok", **fields})

    assert response.status_code == 400
    assert not DraftBuffer.objects.exists()


def test_a_contributor_may_not_keep_fields_only_editors_set(contributor_client, draft):
    response = keep(contributor_client, draft, {"is_featured": "on"})

    assert response.status_code == 400
    assert "is_featured" in response.json()["error"]


# Restoring, saving and discarding.


def test_the_form_offers_to_restore_the_editors_own_unsaved_changes(editor, editor_client, draft):
    assert "autosave-offer" not in editor_client.get(change_url(draft)).content.decode()
    keep(editor_client, draft, {"headline": "Plan in decades"})

    html = editor_client.get(change_url(draft)).content.decode()

    assert 'id="autosave-offer"' in html
    assert "Restore unsaved changes from" in html
    assert "Discard" in html
    assert "Autosave and restoring need JavaScript" in html
    assert "saved again after you typed them" not in html
    other = Client()
    other.force_login(StaffFactory(group="Editors"))
    assert "autosave-offer" not in other.get(change_url(draft)).content.decode()


def test_a_read_only_form_has_no_autosave(contributor_client):
    public = ArticleFactory()

    html = contributor_client.get(change_url(public)).content.decode()

    assert 'id="autosave"' not in html


def test_saving_the_form_makes_one_revision_and_deletes_the_buffer(editor, editor_client, draft):
    form = form_data(editor_client.get(change_url(draft)))
    keep(editor_client, draft, {"headline": "Restored headline"})
    revisions = Version.objects.get_for_object(draft).count()

    response = editor_client.post(change_url(draft), form | {"headline": "Restored headline"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Restored headline"
    assert Version.objects.get_for_object(draft).count() == revisions + 1
    assert not DraftBuffer.objects.exists()


def test_discarding_deletes_the_buffer(editor_client, draft):
    keep(editor_client, draft, {"headline": "Never mind"})

    response = editor_client.post(discard_url(draft))

    assert response.json() == {"discarded": True}
    assert not DraftBuffer.objects.exists()
    assert "autosave-offer" not in editor_client.get(change_url(draft)).content.decode()


def test_restored_changes_over_someone_elses_later_save_are_refused_on_save(editor, draft):
    ana, tom = Client(), Client()
    ana.force_login(editor)
    tom.force_login(StaffFactory(first_name="Tom", last_name="Weiss", group="Editors"))
    url = change_url(draft)
    ana_form = form_data(ana.get(url))
    keep(ana, draft, {"headline": "Ana's headline"}, token=ana_form["edit_token"])
    # Ana's tab closes; Tom saves meanwhile.
    assert tom.post(url, form_data(tom.get(url)) | {"dek": "Tom's summary."}).status_code == 302

    reopened = ana.get(url)
    assert "saved again after you typed them" in reopened.content.decode()
    kept = ana.get(autosave_url(draft)).json()
    restored = form_data(reopened) | kept["fields"] | {"edit_token": kept["token"]}
    refused = ana.post(url, restored)

    assert "Tom Weiss saved this article" in errors_on(refused)
    draft.refresh_from_db()
    assert (draft.headline, draft.dek) == ("Plan in seasons", "Tom's summary.")
    assert DraftBuffer.objects.filter(user=editor).exists()  # nothing saved, nothing lost


def test_buffers_nobody_came_back_to_are_deleted_when_another_is_kept(editor, editor_client, draft):
    old = DraftBuffer.objects.create(
        article=ArticleFactory(),
        user=StaffFactory(group="Editors"),
        fields={},
        based_on_version=1,
        based_on_token="1:0",
        saved_at=timezone.now() - BUFFER_LIFETIME - timedelta(minutes=1),
    )
    recent = DraftBuffer.objects.create(
        article=ArticleFactory(),
        user=StaffFactory(group="Editors"),
        fields={},
        based_on_version=1,
        based_on_token="1:0",
        saved_at=timezone.now() - BUFFER_LIFETIME + timedelta(hours=1),
    )

    keep(editor_client, draft, {"headline": "New"})

    assert not DraftBuffer.objects.filter(pk=old.pk).exists()
    assert DraftBuffer.objects.filter(pk=recent.pk).exists()


def test_a_past_revision_opened_to_restore_it_has_no_autosave(editor_client, draft):
    editor_client.post(change_url(draft), form_data(editor_client.get(change_url(draft))))
    version = Version.objects.get_for_object(draft).order_by("pk").first()

    html = editor_client.get(f"{change_url(draft)[:-7]}history/{version.pk}/").content.decode()

    assert 'id="article_form"' in html
    assert 'id="autosave"' not in html
