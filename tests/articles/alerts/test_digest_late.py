"""A day's digest the mail server refused goes again once a later day's has gone out: the
reader then gets it after that later one, and it says which day it is and that it comes late,
so that nobody takes Tuesday's pieces for Wednesday's news."""

import smtplib
from datetime import timedelta

import pytest

from articles.alerts.sending import send_digest
from tests.articles.alerts.test_digest import digest_reader
from tests.articles.alerts.test_digest_withdrawn import DAY, announced, at
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

RELAY_DOWN = "421 4.3.2 Service not available"
NEXT_DAY = DAY + timedelta(days=1)


def test_a_digest_sent_after_a_later_days_names_its_day_and_says_it_is_late(mailbox):
    digest_reader("daily@example.com")
    SubscriberFactory(
        email="interviews@example.com",
        everything=False,
        kinds=["interview"],
        frequency="daily",
        confirmed_at=at(6),
    )
    announced("Ferry returns", at(8), kind="interview")
    announced("Bridge closes", at(8, days=1))
    mailbox.refuse_sender = RELAY_DOWN
    with pytest.raises(smtplib.SMTPSenderRefused):
        send_digest(DAY)
    mailbox.refuse_sender = ""
    assert send_digest(NEXT_DAY) == 1
    mailbox.clear()

    assert send_digest(DAY) == 2, "the retry"

    [late] = mailbox.to("daily@example.com")
    assert late.subject == "Newsroom: 1 new piece, Tuesday, Mar 10 (sent late)"
    for body in (late.text, late.html):
        assert "New on Newsroom, Tuesday, Mar 10, 2026" in body
        assert "Sent late: this digest of Tuesday, Mar 10 could not go out on time" in body
    assert "Ferry returns" in late.text
    # A reader who had no later digest gets this one as any other.
    [on_time] = mailbox.to("interviews@example.com")
    assert on_time.subject == "Newsroom: 1 new piece, Mar 10"
    assert "Sent late" not in on_time.text
    assert "New on Newsroom, Mar 10, 2026" in on_time.text
