"""What a restore or a recovery from an article's history brings back: its topics, and for a
recovered piece, its former addresses."""

import pytest
from reversion.models import Version

from articles.models import Article, SlugRedirect
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"


def saved(client, url: str, **changes) -> None:
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.status_code


def delete_and_recover(client, pk: int) -> None:
    """Delete the article in the admin, then recover it from its history, saved as shown."""
    deleted = client.post(f"/admin/articles/article/{pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    (version,) = Version.objects.get_deleted(Article)
    saved(client, f"/admin/articles/article/recover/{version.pk}/", _continue="Save")


def test_a_recovered_article_keeps_its_topics(editor_client):
    """It comes back with the topics it had when it was deleted."""
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour", "City budget"])
    saved(editor_client, CHANGE.format(article.pk))  # a revision, as every admin save makes

    delete_and_recover(editor_client, article.pk)

    recovered = Article.objects.get(pk=article.pk)
    assert sorted(recovered.tags.names()) == ["City budget", "Harbour"]


def test_a_recovered_article_keeps_its_former_addresses(editor_client, client):
    """The recovered piece keeps the former addresses it had."""
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    url = CHANGE.format(article.pk)
    saved(editor_client, url, slug="harbour-plan-approved")
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-approved/"

    delete_and_recover(editor_client, article.pk)
    saved(editor_client, url, _publish="")

    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["harbour-plan"]
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-approved/"


def test_restoring_a_version_brings_back_its_topics(editor_client):
    """Restoring brings back the topics the version had, as it does the bylines."""
    article = ArticleFactory(headline="Harbour plan", tag_names=["Harbour"])
    url = CHANGE.format(article.pk)
    saved(editor_client, url, headline="Harbour plan approved")
    first = Version.objects.get_for_object(article).order_by("-pk").first()
    saved(editor_client, url, headline="Harbour plan shelved", tags="Budget")

    restore = f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    saved(editor_client, restore, _continue="Save")

    restored = Article.objects.get(pk=article.pk)
    assert restored.headline == "Harbour plan approved"
    assert sorted(restored.tags.names()) == ["Harbour"]
