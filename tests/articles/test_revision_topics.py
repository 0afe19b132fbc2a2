"""An article's topics are part of its versions: recorded with each save, compared in the
history, brought back by a restore or a recovery; a version kept before topics were recorded
leaves the piece's present topics as they are."""

import json

import pytest
from bs4 import BeautifulSoup
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article
from tests.admin_forms import saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"


def versions_of(article) -> list[Version]:
    return list(Version.objects.get_for_object(article).order_by("pk"))


def restore(client, article, version) -> Article:
    saved(client, f"/admin/articles/article/{article.pk}/history/{version.pk}/", _continue="Save")
    return Article.objects.get(pk=article.pk)


def as_kept_before_topics(version: Version) -> None:
    """Make `version` read as one saved before revisions recorded topics: plain JSON."""
    rows = json.loads(version.serialized_data)
    for row in rows:
        del row["fields"]["tags"]
    version.serialized_data = json.dumps(rows)
    version.format = "json"
    version.save(update_fields=["serialized_data", "format"])


def test_each_admin_save_records_the_topics_it_saved(editor_client):
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])

    saved(editor_client, CHANGE.format(article.pk), tags="Budget, Ferries")

    latest = versions_of(article)[-1]
    assert json.loads(latest.serialized_data)[0]["fields"]["tags"] == ["Budget", "Ferries"]


def test_the_comparison_shows_a_change_of_topics(editor_client):
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    saved(editor_client, url, tags="Budget, Harbour")
    older, newer = versions_of(article)[-2:]

    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    )

    assert [change.label for change in response.context["changes"]] == ["Tags"]
    rows = BeautifulSoup(response.content, "html.parser").select(".revision-diff tbody tr")
    assert rows[0].find("ins").get_text() == "Budget\n"


def test_restoring_a_version_without_topics_removes_the_present_ones(editor_client):
    article = ArticleFactory(headline="Harbour plan")
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    untagged = versions_of(article)[-1]
    saved(editor_client, url, tags="Budget")

    restored = restore(editor_client, article, untagged)

    assert list(restored.tags.names()) == []


def test_restoring_a_version_kept_before_topics_were_recorded_keeps_the_present_ones(
    editor_client,
):
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    older = versions_of(article)[-1]
    as_kept_before_topics(older)
    saved(editor_client, url, headline="Harbour plan shelved", tags="Budget")

    restored = restore(editor_client, article, older)

    assert restored.headline == "Harbour plan approved"
    assert list(restored.tags.names()) == ["Budget"]


def test_a_version_kept_before_topics_were_recorded_shows_no_change_of_topics(editor_client):
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    older = versions_of(article)[-1]
    as_kept_before_topics(older)
    saved(editor_client, url, headline="Harbour plan shelved", tags="Budget")

    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": older.pk, "to": versions_of(article)[-1].pk},
    )

    assert [change.label for change in response.context["changes"]] == ["Headline"]


def test_a_topic_deleted_since_comes_back_with_the_version(editor_client):
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    tagged = versions_of(article)[-1]
    Tag.objects.filter(name="Harbour").delete()

    restored = restore(editor_client, article, tagged)

    assert list(restored.tags.names()) == ["Harbour"]
