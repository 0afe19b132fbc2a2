"""The date a cross-posted piece first appeared: never after tomorrow in the newsroom's time
zone (a poster ahead of us may already be on tomorrow), on the paste page, the article's form
and in an import."""

import json
from datetime import date, timedelta
from html import escape

import pytest
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import form_data
from tests.articles.crosspost.paste_page import PAGE, paste_form
from tests.articles.crosspost.pastes import pasted
from tests.articles.crosspost.test_import_articles import run, run_failing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PIECE = "What a TV show teaches us about work\n\nThe first season ends with the team rebuilding."


def paste(client, day):
    return client.post(
        PAGE,
        paste_form(
            new_author_name="Dana Whitfield", origin_published_on=day.isoformat(), pasted=PIECE
        ),
    )


@pytest.fixture(autouse=True)
def far_ahead_of_utc(settings):
    # Not UTC, so that "today" is the newsroom's day and not the server's.
    settings.TIME_ZONE = "Pacific/Kiritimati"


def test_tomorrow_is_taken_on_the_paste_page(admin_client):
    response = paste(admin_client, timezone.localdate() + timedelta(days=1))

    assert response.status_code == 200
    assert response.templates[0].name.endswith("add_cross_post_check.html")


def test_the_day_after_tomorrow_is_refused_on_the_paste_page_saying_why(admin_client):
    later = timezone.localdate() + timedelta(days=2)

    response = paste(admin_client, later)

    assert response.status_code == 200
    assert response.templates[0].name.endswith("add_cross_post.html")
    assert response.context["form"].errors["origin_published_on"] == [
        f"{later:%b} {later.day}, {later.year} has not come yet: give the date the piece first "
        "appeared, tomorrow at the latest."
    ]
    assert "Dana Whitfield" in response.content.decode()


def test_a_date_after_tomorrow_is_refused_on_the_articles_form(editor_client):
    article = ArticleFactory(headline="Old", origin_url="https://medium.com/@dana/work-1a2b")
    url = f"/admin/articles/article/{article.pk}/change/"
    later = timezone.localdate() + timedelta(days=2)

    response = editor_client.post(
        url,
        form_data(editor_client.get(url), headline="New", origin_published_on=later.isoformat()),
    )

    assert response.status_code == 200
    assert "has not come yet" in str(response.context["adminform"].form.errors)
    article.refresh_from_db()
    assert (article.headline, article.origin_published_on) == ("Old", None)


def test_an_import_line_with_a_date_after_tomorrow_is_refused(tmp_path):
    path = tmp_path / "pieces.jsonl"
    records = [
        {"headline": f"Piece {n}", "body_text": "Text.", "author": "Dana Whitfield"}
        | {"origin_published_on": (timezone.localdate() + timedelta(days=n)).isoformat()}
        for n in (1, 2)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    _, err, _ = run_failing(str(path))

    assert "pieces.jsonl:2: error: origin published on: " in err
    assert "has not come yet" in err
    assert list(Article.objects.values_list("headline", flat=True)) == ["Piece 1"]


def test_an_import_line_dated_today_is_taken(tmp_path):
    path = tmp_path / "piece.jsonl"
    record = {"headline": "Piece", "body_text": "Text.", "author": "Dana Whitfield"}
    record["origin_published_on"] = timezone.localdate().isoformat()
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    out, _ = run(str(path))

    assert "1 created" in out
    assert Article.objects.get().origin_published_on == timezone.localdate()


def paste_with_dated_card(client, day, **fields):
    html = pasted("linkedin_article.html").replace(
        "Published Jan 14, 2025", f"Published {day:%b} {day.day}, {day.year}"
    )
    data = paste_form(
        new_author_name="Dana Whitfield",
        headline="Op-ed: What a TV show teaches us about work",
        introduction="Our co-CEO on a show the office watched.",
        pasted_html=html,
        pasted="What a TV show teaches us about work …",
        **fields,
    )
    return client.post(PAGE, data), data


@pytest.mark.parametrize("role", ["editor_client", "contributor_client"])
def test_a_date_after_tomorrow_read_from_the_paste_is_refused_on_the_date_field(role, request):
    client = request.getfixturevalue(role)
    later = timezone.localdate() + timedelta(days=2)

    response, data = paste_with_dated_card(client, later)

    assert response.status_code == 200
    assert response.templates[0].name.endswith("add_cross_post.html"), "not the paste page"
    form = response.context["form"]
    assert form.errors == {
        "origin_published_on": [
            f"The paste gives {later:%b} {later.day}, {later.year} as the day the piece first "
            "appeared, which has not come yet: give the date it first appeared here, tomorrow "
            "at the latest."
        ]
    }
    # Nothing typed or pasted is lost: the page shows it all again.
    for name in ("new_author_name", "headline", "introduction", "pasted", "pasted_html"):
        assert form[name].value() == data[name]
    page = response.content.decode()
    assert "has not come yet" in page
    assert escape(data["pasted_html"]) in page
    assert not Article.objects.exists()


def test_a_date_typed_on_the_form_stands_for_a_later_one_read_from_the_paste(editor_client):
    later = timezone.localdate() + timedelta(days=2)

    response, _ = paste_with_dated_card(editor_client, later, origin_published_on="2025-01-13")

    assert response.templates[0].name.endswith("add_cross_post_check.html")
    assert response.context["origin_published_on"] == date(2025, 1, 13)


def test_tomorrow_read_from_the_paste_is_taken(editor_client):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response, _ = paste_with_dated_card(editor_client, tomorrow)

    assert response.templates[0].name.endswith("add_cross_post_check.html")
    assert response.context["origin_published_on"] == tomorrow
