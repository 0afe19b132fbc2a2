"""A scheduled publication handed on by a worker whose clock is a little ahead of the
database's: the piece is due by the one and not yet public by the other, which decides what a
message carries."""

from datetime import timedelta

import pytest
from django.db.models.functions import Now
from django.utils import timezone

from articles.events.dispatch import hand_on_due
from articles.models import Article, Event, WebhookDelivery
from articles.webhooks.delivery import deliver
from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_publication_the_database_does_not_yet_see_is_sent_once_it_does(
    endpoint, receiver, changes, clocks
):
    """Its delivery waits a moment and is sent then, rather than given up as if the piece had
    left the public: the announcement is not lost to a clock a minute (or a millisecond) fast."""
    scheduled = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Later")
    changes(publishing.publish, scheduled, at=timezone.now() + timedelta(minutes=1))
    # The app's clock passes the piece's time; the database's, which runs on, has not.
    clocks.move(timedelta(minutes=1, seconds=1))
    changes(hand_on_due)

    delivery = WebhookDelivery.objects.get()
    assert receiver.seen == []
    assert (delivery.given_up_at, delivery.last_error, delivery.attempts) == (None, "", 0)
    assert delivery.next_attempt_at > timezone.now()

    # The database's clock reaches the piece's time, and the app's the delivery's.
    Article.objects.filter(pk=scheduled.pk).update(published_at=Now())
    clocks.move(delivery.next_attempt_at - timezone.now())
    changes(deliver.call, delivery.pk)

    assert receiver.kinds == [Event.Kind.PUBLISHED]
    assert receiver.seen[0].data["headline"] == "Later"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("Delivered", 1, 200)


def test_a_piece_moved_later_after_its_publication_was_handed_on_is_still_given_up(
    endpoint, receiver, changes, clocks
):
    """Not a matter of clocks: a piece whose time was moved past the app's now is not public
    by either, and its waiting delivery goes as before (its new time brings its own)."""
    receiver.answers = [500]
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    changes(publishing.publish, article)
    first = WebhookDelivery.objects.get()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() + timedelta(days=1))
    clocks.move(first.next_attempt_at - timezone.now() + timedelta(seconds=1))

    changes(deliver.call, first.pk)

    first.refresh_from_db()
    assert first.state == "Given up"
