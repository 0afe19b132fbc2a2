"""A link of an alert email that no longer works, forged, signed with a SECRET_KEY the site no
longer has, expired or naming a reader who is gone, answers one private page that says so and
how to get a new link, and changes nothing."""

import pytest
from django.core import signing

from articles.alerts import tokens
from articles.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

ENDED = "This link is no longer valid"
PAGES = ("confirm", "preferences", "unsubscribe")


def link(page: str, subscriber) -> str:
    made = tokens.confirm_token if page == "confirm" else tokens.subscriber_token
    return f"/news/alerts/{page}/{made(subscriber.key)}/"


def assert_ended(response, status: int) -> None:
    assert response.status_code == status
    page = response.content.decode()
    assert f"<h1>{ENDED}</h1>" in page
    assert 'href="/news/alerts/"' in page
    assert "Nothing was changed" in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def unchanged(subscriber) -> dict:
    return Subscriber.objects.filter(pk=subscriber.pk).values().get()


@pytest.mark.parametrize("page", PAGES)
def test_a_link_signed_with_an_old_secret_key_says_it_no_longer_works_and_changes_nothing(
    client, settings, page
):
    subscriber = SubscriberFactory(confirmed_at=None)
    before = unchanged(subscriber)
    settings.SECRET_KEY = "the-key-before-the-site-restarted-" + "o" * 30
    stale = link(page, subscriber)
    settings.SECRET_KEY = "the-key-the-site-has-now-" + "n" * 40

    assert_ended(client.get(stale), 404)
    assert_ended(client.post(stale, {"frequency": "daily"}), 404)
    assert unchanged(subscriber) == before


@pytest.mark.parametrize("page", PAGES)
def test_an_altered_link_says_it_no_longer_works_and_changes_nothing(client, page):
    subscriber = SubscriberFactory(confirmed_at=None)
    before = unchanged(subscriber)
    good = link(page, subscriber)
    altered = good[:-4] + ("A" if good[-4] != "A" else "B") + good[-3:]

    assert_ended(client.get(altered), 404)
    assert_ended(client.post(altered), 404)
    assert unchanged(subscriber) == before


def test_a_one_click_unsubscribe_at_a_stale_link_unsubscribes_nobody(client, settings):
    subscriber = SubscriberFactory()
    settings.SECRET_KEY = "the-key-before-the-site-restarted-" + "o" * 30
    stale = link("unsubscribe", subscriber)
    settings.SECRET_KEY = "the-key-the-site-has-now-" + "n" * 40

    response = client.post(stale, {"List-Unsubscribe": "One-Click"})

    assert_ended(response, 404)
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    # The link made with the key the site has now still unsubscribes at once.
    assert (
        client.post(link("unsubscribe", subscriber), {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_preferences_link_of_a_reader_who_unsubscribed_has_ended(client):
    subscriber = SubscriberFactory()
    preferences = link("preferences", subscriber)
    subscriber.delete()

    assert_ended(client.get(preferences), 410)
    assert_ended(client.post(preferences, {"frequency": "daily"}), 410)
    assert not Subscriber.objects.exists()


def test_the_confirmation_link_of_a_reader_who_is_gone_has_ended(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    confirm = link("confirm", subscriber)
    subscriber.delete()

    assert_ended(client.get(confirm), 410)
    assert_ended(client.post(confirm), 410)
    assert not Subscriber.objects.exists()


def test_a_link_made_for_another_purpose_has_ended_too(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    other = signing.Signer(salt="another-purpose").sign(subscriber.key)

    for page in PAGES:
        assert_ended(client.get(f"/news/alerts/{page}/{other}/"), 404)
    assert Subscriber.objects.get().confirmed_at is None
