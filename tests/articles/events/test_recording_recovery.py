"""Events of pieces brought back: restoring a published piece's draft records what its button
did, and a deleted piece recovered from its history is announced again, once, and to nobody
when recovered alone."""

from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Version

from articles.events.dispatch import hand_on_due
from articles.models import Article, ContentWarning, Event
from articles.workflow import publishing
from tests.admin_forms import form_data
from tests.articles.events.pieces import PUBLISHED, draft, published_through_the_admin, wait_until

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("button", "status", "kind"),
    [
        ({}, Article.Status.PUBLISHED, Event.Kind.UPDATED),
        ({"_unpublish": ""}, Article.Status.UNPUBLISHED, Event.Kind.UNPUBLISHED),
    ],
    ids=["update", "unpublish"],
)
def test_restoring_the_draft_of_a_published_piece_records_what_its_button_did(
    editor_client, recorder, django_capture_on_commit_callbacks, button, status, kind
):
    """The restored draft's text goes out as an update of the live piece, which stays live;
    pressing Unpublish on the restore form takes it down."""
    article = published_through_the_admin(editor_client, headline="Launch day")
    # A warning added since: the restore deletes it while the piece is still public.
    ContentWarning.objects.create(article=article, text="Strong language")
    Event.objects.update(handled_at=timezone.now())
    first = Version.objects.get_for_object(article).order_by("pk").first()
    restore = f"/admin/articles/article/{article.pk}/history/{first.pk}/"

    response = editor_client.post(restore, form_data(editor_client.get(restore), **button))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    article.refresh_from_db()
    assert article.status == status
    assert not article.warnings.exists()
    assert recorder.kinds == [kind]


def test_a_deleted_public_piece_recovered_from_its_history_is_announced_again(
    editor_client, recorder, django_capture_on_commit_callbacks
):
    article = published_through_the_admin(editor_client, headline="Back from the bin")
    Event.objects.update(handled_at=timezone.now())
    delete = f"/admin/articles/article/{article.pk}/delete/"
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.kinds == [Event.Kind.DELETED]
    deleted = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{deleted.pk}/"

    # A recovered piece comes back off the site: the editor publishes it again deliberately.
    recovered = form_data(editor_client.get(recover), _publish="")
    assert editor_client.post(recover, recovered).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == [Event.Kind.DELETED, PUBLISHED]
    _, article_id, payload = recorder.handed[-1]
    assert article_id == article.pk
    assert payload["headline"] == "Back from the bin"


def test_a_scheduled_piece_deleted_then_recovered_once_due_is_announced_once(
    editor_client, recorder, django_capture_on_commit_callbacks, clocks
):
    """Its publication was recorded when it was scheduled and is still waiting (the worker has
    not run): published again as it is recovered, it is announced once."""
    due = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article = draft(headline="Due soon")
    publishing.publish(article, at=due)
    with reversion.create_revision():
        article.save()
    pk = article.pk
    article.delete()
    deleted = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{deleted.pk}/"
    wait_until(clocks, due)

    recovered = form_data(editor_client.get(recover), _publish="")
    assert editor_client.post(recover, recovered).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    # It never ran: published as it is recovered, it runs from then, not from its old time.
    assert Article.objects.get(pk=pk).published_at > due
    assert recorder.kinds == [PUBLISHED]


def test_a_deleted_public_piece_recovered_alone_is_announced_to_nobody(
    editor_client, recorder, django_capture_on_commit_callbacks
):
    article = published_through_the_admin(editor_client, headline="Back from the bin")
    Event.objects.update(handled_at=timezone.now())
    assert editor_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{deleted.pk}/"

    assert editor_client.post(recover, form_data(editor_client.get(recover))).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == [Event.Kind.DELETED]
    assert not Event.objects.filter(handled_at=None).exists()
