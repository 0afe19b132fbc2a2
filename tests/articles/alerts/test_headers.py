"""The headers of the emails the subscribe form sends, through a real SMTP server on loopback:
they name the site, never the machine that sent them."""

import re

import pytest
from django.core.mail import message as django_message

from tests.articles.alerts.reader import ask_for_alerts, subscribe_and_confirm

pytestmark = pytest.mark.django_db

MACHINE = "worker-7.internal.example"


@pytest.fixture
def machine_name(monkeypatch):
    """The host name Django would otherwise put in a Message-ID (a server's own name)."""
    monkeypatch.setattr(django_message, "DNS_NAME", MACHINE)


def test_the_confirmation_and_known_emails_message_ids_name_the_site_not_the_machine(
    client, mailbox, machine_name
):
    subscribe_and_confirm(client, mailbox, "known@example.com")
    ask_for_alerts(client)
    ask_for_alerts(client, "other@example.com")
    ask_for_alerts(client, "known@example.com")

    ids = [received.header("Message-ID") for received in mailbox.messages]
    assert len(ids) == 3
    for received, message_id in zip(mailbox.messages, ids, strict=True):
        assert MACHINE not in received.everything
        assert re.fullmatch(r"<alert\.[0-9a-f]{32}@testserver>", message_id), message_id
    assert len(set(ids)) == 3, "each email its own"
