"""A scheduled publication handed on by a worker whose clock is a little ahead of the
database's: the piece is due by the one and not yet public by the other, which decides what
readers see. Its alerts wait for the database, as its webhooks do, and go once it is public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.alerts.channel import send_alerts
from articles.models import AlertDelivery, Article
from articles.workflow import publishing
from newsroom.pagecache import schedule
from tests.articles.alerts.worker import keep_working, the_database_reaches, waiting_tasks
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def test_an_alert_waits_for_the_database_to_see_its_piece_public_and_goes_then(
    client, mailbox, clocks
):
    """Neither sent for a page that answers 404, nor given up as if the piece had left the
    public: the reader is told once, when the link works."""
    SubscriberFactory(email="reader@example.com")
    scheduled = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Later")
    publishing.publish(scheduled, at=timezone.now() + timedelta(minutes=1))
    # The app's clock passes the piece's time; the database's, which runs on, has not.
    clocks.move(timedelta(minutes=1, seconds=1))
    keep_working()

    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert mailbox.messages == []
    row = AlertDelivery.objects.get()
    assert (row.sent_at, row.failed_at, row.error) == (None, None, "")
    [waiting] = waiting_tasks(send_alerts)
    assert waiting.run_after == timezone.now() + schedule.CLOCKS_APART

    # The database's clock reaches the piece's time, and the app's the alert's: the worker
    # that has been running all along sends it.
    the_database_reaches(scheduled, clocks)
    keep_working()

    assert [message.subject for message in mailbox.messages] == ["News: Later"]
    assert client.get(mailbox.messages[0].link(r"/news/[^/]+/")).status_code == 200
    row.refresh_from_db()
    assert row.sent_at is not None
    assert not waiting_tasks(send_alerts).exists()
