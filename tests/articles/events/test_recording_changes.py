"""Events are written with the change that causes them, one per kind and piece per transaction,
and handed to every channel once, after the commit: publications, edits, corrections,
withdrawals and deletions, and nothing for drafts, bookkeeping, raw saves or what is rolled
back."""

import pytest
from django.core import serializers
from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone

from articles.events.dispatch import hand_on
from articles.models import Article, Byline, ContentWarning, Correction, Event
from articles.workflow import previews, publishing
from tests.articles.events.pieces import PUBLISHED, UPDATED, draft, public
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


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


def test_a_raw_save_alone_records_nothing(recorder):
    """Loading a fixture saves rows raw: nothing is handed on for it."""
    article = public(headline="From a fixture")
    article.status = Article.Status.UNPUBLISHED
    (loaded,) = serializers.deserialize("json", serializers.serialize("json", [article]))

    with transaction.atomic():
        loaded.save()

    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
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
