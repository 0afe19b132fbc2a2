"""Readers following a deleted topic by email: the topic leaves every subscription; a reader
who followed nothing else is unsubscribed (their deliveries go with them), never left
following nothing nor widened to everything; the editor is told on the confirmation page how
many readers it touches; and the deletion takes as many queries for fifty readers as for one,
whichever way the topic goes (the admin, or `delete()` in a shell)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import AlertDelivery, Subscriber
from tests.articles.admin.test_topic_deleting import (
    DELETE_URL,
    TAGS_URL,
    WAYS,
    carried_by,
    delete_on_its_page,
)
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def following() -> dict[str, list[str]]:
    """Each subscriber's address and the topics they follow."""
    return {
        subscriber.email: sorted(subscriber.tags.values_list("name", flat=True))
        for subscriber in Subscriber.objects.all()
    }


def readers(tag: Tag, other: Tag) -> dict[str, Subscriber]:
    dana = AuthorFactory(name="Dana Whitfield")
    return {
        "only": SubscriberFactory(email="only@example.com", everything=False, tags=[tag]),
        "unconfirmed": SubscriberFactory(
            email="unconfirmed@example.com", everything=False, tags=[tag], confirmed_at=None
        ),
        "another topic": SubscriberFactory(
            email="another@example.com", everything=False, tags=[tag, other]
        ),
        "a kind": SubscriberFactory(
            email="kind@example.com", everything=False, tags=[tag], kinds=["op-ed"]
        ),
        "an author": SubscriberFactory(
            email="author@example.com", everything=False, tags=[tag], authors=[dana]
        ),
        "elsewhere": SubscriberFactory(
            email="elsewhere@example.com", everything=False, tags=[other]
        ),
        "everything": SubscriberFactory(email="everything@example.com"),
    }


@pytest.mark.parametrize("way", WAYS)
def test_readers_lose_the_deleted_topic_and_those_left_with_nothing_are_unsubscribed(
    editor_client, way
):
    tag = carried_by(1)
    other = Tag.objects.get(name="Harbour 0")
    chose = readers(tag, other)
    AlertDelivery.objects.create(
        subscriber=chose["only"],
        event_id=4,
        kind="published",
        message_id="<alert.abc@testserver>",
        sent_at=timezone.now(),
    )

    assert way(editor_client, tag).status_code == 302

    assert following() == {
        "another@example.com": ["Harbour 0"],
        "kind@example.com": [],
        "author@example.com": [],
        "elsewhere@example.com": ["Harbour 0"],
        "everything@example.com": [],
    }
    assert not AlertDelivery.objects.exists()
    assert Subscriber.objects.get(email="kind@example.com").kind_list == ["op-ed"]
    assert Subscriber.objects.get(email="author@example.com").authors.count() == 1
    assert list(Subscriber.objects.filter(everything=True).values_list("email", flat=True)) == [
        "everything@example.com"
    ]


def test_a_reader_following_only_topics_deleted_together_is_unsubscribed(editor_client):
    ArticleFactory(tag_names=["Ferries", "Trams", "Buses"])
    ferries, trams, buses = (Tag.objects.get(name=name) for name in ("Ferries", "Trams", "Buses"))
    SubscriberFactory(email="both@example.com", everything=False, tags=[ferries, trams])
    SubscriberFactory(email="buses@example.com", everything=False, tags=[trams, buses])
    chosen = {"action": "delete_selected", "_selected_action": [ferries.pk, trams.pk]}

    assert editor_client.post(TAGS_URL, {**chosen, "post": "yes"}).status_code == 302

    assert following() == {"buses@example.com": ["Buses"]}


def test_the_confirmation_page_says_how_many_readers_follow_the_topic_by_email(editor_client):
    tag = carried_by(1)
    readers(tag, Tag.objects.get(name="Harbour 0"))

    page = editor_client.get(DELETE_URL.format(tag.pk)).content.decode()

    assert (
        "Followed by 5 readers by email, who stop getting it; 2 of them follow nothing else, "
        "and are unsubscribed." in page
    )
    assert "<li>Email followers: 5</li>" in page
    assert "<li>Email subscriptions ended: 2</li>" in page


def test_the_confirmation_page_says_when_no_reader_follows_the_topic(editor_client):
    tag = carried_by(1)

    page = editor_client.get(DELETE_URL.format(tag.pk)).content.decode()

    assert "Followed by no reader by email." in page
    assert "<li>Email followers: 0</li>" in page
    assert "Email subscriptions ended" not in page


def test_the_list_confirmation_counts_each_reader_once(editor_client):
    ArticleFactory(tag_names=["Ferries", "Trams"])
    ferries, trams = Tag.objects.get(name="Ferries"), Tag.objects.get(name="Trams")
    SubscriberFactory(everything=False, tags=[ferries, trams])
    chosen = {"action": "delete_selected", "_selected_action": [ferries.pk, trams.pk]}

    page = editor_client.post(TAGS_URL, chosen).content.decode()

    assert page.count("Followed by 1 reader by email, who stops getting it; 1 of them follows") == 2
    assert "<li>Email followers: 1</li>" in page
    assert "<li>Email subscriptions ended: 1</li>" in page


def followed_by(count: int, name: str) -> Tag:
    """A topic one piece carries, followed by `count` readers: half follow nothing else."""
    tag = carried_by(1, name=name)
    other = Tag.objects.get(name="Harbour 0")
    for number in range(count):
        tags = [tag] if number % 2 else [tag, other]
        SubscriberFactory(email=f"{tag.slug}-{number}@example.com", everything=False, tags=tags)
    return tag


def queries_to_delete(delete, count: int) -> int:
    tag = followed_by(count, name=f"Followed by {count}")
    with CaptureQueriesContext(connection) as done:
        delete(tag)
    assert not Subscriber.objects.filter(tags=tag).exists()
    return len(done)


@pytest.mark.parametrize("way", WAYS)
def test_deleting_takes_as_many_queries_for_fifty_readers_as_for_two(editor_client, way):
    def delete(tag):
        assert way(editor_client, tag).status_code == 302

    queries_to_delete(delete, 3)  # what is read once a process is read
    two = queries_to_delete(delete, 2)
    fifty = queries_to_delete(delete, 50)

    assert fifty == two
    assert Subscriber.objects.count() == 2 + 1 + 25


def test_the_confirmation_page_takes_as_many_queries_for_fifty_readers_as_for_two(
    editor_client,
):
    counted = []
    for count in (2, 50):
        tag = followed_by(count, name=f"Followed by {count}")
        with CaptureQueriesContext(connection) as done:
            page = editor_client.get(DELETE_URL.format(tag.pk))
        counted.append(len(done))
        assert f"Followed by {count} readers by email" in page.content.decode()

    assert counted[1] == counted[0]


def test_a_topic_deleted_in_a_shell_leaves_no_reader_following_nothing():
    tag = carried_by(1)
    readers(tag, Tag.objects.get(name="Harbour 0"))

    tag.delete()

    assert sorted(following()) == [
        "another@example.com",
        "author@example.com",
        "elsewhere@example.com",
        "everything@example.com",
        "kind@example.com",
    ]


def test_topics_deleted_in_a_shell_in_one_go_take_as_many_queries_for_fifty_readers(db):
    def delete(tag):
        Tag.objects.filter(pk=tag.pk).delete()

    queries_to_delete(delete, 3)
    two = queries_to_delete(delete, 2)
    fifty = queries_to_delete(delete, 50)

    assert fifty == two


def test_deleting_on_its_page_is_refused_to_a_contributor_and_no_reader_is_touched(
    contributor_client,
):
    tag = followed_by(2, name="Ferries")

    assert delete_on_its_page(contributor_client, tag).status_code == 403

    assert Subscriber.objects.filter(tags=tag).count() == 2
