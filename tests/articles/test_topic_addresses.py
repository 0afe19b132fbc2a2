"""A topic's former addresses keep working after its slug changes, as an author's do: its page,
each of its feeds and its entry in the API answer 301 to where it is now, once readers have
seen it there (a public piece carries it)."""

import pytest
from taggit.models import Tag

from articles.models import TopicRedirect
from tests.admin_forms import saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/taggit/tag/{}/change/"
# Every address at a topic's slug, as readers and feed readers follow them.
ADDRESSES = [
    "/news/tags/{}/",
    "/news/feed/tags/{}/",
    "/news/atom/tags/{}/",
    "/news/feed/tags/{}.json",
    "/api/v1/tags/{}/",
]


def rename(tag: Tag, slug: str) -> None:
    tag.slug = slug
    tag.save()


def former_addresses() -> dict[str, int]:
    return dict(TopicRedirect.objects.values_list("old_slug", "topic"))


def public_topic(name: str, slug: str) -> Tag:
    tag = Tag.objects.create(name=name, slug=slug)
    ArticleFactory().tags.add(tag)
    return tag


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_each_former_address_answers_301_to_the_same_address_at_the_new_slug(client, pattern):
    tag = public_topic("Television", "television")
    rename(tag, "tv")

    response = client.get(pattern.format("television"))

    assert response.status_code == 301
    assert response["Location"] == pattern.format("tv")
    assert client.get(response["Location"]).status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_each_former_address_carries_the_query_on(client, pattern):
    tag = public_topic("Television", "television")
    rename(tag, "tv")

    response = client.get(pattern.format("television") + "?utm_source=letter")

    assert (response.status_code, response["Location"]) == (
        301,
        pattern.format("tv") + "?utm_source=letter",
    )


def test_a_former_address_in_another_alphabet_answers_301_too(client):
    tag = public_topic("Телевидение", "телевидение")
    rename(tag, "tv")

    response = client.get("/news/tags/телевидение/")

    assert (response.status_code, response["Location"]) == (301, "/news/tags/tv/")


def test_two_renames_in_a_row_both_redirect_to_the_newest_in_one_hop(client):
    tag = public_topic("Television", "first")
    rename(tag, "second")
    rename(tag, "third")

    assert client.get("/news/tags/first/")["Location"] == "/news/tags/third/"
    assert client.get("/news/tags/second/")["Location"] == "/news/tags/third/"


def test_renaming_back_removes_the_redirect_so_nothing_loops(client):
    tag = public_topic("Television", "first")
    rename(tag, "second")
    rename(tag, "first")

    assert client.get("/news/tags/first/").status_code == 200
    assert client.get("/news/tags/second/")["Location"] == "/news/tags/first/"
    assert former_addresses() == {"second": tag.pk}


def test_a_topic_only_drafts_carry_leaves_no_former_address(client):
    tag = Tag.objects.create(name="Television", slug="first")
    ArticleFactory(status="draft", published_at=None).tags.add(tag)
    rename(tag, "second")

    assert former_addresses() == {}
    assert client.get("/news/tags/first/").status_code == 404


def test_another_public_topic_given_the_old_slug_answers_it_itself(client):
    tag = public_topic("Television", "television")
    rename(tag, "tv")
    public_topic("Television series", "television")

    response = client.get("/news/tags/television/")

    assert response.status_code == 200
    assert "Television series" in response.content.decode()
    assert former_addresses() == {"television": tag.pk}


def test_a_deleted_topics_former_addresses_go_with_it(client):
    tag = public_topic("Television", "first")
    rename(tag, "second")
    tag.delete()

    assert former_addresses() == {}
    assert client.get("/news/tags/first/").status_code == 404


def test_a_slug_changed_in_the_admin_redirects(editor_client, client):
    tag = public_topic("Television", "first")

    saved(editor_client, CHANGE.format(tag.pk), slug="second")

    assert former_addresses() == {"first": tag.pk}
    assert client.get("/news/tags/first/")["Location"] == "/news/tags/second/"


def test_a_contributor_can_neither_rename_a_topic_nor_see_its_former_addresses(
    contributor_client,
):
    tag = public_topic("Television", "first")
    rename(tag, "second")

    assert contributor_client.get(CHANGE.format(tag.pk)).status_code == 403
    assert contributor_client.get("/admin/articles/topicredirect/").status_code == 404
    assert former_addresses() == {"first": tag.pk}


def test_editors_see_a_topics_former_addresses_and_may_free_one(editor_client, client):
    tag = public_topic("Television", "first")
    rename(tag, "second")
    url = CHANGE.format(tag.pk)
    assert "Former addresses" in editor_client.get(url).content.decode()

    saved(editor_client, url, **{"slug_redirects-0-DELETE": "on"})

    assert former_addresses() == {}
    assert client.get("/news/tags/first/").status_code == 404
