"""The signed links of the alert emails: an expired or forged link confirms or opens nothing,
their pages are private, and the confirmation says when corrections come."""

import time
from datetime import timedelta

import pytest
from django.core import signing

from articles.alerts import tokens
from articles.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def confirm_link(subscriber) -> str:
    return f"/news/alerts/confirm/{tokens.confirm_token(subscriber.key)}/"


def own_token(subscriber) -> str:
    return tokens.subscriber_token(subscriber.key)


def test_an_expired_confirmation_link_says_it_has_ended_and_confirms_nothing(client, monkeypatch):
    subscriber = SubscriberFactory(confirmed_at=None)
    eight_days_ago = time.time() - timedelta(days=8).total_seconds()
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: eight_days_ago)
        link = confirm_link(subscriber)

    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        assert "This link is no longer valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed


def forged(token: str) -> list[str]:
    value, _, signature = token.rpartition(":")
    other = tokens.new_key()
    return [
        f"{value}:{'A' * len(signature)}",
        f"{other}:{signature}",
        value,
        signing.Signer(salt="another-purpose").sign(value),
        signing.Signer(key="not-the-secret-key", salt=tokens.SUBSCRIBER_SALT).sign(value),
    ]


def test_forged_links_are_not_found(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    pages = {
        "confirm": (tokens.confirm_token(subscriber.key), "/news/alerts/confirm/{}/"),
        "preferences": (own_token(subscriber), "/news/alerts/preferences/{}/"),
        "unsubscribe": (own_token(subscriber), "/news/alerts/unsubscribe/{}/"),
    }
    for token, pattern in pages.values():
        for fake in forged(token):
            assert client.get(pattern.format(fake)).status_code == 404, fake
            assert client.post(pattern.format(fake)).status_code == 404, fake
    # A link for one purpose works for no other.
    assert client.get(f"/news/alerts/confirm/{own_token(subscriber)}/").status_code == 404
    assert client.get(pattern.format(tokens.confirm_token(subscriber.key))).status_code == 404
    subscriber.refresh_from_db()
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 1


def test_the_pages_at_signed_links_are_private(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    for url in [
        confirm_link(subscriber),
        f"/news/alerts/preferences/{own_token(subscriber)}/",
        f"/news/alerts/unsubscribe/{own_token(subscriber)}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_confirmation_link_after_unsubscribing_has_ended(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    link = confirm_link(subscriber)
    subscriber.delete()

    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410


@pytest.mark.parametrize(
    ("frequency", "promise"),
    [
        ("instant", "As each piece is published. Corrections too."),
        ("daily", "Once a day, in one email. Corrections too, as they are made."),
    ],
)
def test_the_confirmation_says_when_corrections_come(frequency, promise):
    from articles.alerts import messages

    subscriber = SubscriberFactory(frequency=frequency, wants_corrections=True)

    email = messages.confirmation(subscriber, url="https://news.example/confirm/")

    assert promise in email.body
    assert promise in email.alternatives[0][0]
