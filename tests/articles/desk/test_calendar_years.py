"""The calendar's years (1900 to 2999): an address outside them is not found, and a piece whose
time lies outside them (a year mistyped, 3026 for 2026) is refused or shown, never a server
error."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["0/5/", "0/13/", "0/week/5/", "0/week/99/"])
def test_year_zero_is_not_found_rather_than_the_current_month(editor_client, path):
    """An editor who edits the address to year 0 is told there is no such month or week, as
    for year 1899 or 3000, rather than being shown this month under that address."""
    assert editor_client.get(f"/admin/desk/calendar/{path}").status_code == 404


def move(client, article, day: str, at: str = "10:00", view: str = "month"):
    return client.post(
        f"/admin/desk/articles/{article.pk}/move/",
        {"when_0": day, "when_1": at, "version": str(article.version), "view": view},
    )


@pytest.mark.parametrize(
    ("zone", "day", "at", "view"),
    [
        ("UTC", "3026-03-12", "10:00", "month"),  # 2026 mistyped
        ("UTC", "2999-12-31", "10:00", "week"),  # a week of ISO year 3000
        ("America/New_York", "9999-12-31", "23:00", "month"),  # past the last UTC day
    ],
)
def test_moving_a_piece_past_the_calendars_years_is_refused_or_leads_to_a_page(
    editor_client, settings, zone, day, at, view
):
    """An editor who mistypes the year when moving a piece gets the form back saying why, or
    the piece moved and a calendar page that opens: never a server error, and never a move
    saved behind an error page."""
    settings.TIME_ZONE = zone
    draft = ArticleFactory(
        status="draft", published_at=None, planned_for=timezone.now() + timedelta(days=3)
    )

    response = move(editor_client, draft, day, at, view)

    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert editor_client.get(response["Location"]).status_code == 200
    assert editor_client.get(f"/admin/desk/articles/{draft.pk}/move/").status_code == 200


@pytest.mark.parametrize("kind", ["planned", "scheduled"])
def test_a_piece_set_past_the_calendars_years_can_still_be_moved_back(editor_client, kind):
    """A piece given a time in 3026 on its change form: its "Move" page opens, so the editor
    can bring it back to 2026."""
    far = datetime(3026, 3, 12, 10, tzinfo=UTC)
    if kind == "planned":
        piece = ArticleFactory(status="draft", published_at=None, planned_for=far)
    else:
        piece = ArticleFactory(published_at=far)

    page = editor_client.get(f"/admin/desk/articles/{piece.pk}/move/")

    assert page.status_code == 200
    assert 'href="/admin/desk/calendar/2999/12/" class="closelink"' in page.content.decode()
    back = move(editor_client, piece, "2031-03-12")
    assert back.status_code == 302
    assert back["Location"] == "/admin/desk/calendar/2031/3/"


def test_a_time_past_the_calendars_years_is_refused_saying_why_and_nothing_is_saved(
    editor_client,
):
    """The form comes back with the reason, and the piece keeps its time and version."""
    planned = timezone.now() + timedelta(days=3)
    draft = ArticleFactory(status="draft", published_at=None, planned_for=planned)
    draft.refresh_from_db()
    version = draft.version

    response = move(editor_client, draft, "3026-03-12")

    assert response.status_code == 400
    assert "The calendar holds the years 1900 to 2999" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.planned_for, draft.version) == (planned, version)


def test_a_move_to_the_last_days_of_the_calendars_years_in_week_view_leads_to_their_month(
    editor_client, settings
):
    """Dec 31, 2999 lies in a week the calendar does not show (week 1 of 3000): the editor
    comes back to December 2999."""
    settings.TIME_ZONE = "UTC"
    draft = ArticleFactory(
        status="draft", published_at=None, planned_for=timezone.now() + timedelta(days=3)
    )

    response = move(editor_client, draft, "2999-12-31", view="week")

    assert response.status_code == 302
    assert response["Location"] == "/admin/desk/calendar/2999/12/"
