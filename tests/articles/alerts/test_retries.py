"""Sending alerts again after a crash or an error never sends twice what was marked sent, a
message or address refused for good fails alone, an address that no longer exists is sent
nothing more, and messages go out in batches at the
configured rate: through a real SMTP server on loopback."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.alerts import sending
from articles.alerts.channel import forget_unconfirmed
from articles.alerts.sending import send_instant_alerts
from articles.models import AlertDelivery, Subscriber
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_a_crash_between_sending_and_marking_resends_that_one_message_with_its_message_id(
    mailbox, monkeypatch
):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mark = AlertDelivery.save
    calls = []

    def crash_on_the_second(self, *args, **kwargs):
        calls.append(self.pk)
        if len(calls) == 2:
            raise SystemExit("the worker was killed")
        return mark(self, *args, **kwargs)

    with monkeypatch.context() as crash:
        crash.setattr(AlertDelivery, "save", crash_on_the_second)
        with pytest.raises(SystemExit):
            send_instant_alerts(1, piece.pk, "published")
    assert mailbox.recipients() == ["reader0@example.com", "reader1@example.com"]
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 1

    assert send_instant_alerts(1, piece.pk, "published") == 2

    assert mailbox.recipients() == [
        "reader0@example.com",
        "reader1@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    first, second = mailbox.to("reader1@example.com")
    assert first.header("Message-ID") == second.header("Message-ID")
    assert len({message.header("Message-ID") for message in mailbox.messages}) == 3
    assert not AlertDelivery.objects.filter(sent_at__isnull=True).exists()
    assert send_instant_alerts(1, piece.pk, "published") == 0
    assert len(mailbox.messages) == 4


def test_a_server_error_ends_the_run_and_the_next_sends_the_rest_once(mailbox):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mailbox.refuse["reader1@example.com"] = "451 Try again later"

    with pytest.raises(Exception, match="Try again later"):
        send_instant_alerts(1, piece.pk, "published")
    assert mailbox.recipients() == ["reader0@example.com"]

    mailbox.refuse.clear()
    assert send_instant_alerts(1, piece.pk, "published") == 2
    assert mailbox.recipients() == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]


def test_an_address_refused_for_good_is_marked_failed_and_the_others_are_sent(mailbox):
    for n in range(3):
        SubscriberFactory(email=f"reader{n}@example.com")
    mailbox.refuse["reader1@example.com"] = "550 No such user"

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 2

    failed = AlertDelivery.objects.get(failed_at__isnull=False)
    assert failed.subscriber.email == "reader1@example.com"
    assert "550" in failed.error
    assert send_instant_alerts(1, failed.article_id, "published") == 0
    assert mailbox.recipients() == ["reader0@example.com", "reader2@example.com"]


def test_a_refused_sender_address_ends_the_run_and_loses_no_readers_alert(mailbox):
    """The relay refusing the site's own From address would refuse every message alike: the
    rows wait for the next run, once the address is put right."""
    for n in range(2):
        SubscriberFactory(email=f"reader{n}@example.com")
    piece = ArticleFactory()
    mailbox.refuse_sender = "550 5.7.1 Sender address rejected: not owned by user"

    with pytest.raises(Exception, match="Sender address rejected"):
        send_instant_alerts(1, piece.pk, "published")
    assert not AlertDelivery.objects.filter(failed_at__isnull=False).exists()

    mailbox.refuse_sender = ""
    assert send_instant_alerts(1, piece.pk, "published") == 2
    assert mailbox.recipients() == ["reader0@example.com", "reader1@example.com"]


def test_a_message_refused_for_its_size_fails_alone(mailbox):
    """A 552 at the sender is about this message's size, not the site's address: its row
    fails, and the run goes on."""
    SubscriberFactory(email="reader0@example.com")
    mailbox.refuse_sender = "552 5.3.4 Message size exceeds fixed limit"

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 0

    failed = AlertDelivery.objects.get()
    assert failed.failed_at is not None
    assert "552" in failed.error


def test_messages_go_out_in_batches_at_the_configured_rate(mailbox, settings, no_waiting):
    settings.ALERTS_BATCH = 2
    settings.ALERTS_RATE = 4
    for n in range(5):
        SubscriberFactory(email=f"reader{n}@example.com")

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 5

    connections = {message.peer for message in mailbox.messages}
    assert len(connections) == 3, "one SMTP connection per batch of two"
    assert sum(no_waiting) == pytest.approx(5 / 4)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(mailbox, settings):
    settings.ALERTS_BATCH = 3
    # The piece first: its publication, handed on as it commits, finds no reader yet.
    piece = ArticleFactory()
    for n in range(20):
        SubscriberFactory(email=f"reader{n}@example.com")
    sent = []
    errors = []

    def worker():
        try:
            sent.append(send_instant_alerts(1, piece.pk, "published"))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)

    assert not errors
    assert sum(sent) == 20
    assert mailbox.recipients() == sorted(f"reader{n}@example.com" for n in range(20))


def test_the_pacing_waits_only_for_what_is_due(settings, monkeypatch):
    settings.ALERTS_RATE = 2
    now = [10.0]
    waits = []
    monkeypatch.setattr(sending, "clock", lambda: now[0])
    monkeypatch.setattr(sending, "sleep", waits.append)

    sending.pace(started=10.0, sent=1)
    now[0] = 12.0
    sending.pace(started=10.0, sent=2)

    assert waits == [0.5]


@pytest.mark.parametrize(
    "reply",
    [
        "550 5.1.1 The email account that you tried to reach does not exist",
        "550 5.1.10 Recipient address has null MX",
        "550 5.2.1 The email account that you tried to reach is disabled",
    ],
)
def test_an_address_that_no_longer_exists_is_sent_nothing_more_and_then_forgotten(
    mailbox, reply, clocks, settings
):
    long_ago = timezone.now() - timedelta(days=90)
    # Confirmed before confirmation links were timed: no `confirmation_sent_at`.
    SubscriberFactory(email="gone@example.com", created_at=long_ago, confirmation_sent_at=None)
    SubscriberFactory(email="reader@example.com")
    mailbox.refuse["gone@example.com"] = reply

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 1

    gone = Subscriber.objects.get(email="gone@example.com")
    assert not gone.is_confirmed
    assert reply.split()[1] in AlertDelivery.objects.get(subscriber=gone).error
    assert send_instant_alerts(2, ArticleFactory().pk, "published") == 1
    assert not AlertDelivery.objects.filter(subscriber=gone, event_id=2).exists(), "not tried"
    assert mailbox.recipients() == ["reader@example.com", "reader@example.com"]
    forget_unconfirmed.call()
    assert reply.split()[1] in Subscriber.objects.get(email="gone@example.com").stop_reason
    clocks.move(timedelta(days=settings.ALERTS_CONFIRM_DAYS + 1))
    forget_unconfirmed.call()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader@example.com"]


@pytest.mark.parametrize(
    "reply",
    ["550 5.7.1 Message rejected by policy", "550 No such user", "552 5.2.2 Mailbox full"],
)
def test_a_refusal_that_may_not_be_the_address_s_keeps_the_reader(mailbox, reply):
    """A policy refusal (the site's server on a block list) or a full mailbox says nothing
    about the address: the reader is tried again with the next piece."""
    SubscriberFactory(email="reader@example.com")
    mailbox.refuse["reader@example.com"] = reply

    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 0

    assert Subscriber.objects.get().is_confirmed
    mailbox.refuse.clear()
    assert send_instant_alerts(2, ArticleFactory().pk, "published") == 1
