"""Autosave: what the autosave refuses to keep."""

import pytest
from django.conf import settings

from articles.models import DraftBuffer
from tests.articles.admin.autosave_requests import (
    autosave_url,
    draft_fixture,  # noqa: F401
    keep,
)

pytestmark = pytest.mark.django_db


def test_a_form_larger_than_a_save_takes_is_refused_with_the_saves_limit(editor_client, draft):
    response = keep(editor_client, draft, {"body": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})

    assert response.status_code == 413
    assert response.json()["error"] == "Too large to keep: a save takes at most 5 MB of text."
    assert not DraftBuffer.objects.exists()


def test_a_body_larger_than_any_form_a_save_takes_is_refused_unread(editor_client, draft):
    padding = " " * (2 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    response = editor_client.post(
        autosave_url(draft),
        '{"fields": {}, "token": "1:0"}' + padding,
        content_type="application/json",
    )

    assert response.status_code == 413
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
