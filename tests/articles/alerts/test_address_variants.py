"""One mailbox, one address: a reader expects that writing their address another way (quoting
the part before the @, which RFC 5321 reads as the same mailbox) neither floods their inbox past
the per-address limit nor makes a second subscription that their unsubscribe link cannot end;
nor does adding a "+tag", which the big mail services deliver to the same inbox."""

import pytest
from django.test import Client

from articles.models import Subscriber
from tests.articles.alerts.reader import subscribe_and_confirm

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/news/alerts/"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}

# Each is delivered to the mailbox dana@example.com: a quoted local part means its unquoted
# text, and a backslash inside quotes only escapes the next character.
SAME_MAILBOX = [
    "dana@example.com",
    '"dana"@example.com',
    '"d\\ana"@example.com',
    '"da\\na"@example.com',
    '"\\dana"@example.com',
]


def test_quoting_the_address_does_not_get_past_its_limit(settings, mailbox):
    settings.ALERTS_ADDRESS_RATE = "2/hour"
    for n, written in enumerate(SAME_MAILBOX):
        asker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        asker.post(
            SUBSCRIBE,
            {"email": written, "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )

    # Every one of these lands in Dana's one inbox.
    assert len(mailbox.messages) <= 2, mailbox.recipients()


def test_a_quoted_form_of_a_subscribed_address_is_not_a_second_subscriber(client, mailbox):
    subscribe_and_confirm(client, mailbox, "dana@example.com")

    client.post(
        SUBSCRIBE,
        {"email": '"dana"@example.com', "everything": "on", "frequency": "instant"},
        **SAME_ORIGIN,
    )

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["dana@example.com"]


def test_plus_tags_of_one_mailbox_share_its_limit(settings, mailbox):
    """A "+tag" may be a reader's own filter, kept as a subscriber of its own; but strangers
    asking for dana+1@, dana+2@… fill the one inbox Gmail, Outlook, iCloud and Fastmail deliver
    them all to, so they count against one limit."""
    settings.ALERTS_ADDRESS_RATE = "2/hour"
    for n in range(5):
        asker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        asker.post(
            SUBSCRIBE,
            {"email": f"dana+{n}@example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )

    assert len(mailbox.messages) <= 2, mailbox.recipients()


@pytest.mark.parametrize("written", SAME_MAILBOX[1:])
def test_a_quoted_address_is_refused_with_a_clear_error(client, mailbox, written):
    response = client.post(
        SUBSCRIBE, {"email": written, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Write the part before the @ without quotation marks or backslashes, like name@example.com."
    ]
    assert not Subscriber.objects.exists()
    assert not mailbox.messages
