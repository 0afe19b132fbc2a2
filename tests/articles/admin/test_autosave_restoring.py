"""Autosave: restoring kept changes, saving the form and discarding what was kept."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.admin.autosave import BUFFER_LIFETIME
from articles.models import DraftBuffer
from tests.admin_forms import errors_on, form_data
from tests.articles.admin.autosave_requests import (
    autosave_url,
    change_url,
    discard_url,
    draft_fixture,  # noqa: F401
    keep,
)
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


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
