"""A reader who subscribes through the form and confirms through the emailed link."""

from articles.models import Subscriber

READER = "reader@example.com"
CONFIRM = r"/news/alerts/confirm/[^/\s]+/"
UNSUBSCRIBE = r"/news/alerts/unsubscribe/[^/\s]+/"
PREFERENCES = r"/news/alerts/preferences/[^/\s]+/"


def ask_for_alerts(client, address=READER, **choices) -> None:
    """Send the subscribe form for `address` (everything, as each piece is published, unless
    `choices` say otherwise)."""
    data = {"email": address, "frequency": "instant", **(choices or {"everything": "on"})}
    response = client.post("/news/alerts/", data, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 303, response.content.decode()[:2000]
    assert response["Location"] == "/news/alerts/requested/"


def subscribe_and_confirm(client, mailbox, address=READER, **choices) -> Subscriber:
    ask_for_alerts(client, address, **choices)
    [confirmation] = mailbox.to(address)
    assert confirmation.subject.startswith("Confirm your email alerts")
    assert not Subscriber.objects.get(email=address).is_confirmed

    confirm = confirmation.link(CONFIRM)
    page = client.get(confirm)
    assert page.status_code == 200
    assert "Confirm my address" in page.content.decode()
    assert not Subscriber.objects.get(email=address).is_confirmed, "opening the link is not enough"
    done = client.post(confirm)
    assert done.status_code == 200
    assert "You are subscribed" in done.content.decode()
    mailbox.clear()
    return Subscriber.objects.get(email=address)
