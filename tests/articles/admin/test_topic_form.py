"""A topic's page in the admin (Tags): its name and address, and a link to the pieces carrying
it; no piece, nor anything else, is tagged from there."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem

from articles.models import Article
from articles.models.fields import MAX_TAGS
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROWS = "taggit_taggeditem_items"


def change_url(tag: Tag) -> str:
    return f"/admin/taggit/tag/{tag.pk}/change/"


def test_a_topics_page_links_to_the_pieces_carrying_it_and_offers_no_rows(editor_client):
    ArticleFactory(headline="Plan in seasons", tag_names=["Culture"])
    culture = Tag.objects.get(name="Culture")

    response = editor_client.get(change_url(culture))

    assert response.status_code == 200
    page = response.content.decode()
    assert f"{ROWS}-TOTAL_FORMS" not in page
    assert 'href="/admin/articles/article/?tag=culture"' in page
    assert "Pieces with this topic" in page
    listed = editor_client.get("/admin/articles/article/?tag=culture").content.decode()
    assert "Plan in seasons" in listed


@pytest.mark.parametrize("target", ["a user", "a piece with its fill of tags"])
def test_a_forged_tagged_row_posted_with_a_topic_is_ignored(editor, editor_client, target):
    ArticleFactory(tag_names=["Culture"])
    culture = Tag.objects.get(name="Culture")
    if target == "a user":
        content_type, object_id = ContentType.objects.get_for_model(get_user_model()), editor.pk
    else:
        full = ArticleFactory(tag_names=[f"Topic {number}" for number in range(MAX_TAGS)])
        content_type, object_id = ContentType.objects.get_for_model(Article), full.pk
    before = TaggedItem.objects.count()

    # What the page shows (its former addresses' rows too), with a tagged row forged in.
    response = editor_client.post(
        change_url(culture),
        {
            **form_data(editor_client.get(change_url(culture))),
            f"{ROWS}-TOTAL_FORMS": "1",
            f"{ROWS}-INITIAL_FORMS": "0",
            f"{ROWS}-MIN_NUM_FORMS": "0",
            f"{ROWS}-MAX_NUM_FORMS": "1000",
            f"{ROWS}-0-content_type": str(content_type.pk),
            f"{ROWS}-0-object_id": str(object_id),
        },
    )

    assert response.status_code == 302
    assert TaggedItem.objects.count() == before
    assert not TaggedItem.objects.filter(
        content_type=content_type, object_id=object_id, tag=culture
    )
