"""Editors register and manage webhook endpoints in the admin and read the delivery log;
contributors and anonymous visitors reach none of it, whatever ids they forge."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from articles.models import Event, WebhookDelivery, WebhookEndpoint
from tests.admin_forms import errors_on

pytestmark = pytest.mark.django_db

ENDPOINTS = "/admin/articles/webhookendpoint/"
DELIVERIES = "/admin/articles/webhookdelivery/"


def new_endpoint(client, url, **fields):
    data = {"url": url, "description": "Partner", "events": ["article.published"], "active": "on"}
    return client.post(f"{ENDPOINTS}add/", {**data, **fields})


def disabled_endpoint() -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        url="http://127.0.0.1:9/in",
        description="Flaky partner",
        active=False,
        failure_count=3,
        disabled_at=timezone.now(),
        disabled_reason="3 deliveries in a row failed after every retry (the last: HTTP 500)",
    )


def test_an_editor_registers_an_endpoint_and_is_shown_its_secret_once(
    editor, editor_client, receiver
):
    response = new_endpoint(editor_client, receiver.url)

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.events, endpoint.created_by) == (
        receiver.url,
        ["article.published"],
        editor,
    )
    assert endpoint.secret.startswith("whsec_")
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(endpoint.secret in message for message in said)

    page = editor_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert "<summary>Reveal the secret</summary>" in page
    assert endpoint.secret in page
    assert "None yet." in page


def test_an_address_inside_the_network_is_refused_with_a_clear_error(editor_client, dns):
    response = new_endpoint(editor_client, "http://169.254.169.254/latest/meta-data/")

    assert "“169.254.169.254” is a link-local address: webhooks are sent to public " in (
        errors_on(response)
    )
    assert not WebhookEndpoint.objects.exists()


def test_an_endpoint_needs_at_least_one_event(editor_client, receiver):
    response = new_endpoint(editor_client, receiver.url, events=[])

    assert "This field is required." in errors_on(response)
    response = new_endpoint(editor_client, receiver.url, events=["article.viewed"])
    assert "Select a valid choice." in errors_on(response)


def test_a_disabled_endpoint_says_why_on_the_list_and_its_page_and_is_enabled_again(
    editor_client, receiver
):
    endpoint = disabled_endpoint()
    endpoint.url = receiver.url
    endpoint.save()

    listing = editor_client.get(ENDPOINTS, follow=True)
    said = " ".join(str(m) for m in get_messages(listing.wsgi_request))
    assert "Disabled after repeated failures" in said
    assert "“Flaky partner” (3 deliveries in a row failed" in said
    page = editor_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert "<strong>Disabled on " in page

    response = editor_client.post(
        ENDPOINTS, {"action": "enable_endpoints", "_selected_action": [endpoint.pk]}
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.disabled_at, endpoint.failure_count) == (True, None, 0)


def test_ticking_active_again_enables_a_disabled_endpoint(editor_client, receiver):
    endpoint = disabled_endpoint()

    response = editor_client.post(
        f"{ENDPOINTS}{endpoint.pk}/change/",
        {
            "url": receiver.url,
            "description": "Fixed",
            "events": ["article.updated"],
            "active": "on",
        },
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.disabled_at, endpoint.disabled_reason) == (True, None, "")
    assert endpoint.events == ["article.updated"]


def test_the_delivery_log_shows_status_codes_and_changes_nothing(editor_client, receiver):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url)
    event = Event.objects.create(kind="article.published", article_id=7)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, attempts=2, last_status_code=503, last_error="HTTP 503"
    )

    listing = editor_client.get(DELIVERIES).content.decode()
    assert "503" in listing
    page = editor_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert "<td>article.published</td><td>7</td><td>Retrying</td><td>2</td><td>503</td>" in page
    assert editor_client.get(f"{DELIVERIES}{delivery.pk}/change/").status_code == 200
    assert editor_client.get(f"{DELIVERIES}add/").status_code == 403
    assert (
        editor_client.post(f"{DELIVERIES}{delivery.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()


@pytest.mark.parametrize("who", ["contributor", "anonymous"])
def test_contributors_and_anonymous_visitors_are_refused_everything(who, contributor, receiver):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url, description="Kept")
    event = Event.objects.create(kind="article.published", article_id=7)
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    browser = Client()
    if who == "contributor":
        browser.force_login(contributor)

    pages = [
        ENDPOINTS,
        f"{ENDPOINTS}add/",
        f"{ENDPOINTS}{endpoint.pk}/change/",
        f"{ENDPOINTS}{endpoint.pk}/delete/",
        f"{ENDPOINTS}{endpoint.pk}/history/",
        DELIVERIES,
        f"{DELIVERIES}{delivery.pk}/change/",
    ]
    refused = 403 if who == "contributor" else 302
    for page in pages:
        response = browser.get(page)
        assert response.status_code == refused, page
        assert endpoint.secret not in response.content.decode()
    forged = [
        (f"{ENDPOINTS}{endpoint.pk}/change/", {"url": "http://127.0.0.1:1/", "events": ["x"]}),
        (f"{ENDPOINTS}{endpoint.pk}/delete/", {"post": "yes"}),
        (ENDPOINTS, {"action": "enable_endpoints", "_selected_action": [endpoint.pk]}),
        (f"{ENDPOINTS}add/", {"url": "http://127.0.0.1:1/", "events": ["article.published"]}),
    ]
    for page, data in forged:
        assert browser.post(page, data).status_code == refused, page

    assert list(WebhookEndpoint.objects.values_list("description", "url")) == [
        ("Kept", receiver.url)
    ]
    if who == "anonymous":
        assert browser.get(ENDPOINTS)["Location"].startswith("/admin/login/")
