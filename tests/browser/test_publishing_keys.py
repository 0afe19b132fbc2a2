"""Pressing Enter in the publishing panel: in the note to the writer or the schedule box it
presses the button beside that box; anywhere else in the form it saves, as browsers do."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_enter_in_the_note_returns_the_piece_to_draft_with_the_note(watched, editor):
    piece = ArticleFactory(status="in-review", published_at=None)
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{piece.pk}/change/")

    page.get_by_label("Note to the writer (optional)").fill("Needs a second source.")
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    piece.refresh_from_db()
    assert piece.status == Article.Status.DRAFT
    assert piece.return_note == "Needs a second source."
    page.goto(f"/admin/articles/article/{piece.pk}/change/")
    notice = page.locator(".publishing__returned")
    expect(notice).to_contain_text("Returned to draft by editor on ")
    expect(notice).to_contain_text(": “Needs a second source.”")
    watched.assert_clean()


def test_enter_in_the_schedule_box_schedules_the_piece(watched, editor):
    piece = ArticleFactory(status="draft", published_at=None)
    when = timezone.localtime() + timedelta(days=3)
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{piece.pk}/change/")

    page.get_by_text("Schedule…").click()
    page.get_by_label("Date and time").fill(f"{when:%Y-%m-%dT%H:%M}")
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    piece.refresh_from_db()
    assert piece.status == Article.Status.PUBLISHED
    assert piece.published_at == when.replace(second=0, microsecond=0)
    page.goto(f"/admin/articles/article/{piece.pk}/change/")
    expect(page.locator(".publishing__state")).to_contain_text("Scheduled for")
    watched.assert_clean()


def test_enter_in_the_headline_saves_and_leaves_the_note_unsent(watched, editor):
    piece = ArticleFactory(status="in-review", published_at=None)
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{piece.pk}/change/")

    page.get_by_label("Note to the writer (optional)").fill("Needs a second source.")
    page.get_by_label("Headline").fill("A sharper headline")
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist .success")).to_be_visible()
    piece.refresh_from_db()
    assert piece.headline == "A sharper headline"
    assert piece.status == Article.Status.IN_REVIEW
    assert piece.return_note == ""
    watched.assert_clean()
