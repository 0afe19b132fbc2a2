"""A reader subscribes, confirms and gets alerts, through a real SMTP server on loopback, then
unsubscribes in one click and gets nothing more."""

import re

import pytest
from django.test import Client

from articles.alerts.sending import send_instant_alerts
from articles.models import AlertDelivery, Subscriber
from tests.articles.alerts.reader import (
    PREFERENCES,
    READER,
    UNSUBSCRIBE,
    subscribe_and_confirm,
)
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_subscribe_confirm_receive_one_alert_then_unsubscribe_in_one_click(client, mailbox):
    subscriber = subscribe_and_confirm(client, mailbox)
    assert subscriber.is_confirmed

    piece = ArticleFactory(headline="Harbour ferry returns", kind="news")
    assert send_instant_alerts(1, piece.pk, "article.published") == 1

    [alert] = mailbox.messages
    assert alert.recipients == [READER]
    assert alert.subject == "News: Harbour ferry returns"
    unsubscribe = alert.link(UNSUBSCRIBE)
    assert alert.header("List-Unsubscribe") == f"<http://testserver{unsubscribe}>"
    assert alert.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<alert\.[0-9a-f]{32}@testserver>", alert.header("Message-ID"))
    assert alert.link(PREFERENCES)
    assert f"http://testserver{piece.get_absolute_url()}" in alert.text
    assert f'href="http://testserver{unsubscribe}"' in alert.html
    assert "<img" not in alert.html, "no tracking pixel, no image at all"
    delivery = AlertDelivery.objects.get()
    assert delivery.sent_at is not None
    assert delivery.message_id == alert.header("Message-ID")

    # Running the event again sends nothing.
    assert send_instant_alerts(1, piece.pk, "article.published") == 0
    assert len(mailbox.messages) == 1

    # The mail app's one-click POST: no cookie, no CSRF token, the RFC 8058 body.
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not AlertDelivery.objects.exists()
    assert mail_app.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200

    later = ArticleFactory(headline="Pier reopens")
    assert send_instant_alerts(2, later.pk, "article.published") == 0
    assert len(mailbox.messages) == 1


def test_the_unsubscribe_link_in_the_body_asks_first(client, mailbox):
    subscribe_and_confirm(client, mailbox)
    send_instant_alerts(1, ArticleFactory().pk, "published")
    unsubscribe = mailbox.messages[0].link(UNSUBSCRIBE)

    page = client.get(unsubscribe)

    assert page.status_code == 200
    assert "Stop every alert to reader@example.com?" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert Subscriber.objects.exists(), "a GET (a mail scanner) unsubscribes nobody"
    assert client.post(unsubscribe).status_code == 200
    assert not Subscriber.objects.exists()
    assert "You are unsubscribed" in client.get(unsubscribe).content.decode()


def test_the_preferences_page_changes_what_arrives(client, mailbox):
    dana, marcus = AuthorFactory(name="Dana Whitfield"), AuthorFactory(name="Marcus Ellis")
    ArticleFactory(authors=[dana])
    ArticleFactory(authors=[marcus])
    subscriber = subscribe_and_confirm(client, mailbox, authors=str(dana.pk))
    send_instant_alerts(1, ArticleFactory(authors=[dana]).pk, "published")
    preferences = mailbox.messages[0].link(PREFERENCES)

    page = client.get(preferences)
    assert page.status_code == 200
    assert "Pieces by Dana Whitfield" in page.content.decode()
    response = client.post(preferences, {"authors": [str(marcus.pk)], "frequency": "instant"})
    assert response.status_code == 303
    assert "Saved" in client.get(response["Location"]).content.decode()

    assert list(subscriber.authors.all()) == [marcus]
    mailbox.clear()
    assert send_instant_alerts(2, ArticleFactory(authors=[dana]).pk, "published") == 0
    assert send_instant_alerts(3, ArticleFactory(authors=[marcus]).pk, "published") == 1


def test_an_address_already_subscribed_is_sent_its_preferences_with_the_new_choice_ticked(
    client, mailbox
):
    dana = AuthorFactory(name="Dana Whitfield")
    ArticleFactory(authors=[dana])
    subscribe_and_confirm(client, mailbox, kinds="news")

    response = client.post(
        "/news/alerts/",
        {"email": READER, "authors": str(dana.pk), "frequency": "instant"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 303
    [known] = mailbox.messages
    assert known.subject.startswith("Your email alerts")
    assert "Nothing has changed" in known.text
    preferences = known.link(PREFERENCES + r"\?[^\s]+")
    page = client.get(preferences).content.decode()
    assert f'value="{dana.pk}"' in page
    assert re.search(rf'value="{dana.pk}"[^>]*checked', page)
    assert list(Subscriber.objects.get().authors.all()) == [], "nothing changes by itself"
