"""The same answer to the subscribe form for every address, whatever the mail server does, so
that nobody learns who subscribed; and rate limits per client and per address."""

import re

import pytest
from django.test import Client

from articles.models import Subscriber
from tests.articles.alerts.form import SAME_ORIGIN, SUBSCRIBE
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_a_mail_server_that_cannot_be_reached_is_said_so_alike_for_every_address(client, settings):
    from tests.articles.alerts.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    SubscriberFactory(email="subscribed@example.com")
    answers = []
    for address in ["new@example.com", "subscribed@example.com"]:
        response = client.post(
            SUBSCRIBE, {"email": address, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
        )
        assert response.status_code == 503
        assert "We could not send the email just now" in response.content.decode()
        # The page differs only by the address typed and its form's (random) CSRF token.
        page = re.sub(r'value="[^"]*@example.com"', "", response.content.decode())
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page))

    assert answers[0] == answers[1]


# No enumeration.


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_subscribed_address(client, mailbox):
    SubscriberFactory(email="waiting@example.com", confirmed_at=None)
    SubscriberFactory(email="subscribed@example.com")
    answers = []
    for address in ["new@example.com", "waiting@example.com", "SUBSCRIBED@example.com"]:
        response = client.post(
            SUBSCRIBE,
            {"email": address, "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        answers.append(
            (response.status_code, response["Location"], response.content, sorted(response.items()))
        )

    assert answers[0] == answers[1] == answers[2]
    followed = [client.get(answer[1]).content for answer in answers]
    assert followed[0] == followed[1] == followed[2]
    # Each address got one email, which only its owner reads.
    assert [len(mailbox.to(a)) for a in ["new@example.com", "waiting@example.com"]] == [1, 1]
    assert len(mailbox.to("subscribed@example.com")) == 1
    assert Subscriber.objects.count() == 3
    assert not Subscriber.objects.get(email="new@example.com").is_confirmed


# Rate limits.


def test_a_client_is_held_to_its_rate(settings, mailbox):
    settings.ALERTS_CLIENT_RATE = "2/hour"
    reader = Client(REMOTE_ADDR="203.0.113.5")
    answers = [
        reader.post(
            SUBSCRIBE,
            {"email": f"reader{n}@example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [303, 303, 429]
    assert 3000 < int(answers[2]["Retry-After"]) <= 3600
    assert "Too many requests" in answers[2].content.decode()
    assert len(mailbox.messages) == 2
    other = Client(REMOTE_ADDR="203.0.113.6")
    assert (
        other.post(
            SUBSCRIBE,
            {"email": "reader9@example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        ).status_code
        == 303
    )


def test_an_address_gets_few_emails_whoever_asks_and_the_answer_does_not_change(settings, mailbox):
    settings.ALERTS_ADDRESS_RATE = "2/hour"
    answers = []
    for n in range(4):
        asker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        response = asker.post(
            SUBSCRIBE,
            {"email": "Victim@Example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        answers.append((response.status_code, response["Location"], response.content))

    assert len(set(answers)) == 1
    assert len(mailbox.messages) == 2


@pytest.mark.parametrize("reply", ["550 5.1.1 No such user here", "451 4.2.0 Try again later"])
def test_an_address_the_mail_server_refuses_is_answered_as_every_other(client, mailbox, reply):
    """A relay that knows its own domain's mailboxes refuses those it has not: the form must
    not tell which they are."""
    mailbox.refuse["gone@example.com"] = reply
    answers = []
    for address in ["new@example.com", "gone@example.com"]:
        response = client.post(
            SUBSCRIBE, {"email": address, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
        )
        answers.append((response.status_code, response.get("Location"), response.content))

    assert answers[0] == answers[1] == (303, "/news/alerts/requested/", b"")
    assert mailbox.recipients() == ["new@example.com"]
