"""Webhooks through the database task backend and `manage.py worker`, as production runs them:
a worker stopped at any point leaves each message to be sent once by the next."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Event, WebhookDelivery
from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work_the_queue():
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def work_one_task():
    call_command(
        "worker",
        "--batch",
        "--interval",
        "0",
        "--no-startup-delay",
        "--max-tasks",
        "1",
        verbosity=0,
    )


def kill_the_worker():
    """What a worker killed mid-task leaves: its tasks marked running for good."""
    DBTaskResult.objects.exclude(status="SUCCESSFUL").update(
        status="RUNNING", worker_ids=["killed"]
    )


def publish_one() -> Article:
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    publishing.publish(article)
    return article


def test_the_worker_hands_an_event_on_and_delivers_it_once(endpoint, receiver):
    article = publish_one()

    work_the_queue()
    work_the_queue()

    assert receiver.kinds == [Event.Kind.PUBLISHED]
    assert receiver.seen[0].data["id"] == article.pk
    assert WebhookDelivery.objects.get().attempts == 1


def test_a_worker_killed_before_handing_on_or_before_sending_leaves_each_message_sent_once(
    endpoint, receiver
):
    first = publish_one()
    kill_the_worker()  # before the event was handed on
    work_the_queue()
    assert [m.data["id"] for m in receiver.seen] == [first.pk]

    second = publish_one()
    # Handed on, then killed before the message was sent.
    work_one_task()
    assert WebhookDelivery.objects.pending().count() == 1
    kill_the_worker()
    work_the_queue()
    work_the_queue()

    assert [m.data["id"] for m in receiver.seen] == [first.pk, second.pk]
    assert set(WebhookDelivery.objects.values_list("attempts", flat=True)) == {1}


def test_a_worker_killed_mid_request_leaves_the_attempt_to_the_next_once_its_claim_ran_out(
    endpoint, receiver
):
    publish_one()
    work_one_task()
    delivery = WebhookDelivery.objects.get()
    # Claimed and killed before the request went out; the claim has run out since.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=1, next_attempt_at=timezone.now()
    )
    kill_the_worker()

    work_the_queue()
    work_the_queue()

    assert receiver.kinds == [Event.Kind.PUBLISHED]
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (2, 200)
