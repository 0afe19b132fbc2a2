"""A publication waits to be handed on until its time: once, carrying later edits, by the
worker or by the first reader after it; dismissed if the piece was moved, withdrawn or
cancelled meanwhile, and announced again only after it was announced and withdrawn."""

from datetime import UTC, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles.events.dispatch import hand_on, hand_on_due
from articles.models import Article, ContentWarning, Event
from articles.workflow import publishing
from tests.admin_forms import saved
from tests.articles.events.pieces import PUBLISHED, UPDATED, draft, public, wait_until

pytestmark = pytest.mark.django_db


def test_a_scheduled_piece_is_handed_on_at_its_time_once(
    recorder, django_capture_on_commit_callbacks, clocks
):
    due = timezone.now() + timedelta(hours=1)
    article = draft()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publishing.publish(article, at=due)

    event = Event.objects.get()
    assert (event.kind, event.due_at, event.handled_at) == (PUBLISHED, due, None)
    assert hand_on.call(event.pk) == "nothing to do"  # not due yet
    assert recorder.handed == []

    wait_until(clocks, due)
    with django_capture_on_commit_callbacks(execute=True):
        assert hand_on_due() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert hand_on_due() == 0
    assert hand_on.call(event.pk) == "nothing to do"

    assert recorder.kinds == [PUBLISHED]


def test_a_piece_moved_or_withdrawn_before_its_time_is_not_announced_then(
    recorder, django_capture_on_commit_callbacks, clocks
):
    first, later = (timezone.now() + timedelta(hours=h) for h in (1, 2))
    moved, withdrawn = draft(), draft()
    publishing.publish(moved, at=first)
    publishing.publish(withdrawn, at=first)
    publishing.publish(moved, at=later)
    publishing.unpublish(withdrawn)
    publishing.publish(moved, at=later)  # scheduled again for the same time: the same event

    wait_until(clocks, first)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == []
    assert Event.objects.filter(dismissed=True).count() == 2

    wait_until(clocks, later)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == [(PUBLISHED, moved.pk, recorder.handed[0][2])]
    assert Event.objects.filter(kind=PUBLISHED, dismissed=False).count() == 1


def test_a_publication_not_yet_handed_on_carries_later_edits(
    recorder, django_capture_on_commit_callbacks, clocks
):
    # The app's clock, which schedules and hands on, runs a minute behind the database's, which
    # the handed-on piece is read by: the piece's time, ahead by the one, has passed by the
    # other, whose clock a test cannot move.
    clocks.move(-timedelta(minutes=1))
    due = timezone.now() + timedelta(seconds=1)
    article = draft()
    publishing.publish(article, at=due)
    wait_until(clocks, due)
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
    client, recorder, django_capture_on_commit_callbacks, clocks
):
    """Development's backend runs tasks at once and cannot wait: the page cache's catch-up with
    the schedule, on the first request after the time, hands the publication on."""
    due = timezone.now() + timedelta(hours=1)
    publishing.publish(draft(), at=due)
    client.get("/news/")
    assert recorder.handed == []

    wait_until(clocks, due)
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
    editor_client, recorder, django_capture_on_commit_callbacks, clocks
):
    due = timezone.now() + timedelta(hours=1)
    article = draft(headline="Held back")
    publishing.publish(article, at=due)
    url = f"/admin/articles/article/{article.pk}/change/"
    saved(editor_client, url, _unpublish="")  # "Cancel the schedule"
    wait_until(clocks, due)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()
    assert recorder.handed == []

    with django_capture_on_commit_callbacks(execute=True):
        saved(editor_client, url, _publish="")  # at the time it was scheduled for

    assert recorder.kinds == [PUBLISHED]
    assert list(Event.objects.values_list("dismissed", flat=True)) == [True, False]


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


def test_a_piece_moved_back_to_its_time_as_the_newsroom_writes_it_is_announced_once(
    recorder, django_capture_on_commit_callbacks, clocks, settings
):
    """The importer schedules in the file's offset, the calendar and the change form in the
    newsroom's zone: the same moment written either way is the same publication."""
    settings.TIME_ZONE = "Asia/Kolkata"
    due = timezone.now().astimezone(UTC) + timedelta(hours=1)
    article = draft()
    publishing.publish(article, at=due)
    publishing.publish(article, at=due + timedelta(hours=1))
    publishing.publish(article, at=timezone.localtime(due))  # "+05:30"

    wait_until(clocks, due)
    with django_capture_on_commit_callbacks(execute=True):
        hand_on_due()

    assert recorder.kinds == [PUBLISHED]
