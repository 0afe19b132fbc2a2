"""Editors register and manage webhook endpoints in the admin and read the delivery log;
contributors and anonymous visitors reach none of it, whatever ids they forge."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article, Event, WebhookDelivery, WebhookEndpoint
from articles.workflow import publishing
from tests.admin_forms import errors_on, form_data, saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = "/admin/articles/webhookendpoint/"
DELIVERIES = "/admin/articles/webhookdelivery/"


def send_a_test_message(client, *endpoints: WebhookEndpoint):
    return client.post(
        ENDPOINTS,
        {"action": "send_test_message", "_selected_action": [e.pk for e in endpoints]},
        follow=True,
    )


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


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

    page = f"{ENDPOINTS}{endpoint.pk}/change/"
    changes = {"description": "Fixed", "events": ["article.updated"], "active": "on"}

    response = editor_client.post(
        page, form_data(editor_client.get(page), url=receiver.url, **changes), follow=True
    )

    assert response.redirect_chain == [(ENDPOINTS, 302)]
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.disabled_at, endpoint.disabled_reason) == (True, None, "")
    assert (endpoint.failure_count, endpoint.events) == (0, ["article.updated"])
    assert "“Fixed” is enabled again; what waited for it is sent now." in said(response)


def test_a_save_without_the_state_the_form_was_opened_in_changes_nothing(editor_client, receiver):
    endpoint = disabled_endpoint()
    page = f"{ENDPOINTS}{endpoint.pk}/change/"
    fields = {"url": receiver.url, "description": "Forged", "events": ["article.updated"]}

    response = editor_client.post(page, {**fields, "active": "on"})

    assert "The site disabled this endpoint on " in errors_on(response)
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.description, endpoint.failure_count) == (
        False,
        "Flaky partner",
        3,
    )


def test_a_form_opened_before_the_site_disabled_the_endpoint_does_not_enable_it_again(
    editor_client, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    page = f"{ENDPOINTS}{endpoint.pk}/change/"
    opened = editor_client.get(page)
    # Meanwhile the receiver fails and the site disables the endpoint.
    settings.WEBHOOK_RETRY_DELAYS = []
    settings.WEBHOOK_DISABLE_AFTER = 1
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publishing.publish(ArticleFactory(status=Article.Status.DRAFT, published_at=None))
    endpoint.refresh_from_db()
    disabled = (endpoint.disabled_at, endpoint.disabled_reason, endpoint.failure_count)
    assert not endpoint.active

    response = editor_client.post(page, form_data(opened, description="Partner feed, renamed"))

    assert "The site disabled this endpoint on " in errors_on(response)
    assert "after you opened this page: 1 deliveries in a row failed" in errors_on(response)
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert (endpoint.disabled_at, endpoint.disabled_reason, endpoint.failure_count) == disabled
    assert endpoint.description == "Partner feed"
    # The form shown again keeps the editor's changes and shows the endpoint as it is now.
    form = response.context["adminform"].form
    assert form["description"].value() == "Partner feed, renamed"
    assert not form["active"].value()
    assert "<strong>Disabled on " in response.content.decode()

    saved(editor_client, page, description="Partner feed, renamed")
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.description) == (False, "Partner feed, renamed")
    assert (endpoint.disabled_at, endpoint.disabled_reason, endpoint.failure_count) == disabled

    response = saved(editor_client, page, active="on")
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.disabled_at, endpoint.failure_count) == (True, None, 0)
    assert "“Partner feed, renamed” is enabled again" in said(response)


def test_a_form_opened_before_someone_switched_the_endpoint_off_does_not_switch_it_on(
    editor_client, endpoint
):
    page = f"{ENDPOINTS}{endpoint.pk}/change/"
    opened = editor_client.get(page)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)

    response = editor_client.post(page, form_data(opened))

    assert "This endpoint was switched off after you opened this page." in errors_on(response)
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert not response.context["adminform"].form["active"].value()


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


def test_an_editor_sends_a_test_message_with_the_newest_piece_and_reads_what_came_of_it(
    editor_client, endpoint, receiver
):
    ArticleFactory(headline="Older piece", published_at=timezone.now() - timedelta(days=2))
    newest = ArticleFactory(headline="Newest piece")
    ArticleFactory(headline="Still a draft", status=Article.Status.DRAFT, published_at=None)

    response = send_a_test_message(editor_client, endpoint)

    assert response.status_code == 200
    assert "“Partner feed”: the test message was delivered (HTTP 200)." in said(response)
    # Signed with the endpoint's secret: the receiver verified it.
    assert receiver.forged == []
    assert receiver.kinds == ["webhook.test"]
    assert receiver.seen[0].data["id"] == newest.pk
    assert receiver.seen[0].data["headline"] == "Newest piece"
    sent = WebhookDelivery.objects.get()
    assert (sent.event.kind, sent.attempts, sent.last_status_code) == ("webhook.test", 1, 200)
    assert sent.delivered_at is not None
    page = editor_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert f"<td>webhook.test</td><td>{newest.pk}</td><td>Delivered</td><td>1</td>" in page
    # Sent to that endpoint alone: its event is handled from the start, so no channel (email
    # alerts, the other endpoints) is ever handed it.
    assert sent.event.handled_at is not None
    assert sent.event.pk not in Event.objects.filter(handled_at=None).values_list("pk", flat=True)


def test_a_test_message_that_fails_says_why_and_is_neither_retried_nor_counted(
    editor_client, endpoint, receiver
):
    receiver.answers = [500]

    response = send_a_test_message(editor_client, endpoint)

    assert "“Partner feed”: the test message was not delivered: HTTP 500" in said(response)
    sent = WebhookDelivery.objects.get()
    assert (sent.state, sent.attempts, sent.last_status_code) == ("Given up", 1, 500)
    assert not WebhookDelivery.objects.pending().exists()
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failure_count) == (True, 0)
    assert len(receiver.seen) == 1


def test_a_disabled_endpoint_is_tested_before_it_is_enabled_again(editor_client, receiver):
    endpoint = disabled_endpoint()
    endpoint.url = receiver.url
    endpoint.save()
    receiver.secret = endpoint.secret

    response = send_a_test_message(editor_client, endpoint)

    assert "“Flaky partner”: the test message was delivered (HTTP 200)." in said(response)
    assert receiver.kinds == ["webhook.test"]
    # Without a public piece, the message says so in the piece's place.
    assert receiver.seen[0].data == {"id": 0}
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.failure_count) == (False, 3)


def test_a_receiver_cannot_choose_the_test_message(editor_client, receiver):
    page = editor_client.get(f"{ENDPOINTS}add/").content.decode()
    assert 'value="article.published"' in page
    assert "webhook.test" not in page

    response = new_endpoint(editor_client, receiver.url, events=["webhook.test"])

    assert "Select a valid choice. webhook.test is not one of the available choices." in (
        errors_on(response)
    )
    assert not WebhookEndpoint.objects.exists()
    assert "webhook.test" not in WebhookEndpoint(url=receiver.url).events


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
        (ENDPOINTS, {"action": "send_test_message", "_selected_action": [endpoint.pk]}),
        (f"{ENDPOINTS}add/", {"url": "http://127.0.0.1:1/", "events": ["article.published"]}),
    ]
    for page, data in forged:
        assert browser.post(page, data).status_code == refused, page

    assert list(WebhookEndpoint.objects.values_list("description", "url")) == [
        ("Kept", receiver.url)
    ]
    assert receiver.seen == []
    assert not Event.objects.filter(kind="webhook.test").exists()
    if who == "anonymous":
        assert browser.get(ENDPOINTS)["Location"].startswith("/admin/login/")
