"""Events are written with the change that causes them, one per kind and piece per transaction,
and handed to every channel once, after the commit."""

import time
from datetime import timedelta

import pytest
import reversion
from django.core import serializers
from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone
from reversion.models import Version

from articles.events.dispatch import hand_on, hand_on_due
from articles.models import Article, Byline, ContentWarning, Correction, Event
from articles.workflow import previews, publishing
from tests.admin_forms import form_data, saved
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

PUBLISHED, UPDATED = Event.Kind.PUBLISHED, Event.Kind.UPDATED


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def published_through_the_admin(client, **fields) -> Article:
    """A draft published with its change form's Publish button: its first revision is the
    draft."""
    article = draft(**fields)
    url = f"/admin/articles/article/{article.pk}/change/"
    assert client.post(url, form_data(client.get(url), _publish="")).status_code == 302
    return article


def public(**fields) -> Article:
    """A piece public since yesterday, its publication long handed on."""
    article = ArticleFactory(**fields)
    Event.objects.update(handled_at=timezone.now())
    return article


def test_publishing_a_draft_now_hands_one_publication_to_each_channel(
    recorder, django_capture_on_commit_callbacks
):
    article = draft(headline="Launch day")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publishing.publish(article)

    assert recorder.kinds == [PUBLISHED]
    _, article_id, payload = recorder.handed[0]
    assert article_id == article.pk
    assert payload["headline"] == "Launch day"
    assert payload["url"] == f"http://testserver{article.get_absolute_url()}"
    event = Event.objects.get()
    assert event.handled_at is not None
    assert not event.dismissed


def test_drafts_reviews_and_preview_links_record_nothing(editor):
    article = draft()
    article.headline = "Still a draft"
    article.save()
    publishing.submit_for_review(article)
    previews.create_link(article=article, reviewer="Legal", created_by=editor)
    Byline.objects.create(article=article, author=AuthorFactory(), position=5)

    assert not Event.objects.exists()


def test_an_edit_to_a_public_piece_and_its_inlines_is_one_update(
    recorder, django_capture_on_commit_callbacks
):
    article = public()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.headline = "A sharper headline"
        article.save()
        Byline.objects.create(article=article, author=AuthorFactory(), position=5)
        ContentWarning.objects.create(article=article, text="contains spoilers")
        article.tags.add("Launch")

    assert recorder.kinds == [UPDATED]
    assert recorder.handed[0][2]["headline"] == "A sharper headline"
    assert Event.objects.filter(kind=UPDATED).count() == 1


def test_two_edits_in_two_transactions_are_two_updates(
    recorder, django_capture_on_commit_callbacks
):
    article = public()
    for headline in ("First change", "Second change"):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            article.headline = headline
            article.save()

    assert recorder.kinds == [UPDATED, UPDATED]


def test_bookkeeping_saves_of_a_public_piece_are_not_updates():
    article = public()
    article.planned_for = timezone.now()
    article.save(update_fields=["planned_for", "updated_at"])

    assert not Event.objects.filter(handled_at=None).exists()


def test_a_correction_is_its_own_event_and_an_edit_of_it_an_update(
    recorder, django_capture_on_commit_callbacks
):
    article = public()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        correction = Correction.objects.create(article=article, text="The date was wrong.")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        correction.text = "The date was wrong; it is 9 February."
        correction.save()

    assert recorder.kinds == [Event.Kind.CORRECTED, UPDATED]


def test_each_correction_names_the_event_that_tells_of_it():
    """Corrections made while their event waits are told by it; one made after it was handed
    on, by an event of its own."""
    article = public()
    first = Correction.objects.create(article=article, text="The date was wrong.")
    second = Correction.objects.create(article=article, text="The name was misspelt.")
    [waiting] = Event.objects.filter(kind=Event.Kind.CORRECTED)
    assert hand_on.call(waiting.pk) == "handed on"
    third = Correction.objects.create(article=article, text="The figure was out of date.")

    told = Event.objects.filter(kind=Event.Kind.CORRECTED).order_by("pk")
    assert [list(event.corrections.all()) for event in told] == [[first, second], [third]]
    assert [first.event, second.event, third.event] == [waiting, waiting, told.last()]


def test_unpublishing_and_deleting(recorder, django_capture_on_commit_callbacks):
    kept, gone = public(), public(slug="to-be-deleted", headline="Gone")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publishing.unpublish(kept)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        gone_id = gone.pk
        gone.delete()

    assert recorder.kinds == [Event.Kind.UNPUBLISHED, Event.Kind.DELETED]
    assert recorder.handed[1][2] == {
        "id": gone_id,
        "slug": "to-be-deleted",
        "headline": "Gone",
        "url": f"http://testserver{gone.get_absolute_url()}",
    }


def test_deleting_a_draft_records_nothing():
    draft().delete()

    assert not Event.objects.exists()


def test_a_rolled_back_change_leaves_no_event(recorder, django_capture_on_commit_callbacks):
    article = draft()

    def failing_request():
        with transaction.atomic():
            publishing.publish(article)
            raise RuntimeError("the request failed after the save")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_request()

    assert not Event.objects.exists()
    assert recorder.handed == []


def test_a_deletion_that_fails_leaves_the_piece_announced_as_before(
    recorder, django_capture_on_commit_callbacks
):
    """A piece whose deletion was rolled back is not taken for one being deleted: an edit of
    its byline afterwards is an update."""
    article = public(headline="Kept after all")

    def refuse(sender, instance, **kwargs):
        raise RuntimeError("the deletion failed halfway")

    pre_delete.connect(refuse, sender=Article, dispatch_uid="test:refuse")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            article.delete()
    finally:
        pre_delete.disconnect(sender=Article, dispatch_uid="test:refuse")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        byline = article.bylines.first()
        byline.role = "Chief executive"
        byline.save()

    assert Article.objects.filter(pk=article.pk).exists()
    assert recorder.kinds == [UPDATED]


def wait_until(instant):
    """Real time passes, on the app's clock and the database's (the same machine's) alike."""
    time.sleep(max(0, (instant - timezone.now()).total_seconds()) + 0.2)


def test_a_scheduled_piece_is_handed_on_at_its_time_once(
    recorder, django_capture_on_commit_callbacks
):
    due = timezone.now() + timedelta(seconds=1)
    article = draft()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publishing.publish(article, at=due)

    event = Event.objects.get()
    assert (event.kind, event.due_at, event.handled_at) == (PUBLISHED, due, None)
    assert hand_on.call(event.pk) == "nothing to do"  # not due yet
    assert recorder.handed == []

    wait_until(due)
    with django_capture_on_commit_callbacks(execute=True):
        assert hand_on_due() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert hand_on_due() == 0
    assert hand_on.call(event.pk) == "nothing to do"

    assert recorder.kinds == [PUBLISHED]


def test_a_piece_moved_or_withdrawn_before_its_time_is_not_announced_then(
    recorder, django_capture_on_commit_callbacks
):
    first, later = (timezone.now() + timedelta(seconds=m) for m in (1, 2))
    moved, withdrawn = draft(), draft()
    publishing.publish(moved, at=first)
    publishing.publish(withdrawn, at=first)
    publishing.publish(moved, at=later)
    publishing.unpublish(withdrawn)
    publishing.publish(moved, at=later)  # scheduled again for the same time: the same event

    wait_until(first)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == []
    assert Event.objects.filter(dismissed=True).count() == 2

    wait_until(later)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == [(PUBLISHED, moved.pk, recorder.handed[0][2])]
    assert Event.objects.filter(kind=PUBLISHED, dismissed=False).count() == 1


def test_a_publication_not_yet_handed_on_carries_later_edits(
    recorder, django_capture_on_commit_callbacks
):
    due = timezone.now() + timedelta(seconds=1)
    article = draft()
    publishing.publish(article, at=due)
    wait_until(due)
    article.headline = "Edited as it went out"
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.headline = "Edited after it went out"
        article.save()

    assert recorder.kinds == [PUBLISHED, UPDATED]
    assert [payload["headline"] for _, _, payload in recorder.handed] == [
        "Edited as it went out",
        "Edited after it went out",
    ]


def test_without_a_worker_the_first_reader_after_the_time_hands_it_on(
    client, recorder, django_capture_on_commit_callbacks
):
    """Development's backend runs tasks at once and cannot wait: the page cache's catch-up with
    the schedule, on the first request after the time, hands the publication on."""
    due = timezone.now() + timedelta(seconds=1)
    publishing.publish(draft(), at=due)
    client.get("/news/")
    assert recorder.handed == []

    wait_until(due)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/news/")

    assert recorder.kinds == [PUBLISHED]


def test_a_piece_unpublished_then_published_again_is_announced_again(
    editor_client, recorder, django_capture_on_commit_callbacks
):
    article = public(headline="Back again")
    url = f"/admin/articles/article/{article.pk}/change/"

    with django_capture_on_commit_callbacks(execute=True):
        saved(editor_client, url, _unpublish="")
    with django_capture_on_commit_callbacks(execute=True):
        saved(editor_client, url, _publish="")  # at the publication time it had

    assert recorder.kinds == [Event.Kind.UNPUBLISHED, PUBLISHED]
    assert recorder.handed[-1][2]["headline"] == "Back again"


def test_a_piece_withdrawn_and_published_again_before_it_was_announced_is_announced_once(
    recorder, django_capture_on_commit_callbacks
):
    """Published, withdrawn and published again ("Publish now" keeps its time) before the
    worker came round: receivers hear of one publication, and of nothing else."""
    article = draft(headline="Flip")
    with transaction.atomic():
        publishing.publish(article)
        publishing.unpublish(article)
        publishing.publish(article)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == [PUBLISHED]
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_a_piece_withdrawn_before_it_was_announced_is_not_announced_at_all(
    recorder, django_capture_on_commit_callbacks
):
    article = draft(headline="Pulled at once")
    with transaction.atomic():
        publishing.publish(article)
        publishing.unpublish(article)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == []
    assert Event.objects.get().dismissed


def test_a_piece_whose_schedule_was_cancelled_is_announced_when_published_after_all(
    editor_client, recorder, django_capture_on_commit_callbacks
):
    due = timezone.now() + timedelta(seconds=1)
    article = draft(headline="Held back")
    publishing.publish(article, at=due)
    url = f"/admin/articles/article/{article.pk}/change/"
    saved(editor_client, url, _unpublish="")  # "Cancel the schedule"
    wait_until(due)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == []

    with django_capture_on_commit_callbacks(execute=True):
        saved(editor_client, url, _publish="")  # at the time it was scheduled for

    assert recorder.kinds == [PUBLISHED]
    assert list(Event.objects.values_list("dismissed", flat=True)) == [True, False]


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


def test_a_raw_save_alone_records_nothing(recorder):
    """Loading a fixture saves rows raw: nothing is handed on for it."""
    article = public(headline="From a fixture")
    article.status = Article.Status.UNPUBLISHED
    (loaded,) = serializers.deserialize("json", serializers.serialize("json", [article]))

    with transaction.atomic():
        loaded.save()

    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
    assert not Event.objects.filter(handled_at=None).exists()


def test_an_update_of_a_piece_withdrawn_before_it_is_handed_on_is_dismissed(
    recorder, django_capture_on_commit_callbacks
):
    article = public()
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        ContentWarning.objects.create(article=article, text="Strong language")
        publishing.unpublish(article)

    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == [Event.Kind.UNPUBLISHED]
    assert Event.objects.get(kind=UPDATED).dismissed


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
    editor_client, recorder, django_capture_on_commit_callbacks
):
    """Its publication was recorded when it was scheduled and is still waiting (the worker has
    not run): published again as it is recovered, it is announced once."""
    due = (timezone.now() + timedelta(seconds=2)).replace(microsecond=0)
    article = draft(headline="Due soon")
    publishing.publish(article, at=due)
    with reversion.create_revision():
        article.save()
    pk = article.pk
    article.delete()
    deleted = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{deleted.pk}/"
    wait_until(due)

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


def test_a_new_piece_loaded_raw_then_edited_is_an_update_not_a_recovery():
    """Only an editor's restore makes a raw save stand for a change (a test's fixtures do not)."""
    now = timezone.now()
    article = ArticleFactory.build(
        pk=987_654, headline="Loaded", slug="loaded", created_at=now, updated_at=now
    )
    (loaded,) = serializers.deserialize("json", serializers.serialize("json", [article]))

    with transaction.atomic():
        loaded.save()
        stored = Article.objects.get(pk=987_654)
        stored.headline = "Loaded, then edited"
        stored.save()

    assert list(Event.objects.values_list("kind", flat=True)) == [UPDATED]
