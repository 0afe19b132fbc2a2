"""The text part of an alert, as a mail app without HTML shows it: built and sent for real
through the SMTP server on loopback."""

import pytest

from articles.alerts.sending import send_instant_alerts
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def alert_text(mailbox, body: str) -> str:
    SubscriberFactory()
    piece = ArticleFactory(headline="Notes from the harbour", introduction="", body=body)

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    return alert.text


def test_superscripts_and_subscripts_read_as_on_the_page(mailbox):
    text = alert_text(
        mailbox,
        "<p>The claim was true<sup>3</sup>: E = mc<sup>2</sup>, CO<sub>2</sub> and "
        "C<sub>max</sub> in the 21<sup>st</sup> century.</p>",
    )

    assert "The claim was true³: E = mc², CO₂ and C_(max) in the 21st century." in text


def test_a_footnote_link_keeps_its_number_raised_and_its_address_after_it(mailbox):
    text = alert_text(
        mailbox,
        '<p>It was true<sup><a href="https://example.com/notes#3">3</a></sup> then.</p>',
    )

    assert "It was true³ <https://example.com/notes#3> then." in text
