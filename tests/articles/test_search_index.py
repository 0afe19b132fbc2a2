"""The search text of each piece: kept up to date by saves and publishing, and rebuilt by
`reindex` and `manage.py update_search_index`."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.search_index import reindex
from articles.workflow import publishing
from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_search_text_follows_edits(client, harbour):
    article = Article.objects.get(slug="body")
    article.body = "<p>Take the tram to the zeppelin field.</p>"
    article.save()

    assert found(client, "zeppelin") == ["body"]
    assert "body" not in found(client, "island")


def test_publishing_keeps_the_article_searchable(client):
    article = ArticleFactory(slug="draft", headline="Lighthouse reopens", status="draft")

    publishing.publish(article)

    assert found(client, "lighthouse") == ["draft"]


def test_reindex_repairs_articles_changed_behind_saves_back(client, harbour):
    Article.objects.filter(slug="dek").update(body="<p>A zeppelin lands.</p>", search_text="")
    assert found(client, "zeppelin") == []

    assert reindex(Article.objects.all()) == 6

    assert found(client, "zeppelin") == ["dek"]


def test_the_reindex_command_rebuilds_every_article(client, harbour):
    Article.objects.filter(slug="dek").update(body="<p>A zeppelin lands.</p>")
    out = io.StringIO()

    call_command("update_search_index", stdout=out)

    assert out.getvalue() == "Indexed 6 articles for search.\n"
    assert found(client, "zeppelin") == ["dek"]
