"""A receiver is told of an author's or topic's new name: each public piece showing it is sent
as an `article.updated`, carrying the new byline or topic."""

import pytest
from taggit.models import Tag

from articles.models import Event
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_a_receiver_is_sent_the_new_byline_and_topic_of_each_public_piece(
    receiver, endpoint, changes
):
    author = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    pieces = [ArticleFactory(authors=[author], tag_names=["Ferries"]) for _ in range(2)]
    ArticleFactory(authors=[author], status="draft", published_at=None)
    Event.objects.all().delete()

    author.name, author.slug = "Dana Okafor", "dana-okafor"
    changes(author.save)
    topic = Tag.objects.get(name="Ferries")
    topic.name = "Ferry services"
    changes(topic.save)

    assert receiver.kinds == ["article.updated"] * 4
    assert sorted(message.data["id"] for message in receiver.seen) == sorted(
        [piece.pk for piece in pieces] * 2
    )
    for message in receiver.seen:
        [byline] = message.data["authors"]
        assert (byline["name"], byline["slug"]) == ("Dana Okafor", "dana-okafor")
    assert {tag["name"] for message in receiver.seen[2:] for tag in message.data["tags"]} == {
        "Ferry services"
    }
