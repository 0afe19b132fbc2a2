"""A draft's planned time: set by editors on the change form, shown to no reader."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_an_editor_plans_a_draft_for_a_time_beside_its_embargo(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    page = editor_client.get(change_url(draft))
    fields = page.context["adminform"].form.fields
    assert list(fields).index("embargoed_until") == list(fields).index("planned_for") + 1

    data = form_data(page, planned_for_0="2031-03-04", planned_for_1="10:30:00")
    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.planned_for == datetime(2031, 3, 4, 10, 30, tzinfo=UTC)
    assert draft.status == "draft"


def test_a_posted_planned_time_from_a_contributor_is_ignored(contributor_client, contributor):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    page = contributor_client.get(change_url(draft))
    assert "planned_for" not in page.context["adminform"].form.fields

    data = form_data(page) | {"planned_for_0": "2031-03-04", "planned_for_1": "10:30:00"}
    contributor_client.post(change_url(draft), data)

    draft.refresh_from_db()
    assert draft.planned_for is None


def test_a_planned_time_that_has_come_publishes_nothing(client):
    ArticleFactory(
        slug="planned",
        status="draft",
        published_at=None,
        planned_for=timezone.now() - timedelta(hours=1),
    )

    assert not Article.objects.published().exists()
    assert client.get("/news/planned/").status_code == 404
