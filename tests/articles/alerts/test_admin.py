"""Subscribers in the admin: editors only, read-only, searchable; export and erase for privacy
requests."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import AlertDelivery, Subscriber
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/subscriber/"


@pytest.fixture
def readers():
    dana = AuthorFactory(name="Dana Whitfield")
    piece = ArticleFactory(headline="Ferry returns", authors=[dana])
    first = SubscriberFactory(
        email="first@example.com", everything=False, authors=[dana], kinds=["op-ed"]
    )
    second = SubscriberFactory(email="second@example.com", confirmed_at=None, frequency="daily")
    AlertDelivery.objects.create(
        subscriber=first,
        event_id=4,
        article=piece,
        kind="published",
        message_id="<alert.abc@testserver>",
        sent_at=timezone.now(),
    )
    return first, second


def test_contributors_and_staff_without_the_permission_see_no_subscriber(
    contributor_client, readers
):
    first, _ = readers
    for url in [LIST, f"{LIST}{first.pk}/change/", f"{LIST}{first.pk}/delete/"]:
        assert contributor_client.get(url).status_code == 403, url
    index = contributor_client.get("/admin/articles/").content.decode()
    assert "Subscribers" not in index


def test_editors_list_search_and_filter_subscribers(editor_client, readers):
    response = editor_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "first@example.com" in html
    assert "Op-eds; by Dana Whitfield" in html

    found = editor_client.get(LIST, {"q": "second@"})
    assert [row.email for row in found.context["cl"].result_list] == ["second@example.com"]
    waiting = editor_client.get(LIST, {"confirmed": "no"})
    assert [row.email for row in waiting.context["cl"].result_list] == ["second@example.com"]
    daily = editor_client.get(LIST, {"frequency__exact": "daily"})
    assert [row.email for row in daily.context["cl"].result_list] == ["second@example.com"]


def test_nobody_adds_or_changes_a_subscriber_in_the_admin(editor_client, admin_client, readers):
    first, _ = readers
    for browser in (editor_client, admin_client):
        assert browser.get(f"{LIST}add/").status_code == 403
        page = browser.get(f"{LIST}{first.pk}/change/")
        assert page.status_code == 200
        assert 'name="email"' not in page.content.decode()
        assert "&lt;alert.abc@testserver&gt;" in page.content.decode()
        browser.post(f"{LIST}{first.pk}/change/", {"email": "changed@example.com"})
    first.refresh_from_db()
    assert first.email == "first@example.com"


def test_export_gives_everything_stored_about_the_chosen_subscribers(editor_client, readers):
    first, _ = readers

    response = editor_client.post(
        LIST, {"action": "export_json", "_selected_action": [str(first.pk)]}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    [exported] = json.loads(response.content)["subscribers"]
    assert exported["email"] == "first@example.com"
    assert exported["kinds"] == ["op-ed"]
    assert exported["authors"] == [{"name": "Dana Whitfield", "slug": first.authors.get().slug}]
    assert exported["frequency"] == "instant"
    assert exported["confirmed_at"]
    assert exported["confirmation_sent_at"] is None  # made in the test, not through the form
    [delivery] = exported["deliveries"]
    assert delivery["article"] == "Ferry returns"
    assert delivery["message_id"] == "<alert.abc@testserver>"
    assert delivery["sent_at"]


def test_erase_deletes_the_subscriber_their_deliveries_and_every_log_line_naming_them(
    editor_client, editor, readers
):
    first, second = readers
    LogEntry.objects.log_actions(
        user_id=editor.pk, queryset=[first], action_flag=CHANGE, change_message="Looked"
    )
    data = {"action": "delete_selected", "_selected_action": [str(first.pk)]}

    confirm = editor_client.post(LIST, data)
    assert confirm.status_code == 200
    assert "Erase" in editor_client.get(LIST).content.decode()
    assert "first@example.com" in confirm.content.decode()
    done = editor_client.post(LIST, {**data, "post": "yes"})

    assert done.status_code == 302
    assert list(Subscriber.objects.all()) == [second]
    assert not AlertDelivery.objects.exists()
    subscribers = ContentType.objects.get_for_model(Subscriber)
    [erasure] = LogEntry.objects.filter(content_type=subscribers)
    assert erasure.object_repr == f"Subscriber {first.pk} (erased)"
    assert not LogEntry.objects.filter(object_repr__contains="first@example.com").exists()


def test_erase_from_the_subscribers_own_page(editor_client, readers):
    first, _ = readers

    response = editor_client.post(f"{LIST}{first.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=first.pk).exists()
    assert not LogEntry.objects.filter(object_repr__contains="first@example.com").exists()


def test_contributors_cannot_export_or_erase(contributor_client, readers):
    first, _ = readers
    for action in ["export_json", "delete_selected"]:
        response = contributor_client.post(
            LIST, {"action": action, "_selected_action": [str(first.pk)], "post": "yes"}
        )
        assert response.status_code == 403
    assert Subscriber.objects.count() == 2
