"""A correction its piece's withdrawal kept from receivers (the piece was unpublished before
the event was handed on) is sent when the piece is public again, after its publication, once,
whatever order the worker runs the queued tasks in."""

import pytest

from articles.events.dispatch import hand_on, hand_on_due
from articles.models import Article, Correction, Event, WebhookDelivery
from articles.webhooks.delivery import deliver
from articles.workflow import publishing
from tests.articles.alerts.worker import run_ahead, work_the_queue
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PUBLISHED, CORRECTED = Event.Kind.PUBLISHED, Event.Kind.CORRECTED
UNPUBLISHED = Event.Kind.UNPUBLISHED
NOTE = "The ferry leaves at 9, not 8."


def corrected_then_withdrawn(piece: Article) -> Correction:
    note = Correction.objects.create(article=piece, text=NOTE)
    publishing.unpublish(piece)
    return note


def test_a_correction_withdrawn_before_it_was_sent_is_sent_when_the_piece_is_back(
    endpoint, receiver, changes
):
    piece = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    changes(publishing.publish, piece)
    note = changes(corrected_then_withdrawn, piece)
    assert receiver.kinds == [PUBLISHED, UNPUBLISHED]

    changes(publishing.publish, piece)

    assert receiver.kinds == [PUBLISHED, UNPUBLISHED, PUBLISHED, CORRECTED]
    told = receiver.seen[-1]
    assert told.id == f"evt_{Correction.objects.get(pk=note.pk).event_id}"
    assert told.data["id"] == piece.pk

    changes(hand_on_due)
    changes(publishing.unpublish, piece)
    changes(publishing.publish, piece)
    assert receiver.kinds == [PUBLISHED, UNPUBLISHED, PUBLISHED, CORRECTED, UNPUBLISHED, PUBLISHED]


def test_a_piece_withdrawn_before_it_was_announced_sends_its_publication_alone(
    endpoint, receiver, changes
):
    piece = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    def published_corrected_withdrawn():
        publishing.publish(piece)
        corrected_then_withdrawn(piece)

    changes(published_corrected_withdrawn)
    assert receiver.kinds == []

    changes(publishing.publish, piece)

    assert receiver.kinds == [PUBLISHED]


def test_a_note_added_while_the_piece_is_withdrawn_is_sent_when_it_is_back(
    endpoint, receiver, changes
):
    piece = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    changes(publishing.publish, piece)
    changes(publishing.unpublish, piece)
    note = changes(Correction.objects.create, article=piece, text=NOTE)
    assert receiver.kinds == [PUBLISHED, UNPUBLISHED]

    changes(publishing.publish, piece)

    assert receiver.kinds == [PUBLISHED, UNPUBLISHED, PUBLISHED, CORRECTED]
    event = Event.objects.get(pk=Correction.objects.get(pk=note.pk).event_id)
    assert receiver.seen[-1].id == f"evt_{event.pk}"
    assert receiver.seen[-1].timestamp == event.due_at.isoformat()


@pytest.mark.django_db(transaction=True)
def test_a_held_correction_is_sent_after_the_return_whatever_order_the_tasks_run_in(
    endpoint, receiver, settings
):
    """A second worker takes the note's event and its delivery before the return's delivery:
    the note waits for the return all the same."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    piece = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    publishing.publish(piece)
    work_the_queue()
    note = corrected_then_withdrawn(piece)
    work_the_queue()
    assert receiver.kinds == [PUBLISHED, UNPUBLISHED]

    publishing.publish(piece)
    returned = Event.objects.filter(article_id=piece.pk, kind=PUBLISHED).latest("pk")
    run_ahead(hand_on, returned.pk)
    run_ahead(hand_on, note.event_id)
    told = WebhookDelivery.objects.get(event_id=note.event_id)
    run_ahead(deliver, told.pk)
    assert receiver.kinds == [PUBLISHED, UNPUBLISHED]
    work_the_queue()

    assert receiver.kinds == [PUBLISHED, UNPUBLISHED, PUBLISHED, CORRECTED]
