"""Enabling an endpoint again writes its switch and nothing else: an address, description or
secret another editor saved after the endpoint was read is kept."""

from contextlib import contextmanager

import pytest
from django.contrib.messages import get_messages
from django.db import connection

from articles.models import WebhookEndpoint
from articles.webhooks.delivery import enable
from tests.admin_forms import form_data
from tests.articles.webhooks.test_admin import ENDPOINTS, disabled_endpoint

pytestmark = pytest.mark.django_db

ELSEWHERE = {
    "url": "https://hooks.partner.example/v2/in",
    "description": "Partner, moved to v2",
    "secret": "whsec_cm90YXRlZCBieSBhbm90aGVyIGVkaXRvciBtZWFud2hpbGU=",
}


@contextmanager
def saved_meanwhile(endpoint: WebhookEndpoint, **changes):
    """Another editor's save of `changes` to `endpoint`, written just before the first write
    to the endpoint's row that happens inside the block (after the block's request read it)."""
    done = []

    def first(execute, sql, params, many, context):
        if not done and sql.startswith('UPDATE "articles_webhookendpoint"'):
            done.append(sql)
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(**changes)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(first):
        yield done
    assert done, "the endpoint's row was never written"


def test_enable_keeps_what_another_editor_changed_since_the_endpoint_was_read():
    loaded = disabled_endpoint()
    WebhookEndpoint.objects.filter(pk=loaded.pk).update(**ELSEWHERE)

    enable(loaded)

    stored = WebhookEndpoint.objects.get(pk=loaded.pk)
    assert (stored.url, stored.description, stored.secret) == tuple(ELSEWHERE.values())
    assert (stored.active, stored.disabled_at, stored.disabled_reason) == (True, None, "")
    assert stored.failure_count == 0


def test_the_lists_action_keeps_an_edit_saved_while_it_ran(editor_client):
    endpoint = disabled_endpoint()

    with saved_meanwhile(endpoint, **ELSEWHERE):
        response = editor_client.post(
            ENDPOINTS, {"action": "enable_endpoints", "_selected_action": [endpoint.pk]}
        )

    assert response.status_code == 302
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "1 endpoint(s) enabled; what waited for them is sent now." in said
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert (stored.url, stored.description, stored.secret) == tuple(ELSEWHERE.values())
    assert (stored.active, stored.disabled_at, stored.failure_count) == (True, None, 0)


def test_ticking_active_saves_the_form_and_the_switch_and_keeps_the_secret(editor_client, receiver):
    endpoint = disabled_endpoint()
    page = f"{ENDPOINTS}{endpoint.pk}/change/"
    data = form_data(
        editor_client.get(page),
        url=receiver.url,
        description="Fixed",
        events=["article.updated"],
        active="on",
    )

    with saved_meanwhile(endpoint, secret=ELSEWHERE["secret"]):
        response = editor_client.post(page, data)

    assert response.status_code == 302
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert stored.secret == ELSEWHERE["secret"]
    assert (stored.url, stored.description, stored.events) == (
        receiver.url,
        "Fixed",
        ["article.updated"],
    )
    assert (stored.active, stored.disabled_at, stored.failure_count) == (True, None, 0)


def test_the_action_with_forged_ids_enables_nothing(editor_client, contributor_client):
    endpoint = disabled_endpoint()
    forged = {"action": "enable_endpoints", "_selected_action": [endpoint.pk + 1000]}

    assert (
        contributor_client.post(ENDPOINTS, forged | {"_selected_action": [endpoint.pk]}).status_code
        == 403
    )
    response = editor_client.post(ENDPOINTS, forged, follow=True)

    assert response.status_code == 200
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert (stored.active, stored.failure_count) == (False, 3)
    assert stored.disabled_at is not None
