"""Deleting a topic in the admin (its own page's Delete, and the list's “Delete selected
tags”): every piece loses it at once, in the same number of queries however many carry it;
the kept copies of exactly the pages that showed it are retired here and at the edge; each
public piece carrying it is an `article.updated`; its address, feeds, API entry and former
addresses answer 404 from then on. Only editors delete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles import caching
from articles.models import Article, TopicRedirect
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.admin.test_topic_merging_addresses import ADDRESSES, rename, signed_in
from tests.articles.events.pieces import UPDATED, draft, public
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TAGS_URL = "/admin/taggit/tag/"
DELETE_URL = "/admin/taggit/tag/{}/delete/"


def delete_on_its_page(browser, tag: Tag):
    return browser.post(DELETE_URL.format(tag.pk), {"post": "yes"})


def delete_from_the_list(browser, tag: Tag):
    chosen = {"action": "delete_selected", "_selected_action": [str(tag.pk)], "post": "yes"}
    return browser.post(TAGS_URL, chosen)


WAYS = [delete_on_its_page, delete_from_the_list]


def carried_by(count: int, name: str = "Ferries") -> Tag:
    """A topic `count` public pieces carry, each with another topic too."""
    for number in range(count):
        slug = f"{name.lower().replace(' ', '-')}-{number}"
        ArticleFactory(slug=slug, tag_names=[name, f"Harbour {number}"])
    return Tag.objects.get(name=name)


def queries_to_delete(browser, way, count: int) -> int:
    tag = carried_by(count, name=f"Topic of {count}")
    with CaptureQueriesContext(connection) as done:
        assert way(browser, tag).status_code == 302
    assert not Tag.objects.filter(pk=tag.pk).exists()
    return len(done)


@pytest.mark.parametrize("way", WAYS)
def test_deleting_a_topic_takes_as_many_queries_for_fifty_pieces_as_for_one(editor_client, way):
    queries_to_delete(editor_client, way, 2)  # what is read once a process is read
    one = queries_to_delete(editor_client, way, 1)
    fifty = queries_to_delete(editor_client, way, 50)

    assert fifty == one


def test_the_confirmation_page_takes_as_many_queries_for_fifty_pieces_as_for_one(editor_client):
    counted = []
    for count in (1, 50):
        tag = carried_by(count, name=f"Topic of {count}")
        with CaptureQueriesContext(connection) as done:
            page = editor_client.get(DELETE_URL.format(tag.pk))
        counted.append(len(done))
        assert page.status_code == 200
        assert f"carried by {count} piece" in page.content.decode()

    assert counted[1] == counted[0]


@pytest.mark.parametrize("way", WAYS)
def test_every_piece_loses_the_topic_and_keeps_its_others(editor_client, way):
    tag = carried_by(3)
    kept_as_draft = draft(slug="a-draft", tag_names=["Ferries"])

    way(editor_client, tag)

    for piece in Article.objects.filter(slug__startswith="ferries-"):
        assert list(piece.tags.names()) == [f"Harbour {piece.slug[-1]}"]
    assert list(kept_as_draft.tags.names()) == []
    assert not Tag.objects.filter(name="Ferries").exists()


@pytest.mark.parametrize("way", WAYS)
def test_deleting_purges_exactly_what_showed_the_topic(editor_client, purged, way):
    with purged():
        tag = carried_by(2)
        shown = draft(slug="a-draft", tag_names=["Ferries"])
        elsewhere = ArticleFactory(slug="elsewhere", tag_names=["Harbour 0"])
    pieces = list(Article.objects.filter(tags=tag))
    expected = {"topics"}.union(*(caching.article_retires(piece) for piece in pieces))

    with purged() as change:
        assert way(editor_client, tag).status_code == 302

    assert change.tags == expected
    assert f"tag-{tag.pk}" in change.tags
    assert f"article-{shown.pk}" not in change.tags
    assert f"article-{elsewhere.pk}" not in change.tags


@pytest.mark.parametrize("way", WAYS)
def test_each_public_piece_carrying_the_topic_is_updated_once_without_it(
    editor_client, recorder, django_capture_on_commit_callbacks, way
):
    first = public(slug="first", tag_names=["Ferries", "Harbour"])
    second = public(slug="second", tag_names=["Ferries"])
    draft(slug="a-draft", tag_names=["Ferries"])
    public(slug="elsewhere", tag_names=["Harbour"])

    with django_capture_on_commit_callbacks(execute=True):
        way(editor_client, Tag.objects.get(name="Ferries"))

    assert sorted(article_id for _, article_id, _ in recorder.handed) == [first.pk, second.pk]
    assert recorder.kinds == [UPDATED, UPDATED]
    shown = {article_id: payload["tags"] for _, article_id, payload in recorder.handed}
    assert [tag["name"] for tag in shown[first.pk]] == ["Harbour"]
    assert shown[second.pk] == []


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_a_deleted_topics_addresses_and_former_addresses_answer_404(editor_client, client, pattern):
    tag = carried_by(1)
    rename(tag, "ferry-services")
    client.get(pattern.format("ferry-services"))
    kept = client.get(pattern.format("ferry-services"))
    assert kept.status_code == 200
    if "api" not in pattern:
        assert kept[CACHE_STATUS_HEADER] == "hit"

    delete_on_its_page(editor_client, tag)

    assert client.get(pattern.format("ferry-services")).status_code == 404
    assert client.get(pattern.format("ferries")).status_code == 404
    assert not TopicRedirect.objects.exists()


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("who", "refused"),
    [("anonymous", 302), ("staff in no group", 403), ("contributor", 403)],
)
def test_no_one_but_an_editor_deletes_a_topic_even_with_forged_ids(client, who, refused, way):
    tag = carried_by(1)

    response = way(signed_in(who), tag)

    assert response.status_code == refused
    if refused == 302:
        assert response["Location"].startswith("/admin/login/")
    assert Tag.objects.filter(pk=tag.pk).exists()
    assert client.get("/news/tags/ferries/").status_code == 200
