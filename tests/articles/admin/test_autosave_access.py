"""Autosave: who may keep and read a buffer of unsaved changes, and who may not."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from articles.models import DraftBuffer
from articles.workflow import editing
from tests.articles.admin.autosave_requests import (
    LIST_URL,
    autosave_url,
    discard_url,
    draft_fixture,  # noqa: F401
    keep,
)
from tests.factories import ArticleFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client():
    viewer = UserFactory(username="vera", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    browser = Client()
    browser.force_login(viewer)
    return browser


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
