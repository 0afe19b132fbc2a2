"""Times in the admin's lists and read-only fields, written as the admin writes every time.

Django's own format ("Oct. 27, 2030, 1:30 a.m.") leaves out the zone, which alone tells the two
times the clocks show in the hour they repeat apart: "Oct 27, 2030 01:30 BST", then "01:30 GMT".
"""

from datetime import UTC, datetime

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from articles.models import Event, Journalist, Subscriber, WebhookDelivery, WebhookEndpoint
from newsroom.models import SitePage
from tests.factories import SitePageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime(2030, 10, 27, 0, 30, tzinfo=UTC)  # 01:30 BST
AFTER = datetime(2030, 10, 27, 1, 30, tzinfo=UTC)  # 01:30 GMT, an hour later


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def shown_times(model_admin):
    """The model's times an admin shows as they are: its columns and read-only fields, and
    its inlines' read-only fields."""
    shown = [(model_admin.model, name) for name in model_admin.list_display]
    shown += [(model_admin.model, name) for name in model_admin.readonly_fields]
    for inline in model_admin.inlines:
        shown += [(inline.model, name) for name in inline.readonly_fields]
    for model, name in shown:
        try:
            field = model._meta.get_field(name) if isinstance(name, str) else None
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.DateTimeField):
            yield field


def test_every_time_an_admin_shows_as_a_field_is_written_with_its_zone():
    fields = [
        field for model_admin in admin.site._registry.values() for field in shown_times(model_admin)
    ]
    assert len(fields) > 20
    for field in fields:
        assert admin_list.display_for_field(AFTER, field, "-") == "Oct 27, 2030 01:30 GMT", field
        assert helpers.display_for_field(BEFORE, field, "-") == "Oct 27, 2030 01:30 BST", field
        assert admin_list.display_for_field(None, field, "-") == "-", field


def test_the_subscribers_list_and_page_write_their_times_with_the_zone(editor_client):
    first = SubscriberFactory(email="early@example.com", confirmed_at=BEFORE)
    second = SubscriberFactory(email="late@example.com", confirmed_at=AFTER)
    Subscriber.objects.filter(pk=first.pk).update(created_at=BEFORE)
    Subscriber.objects.filter(pk=second.pk).update(created_at=AFTER)

    listing = editor_client.get("/admin/articles/subscriber/").content.decode()
    page = editor_client.get(f"/admin/articles/subscriber/{second.pk}/change/").content.decode()

    assert "Oct 27, 2030 01:30 BST" in listing
    assert "Oct 27, 2030 01:30 GMT" in listing
    assert "Oct 27, 2030 01:30 GMT" in page
    assert "1:30 a.m." not in listing + page


def test_the_journalists_list_writes_when_each_was_added_with_the_zone(editor_client):
    Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test", created_at=BEFORE)
    Journalist.objects.create(name="Sam Okafor", email="sam@ledger.test", created_at=AFTER)

    listing = editor_client.get("/admin/articles/journalist/").content.decode()

    assert "Oct 27, 2030 01:30 BST" in listing
    assert "Oct 27, 2030 01:30 GMT" in listing


def test_the_site_pages_list_writes_when_each_changed_with_the_zone(editor_client):
    about = SitePageFactory(title="About")
    SitePage.objects.filter(pk=about.pk).update(updated_at=AFTER)

    listing = editor_client.get("/admin/newsroom/sitepage/").content.decode()

    assert "Oct 27, 2030 01:30 GMT" in listing


def test_the_webhook_deliveries_list_writes_its_times_with_the_zone(editor_client):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/in")
    event = Event.objects.create(kind="article.published", article_id=7)
    WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, delivered_at=BEFORE, next_attempt_at=AFTER
    )

    listing = editor_client.get("/admin/articles/webhookdelivery/").content.decode()

    assert "Oct 27, 2030 01:30 BST" in listing
    assert "Oct 27, 2030 01:30 GMT" in listing


def test_the_login_attempts_list_writes_their_times_with_the_zone(admin_client):
    attempt = AccessAttempt.objects.create(username="someone", failures_since_start=1)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=AFTER)

    listing = admin_client.get("/admin/axes/accessattempt/").content.decode()

    assert "Oct 27, 2030 01:30 GMT" in listing


def test_an_objects_history_writes_when_each_change_was_made_with_the_zone(editor_client, editor):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    journalist = Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test")
    for when, said in [(BEFORE, "First change"), (AFTER, "Second change")]:
        LogEntry.objects.create(
            user=editor,
            content_type=ContentType.objects.get_for_model(Journalist),
            object_id=str(journalist.pk),
            object_repr=str(journalist),
            action_flag=CHANGE,
            change_message=said,
            action_time=when,
        )

    history = editor_client.get(f"/admin/articles/journalist/{journalist.pk}/history/")
    page = history.content.decode()

    assert history.status_code == 200
    assert page.index("Oct 27, 2030 01:30 BST") < page.index("First change")
    assert page.index("Oct 27, 2030 01:30 GMT") < page.index("Second change")
