"""Merging tags in the admin (the tag list's “Merge selected tags”): every piece keeps a
topic, the merged name has an address of its own, and only editors merge."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TAGS_URL = "/admin/taggit/tag/"
MERGE_URL = "/admin/taggit/tag/merge-tags/"


def choose(browser, *names: str):
    """Tick `names` in the tag list and run “Merge selected tags”."""
    chosen = [str(Tag.objects.get(name=name).pk) for name in names]
    return browser.post(TAGS_URL, {"action": "render_tag_form", "_selected_action": chosen})


def topics(article) -> list[str]:
    return sorted(article.tags.names())


@pytest.mark.parametrize("typed", ["Culture", "culture"])
def test_merging_into_one_of_the_chosen_tags_keeps_every_piece_tagged(editor_client, typed):
    both = ArticleFactory(tag_names=["Culture", "Television"])
    culture = ArticleFactory(tag_names=["Culture"])
    television = ArticleFactory(tag_names=["Television"])
    assert choose(editor_client, "Culture", "Television").status_code == 302

    response = editor_client.post(MERGE_URL, {"new_tag_name": typed})

    assert response.status_code == 302
    assert [topics(piece) for piece in (both, culture, television)] == [["Culture"]] * 3
    assert list(Tag.objects.filter(taggit_taggeditem_items__isnull=False).distinct()) == [
        Tag.objects.get(name="Culture")
    ]


def test_a_merged_name_without_a_letter_or_digit_is_refused_and_pages_keep_working(
    editor_client, client
):
    article = ArticleFactory(tag_names=["Culture", "Television"])
    choose(editor_client, "Culture", "Television")

    response = editor_client.post(MERGE_URL, {"new_tag_name": "!!!"})

    assert response.status_code == 200
    assert "“!!!” cannot be a tag: use at least one letter or digit." in response.content.decode()
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Culture", "Television"]
    assert topics(article) == ["Culture", "Television"]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_merge_page_without_chosen_tags_sends_the_editor_back_to_choose(editor_client):
    ArticleFactory(tag_names=["Culture"])

    response = editor_client.post(MERGE_URL, {"new_tag_name": "Arts"}, follow=True)

    assert response.redirect_chain == [(TAGS_URL, 302)]
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Choose the tags to merge in the list, then “Merge selected tags”." in said
    assert list(Tag.objects.values_list("name", flat=True)) == ["Culture"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_cannot_merge_tags_even_by_a_forged_request(
    contributor_client, editor_client, method
):
    article = ArticleFactory(tag_names=["Culture", "Television"])
    # An editor's choice stays in the editor's session: the contributor forges only the merge.
    choose(editor_client, "Culture", "Television")
    session = contributor_client.session
    session["selected_tag_ids"] = ",".join(
        str(pk) for pk in Tag.objects.values_list("pk", flat=True)
    )
    session.save()

    response = getattr(contributor_client, method)(MERGE_URL, {"new_tag_name": "Arts"})

    assert response.status_code == 403
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Culture", "Television"]
    assert topics(article) == ["Culture", "Television"]


def queries_to_merge(browser, count: int) -> int:
    """Merge two topics `count` public pieces carry (every other one both) into the first."""
    culture, television = f"Culture {count}", f"Television {count}"
    pieces = [
        ArticleFactory(tag_names=[television, culture] if number % 2 else [television])
        for number in range(count)
    ]
    choose(browser, culture, television)
    with CaptureQueriesContext(connection) as done:
        assert browser.post(MERGE_URL, {"new_tag_name": culture}).status_code == 302
    assert [topics(piece) for piece in pieces] == [[culture]] * count
    return len(done)


def test_a_merge_takes_as_many_queries_for_fifty_pieces_as_for_five(editor_client):
    queries_to_merge(editor_client, 3)  # what is read once a process is read
    five = queries_to_merge(editor_client, 5)
    fifty = queries_to_merge(editor_client, 50)

    assert fifty == five


def test_a_piece_carrying_several_merged_away_topics_keeps_the_kept_one_once(editor_client):
    piece = ArticleFactory(tag_names=["Television", "Film", "Radio"])
    choose(editor_client, "Television", "Film", "Radio")

    editor_client.post(MERGE_URL, {"new_tag_name": "Broadcast"})

    assert topics(piece) == ["Broadcast"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Broadcast"]
