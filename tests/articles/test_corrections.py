"""Corrections and updates: dated notes on the public page that move the modified date."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Correction
from newsroom import pagecache
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(slug="piece", published_at=datetime(2025, 1, 17, 9, tzinfo=UTC))


def test_a_correction_shows_updated_and_the_note(client, article):
    Correction.objects.create(
        article=article,
        kind="correction",
        published_at=datetime(2025, 1, 20, 10, tzinfo=UTC),
        text="An earlier version gave the wrong launch date.",
    )

    html = client.get("/news/piece/").content.decode()

    assert 'Updated <time datetime="2025-01-20T10:00:00+00:00">Jan 20, 2025</time>' in html
    assert "Corrections and updates" in html
    assert "Correction, <time" in html
    assert "An earlier version gave the wrong launch date." in html


def test_date_modified_follows_the_latest_note_and_falls_back(article):
    assert article.date_modified == article.published_at

    Correction.objects.create(
        article=article, kind="update", published_at=datetime(2025, 2, 1, tzinfo=UTC), text="A"
    )
    note = Correction.objects.create(
        article=article, kind="update", published_at=datetime(2025, 3, 1, tzinfo=UTC), text="B"
    )
    article.refresh_from_db()
    assert article.date_modified == datetime(2025, 3, 1, tzinfo=UTC)

    note.delete()
    article.refresh_from_db()
    assert article.date_modified == datetime(2025, 2, 1, tzinfo=UTC)


def test_an_article_without_notes_says_nothing_about_updates(client, article):
    html = client.get("/news/piece/").content.decode()

    assert "Updated" not in html
    assert "Corrections and updates" not in html


def test_notes_are_html_escaped(client, article):
    Correction.objects.create(article=article, text="<script>alert(1)</script>")

    html = client.get("/news/piece/").content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_editor_adds_a_correction_in_the_admin(admin_client, client, article, admin_user):
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": "2025-01-21",
        "corrections-0-published_at_1": "08:30:00",
        "corrections-0-text": "We misspelled the name of the ferry.",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    note = article.corrections.get()
    assert note.created_by == admin_user
    article.refresh_from_db()
    assert article.corrected_at == datetime(2025, 1, 21, 8, 30, tzinfo=UTC)
    assert "We misspelled the name of the ferry." in client.get("/news/piece/").content.decode()


def test_a_contributor_sees_notes_but_cannot_add_them(contributor_client, contributor):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    Correction.objects.create(article=draft, text="Noted", published_at=timezone.now())

    response = contributor_client.get(f"/admin/articles/article/{draft.pk}/change/")

    corrections = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Correction
    )
    assert not corrections.has_add_permission
    assert not corrections.has_change_permission


@pytest.mark.parametrize("count", [1, 5])
def test_the_page_makes_one_more_query_for_notes_however_many(
    client, article, django_assert_num_queries, count
):
    with CaptureQueriesContext(connection) as without_notes:
        client.get("/news/piece/")
    for day in range(count):
        Correction.objects.create(
            article=article,
            published_at=article.published_at + timedelta(days=day + 1),
            text=f"Note {day}",
        )

    pagecache.clear()  # both requests make the whole page
    with django_assert_num_queries(len(without_notes) + 1):
        client.get("/news/piece/")
