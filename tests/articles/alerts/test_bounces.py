"""Bounces, complaints and unsubscribes an email provider reports after it accepted a message
(Postmark's tracking webhook through django-anymail) stop alerts to that address as a refusal
at send time does, for staff to see why; only subscribing again and confirming starts them
again. The webhook takes only the basic-auth secret it was given."""

import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.alerts.channel import forget_unconfirmed
from articles.alerts.sending import send_instant_alerts
from articles.models import Subscriber
from tests.articles.alerts.reader import CONFIRM, ask_for_alerts, subscribe_and_confirm
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

WEBHOOK = "/anymail/postmark/tracking/"
SECRET = "postmark:test-only-webhook-secret"


def hard_bounce(address: str) -> dict:
    return {
        "RecordType": "Bounce",
        "ID": 901542550,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": address,
        "From": "alerts@example.com",
        "BouncedAt": timezone.now().isoformat(),
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Ferry returns",
    }


def spam_complaint(address: str) -> dict:
    return {
        **hard_bounce(address),
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "Description": "",
        "Details": "",
        "CanActivate": False,
    }


def unsubscribed(address: str) -> dict:
    return {
        "RecordType": "SubscriptionChange",
        "MessageID": "a4909a96-73d7-4c49-b148-a54522d3f7ac",
        "MessageStream": "outbound",
        "ChangedAt": timezone.now().isoformat(),
        "Recipient": address,
        "Origin": "Recipient",
        "SuppressSending": True,
        "SuppressionReason": "ManualSuppression",
    }


def transient(address: str) -> dict:
    return {
        **hard_bounce(address),
        "Type": "Transient",
        "TypeCode": 2,
        "Name": "Message delayed",
        "Details": "smtp;421 4.4.2 Connection timed out",
    }


def soft_bounce(address: str) -> dict:
    return {
        **hard_bounce(address),
        "Type": "SoftBounce",
        "TypeCode": 4096,
        "Name": "Soft bounce",
        "Details": "smtp;452 4.2.2 The email account that you tried to reach is over quota.",
    }


def post(client, payload: dict, *, secret: str | None = SECRET):
    headers = {}
    if secret is not None:
        token = base64.b64encode(secret.encode()).decode()
        headers["HTTP_AUTHORIZATION"] = f"Basic {token}"
    return client.post(WEBHOOK, json.dumps(payload), content_type="application/json", **headers)


def stopped(address: str) -> bool:
    reader = Subscriber.objects.get(email=address)
    return not reader.is_confirmed and reader.stopped_at is not None


@pytest.mark.parametrize(
    "secret", [None, "postmark:wrong", "other:test-only-webhook-secret", SECRET + "x"]
)
def test_a_report_without_the_webhook_secret_is_refused_and_changes_nothing(client, secret):
    SubscriberFactory(email="gone@example.com")

    response = post(client, hard_bounce("gone@example.com"), secret=secret)

    assert response.status_code in (400, 403)
    reader = Subscriber.objects.get(email="gone@example.com")
    assert reader.is_confirmed
    assert reader.stopped_at is None
    assert reader.stop_reason == ""


def test_a_hard_bounce_stops_that_address_alone_and_nothing_more_is_sent(client, mailbox):
    SubscriberFactory(email="gone@example.com")
    SubscriberFactory(email="reader@example.com")

    response = post(client, hard_bounce("Gone@Example.com"))

    assert response.status_code == 200
    assert stopped("gone@example.com")
    gone = Subscriber.objects.get(email="gone@example.com")
    assert "Bounced" in gone.stop_reason
    assert "550 5.1.1" in gone.stop_reason
    assert Subscriber.objects.get(email="reader@example.com").is_confirmed
    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 1
    assert mailbox.recipients() == ["reader@example.com"]


@pytest.mark.parametrize(
    ("report", "reason"),
    [(spam_complaint, "marked an alert as spam"), (unsubscribed, "unsubscribed")],
)
def test_a_complaint_or_unsubscribe_stops_alerts_until_the_reader_subscribes_again(
    client, mailbox, report, reason
):
    ask_for_alerts(client)
    [first] = mailbox.to("reader@example.com")
    old_link = first.link(CONFIRM)
    client.post(old_link)
    mailbox.clear()
    assert Subscriber.objects.get().is_confirmed

    assert post(client, report("reader@example.com")).status_code == 200

    assert stopped("reader@example.com")
    assert reason in Subscriber.objects.get().stop_reason
    assert send_instant_alerts(1, ArticleFactory().pk, "published") == 0
    # The confirmation link they had is no way back: only subscribing again is.
    assert "Confirm my address" not in client.get(old_link).content.decode()
    assert client.post(old_link).status_code == 410
    assert stopped("reader@example.com")
    assert mailbox.messages == []

    reader = subscribe_and_confirm(client, mailbox)

    assert reader.stopped_at is None
    assert reader.stop_reason == ""
    assert send_instant_alerts(2, ArticleFactory().pk, "published") == 1
    assert mailbox.recipients() == ["reader@example.com"]


@pytest.mark.parametrize("report", [transient, soft_bounce])
def test_a_delayed_or_soft_bounce_changes_nothing(client, report):
    SubscriberFactory(email="reader@example.com")

    assert post(client, report("reader@example.com")).status_code == 200

    reader = Subscriber.objects.get()
    assert reader.is_confirmed
    assert reader.stopped_at is None


def test_a_report_about_an_address_nobody_subscribed_changes_nothing(client):
    SubscriberFactory(email="reader@example.com")
    before = list(Subscriber.objects.values())

    assert post(client, hard_bounce("stranger@example.com")).status_code == 200
    assert post(client, spam_complaint("not an address")).status_code == 200

    assert list(Subscriber.objects.values()) == before


def test_a_report_older_than_the_reader_s_confirmation_changes_nothing(client):
    """A provider sending an old report again says nothing of an address confirmed since."""
    SubscriberFactory(email="reader@example.com")
    report = hard_bounce("reader@example.com")
    report["BouncedAt"] = (timezone.now() - timedelta(days=2)).isoformat()

    assert post(client, report).status_code == 200

    assert Subscriber.objects.get().is_confirmed


def test_a_refusal_at_send_time_is_recorded_the_same_way(mailbox):
    SubscriberFactory(email="gone@example.com")
    mailbox.refuse["gone@example.com"] = "550 5.1.1 No such user here"

    send_instant_alerts(1, ArticleFactory().pk, "published")

    assert stopped("gone@example.com")
    assert "550 5.1.1 No such user here" in Subscriber.objects.get().stop_reason


def test_a_stopped_address_is_kept_for_staff_to_see_then_forgotten(client, clocks, settings):
    long_ago = timezone.now() - timedelta(days=90)
    SubscriberFactory(email="gone@example.com", created_at=long_ago, confirmed_at=long_ago)
    post(client, hard_bounce("gone@example.com"))

    clocks.move(timedelta(days=settings.ALERTS_CONFIRM_DAYS - 1))
    forget_unconfirmed.call()
    assert stopped("gone@example.com")

    clocks.move(timedelta(days=2))
    forget_unconfirmed.call()
    assert not Subscriber.objects.exists()


def test_editors_see_why_and_when_alerts_stopped_and_export_it(client, editor_client):
    reader = SubscriberFactory(email="gone@example.com")
    SubscriberFactory(email="reader@example.com")
    post(client, hard_bounce("gone@example.com"))

    listed = editor_client.get("/admin/articles/subscriber/", {"confirmed": "stopped"})
    assert [row.email for row in listed.context["cl"].result_list] == ["gone@example.com"]
    page = editor_client.get(f"/admin/articles/subscriber/{reader.pk}/change/")
    html = page.content.decode()
    assert "Why alerts stopped" in html
    assert "550 5.1.1 The email account that you tried to reach does not exist." in html
    assert "Alerts stopped" in html

    exported = editor_client.post(
        "/admin/articles/subscriber/",
        {"action": "export_json", "_selected_action": [str(reader.pk)]},
    )
    [data] = json.loads(exported.content)["subscribers"]
    assert data["stopped_at"]
    assert data["stop_reason"].startswith("Bounced (Postmark reported): smtp;550 5.1.1")


def test_the_webhook_is_not_a_page_for_readers_or_staff(client, editor_client):
    """GET is not how a provider reports; a signed-in editor has no key to it either."""
    SubscriberFactory(email="gone@example.com")
    assert client.get(WEBHOOK).status_code == 405
    assert post(editor_client, hard_bounce("gone@example.com"), secret=None).status_code in (
        400,
        403,
    )
    assert Subscriber.objects.get().is_confirmed
