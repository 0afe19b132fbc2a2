"""The editor's desk in Chromium: the dashboard as the admin's home, moving a piece on the
calendar by drag and drop and seeing the calendar feed follow, and a contributor's own plan."""

from datetime import UTC, datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from articles.desk.calendar import Week
from tests.browser.conftest import sign_in, staff_member
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_lands_on_the_dashboard_and_opens_the_piece_awaiting_review(watched, editor):
    piece = ArticleFactory(
        kind="op-ed", headline="Fewer meetings, better notes", status="in-review", published_at=None
    )
    page = watched.page

    sign_in(page, "editor")  # lands on /admin/
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    review = page.get_by_role("region", name="Awaiting review")
    review.get_by_role("link", name="Op-ed: Fewer meetings, better notes").click()

    page.wait_for_url(f"**/admin/articles/article/{piece.pk}/change/")
    expect(page.get_by_label("Headline")).to_have_value("Fewer meetings, better notes")
    watched.assert_clean()


def utc_stamp(moment: datetime) -> str:
    return f"DTSTART:{moment.astimezone(UTC):%Y%m%dT%H%M%S}Z"


def test_an_editor_drags_a_piece_to_another_day_and_the_calendar_feed_follows(
    open_page, editor, settings
):
    from django.utils import timezone

    settings.TIME_ZONE = "Europe/Berlin"
    week = Week.containing(timezone.localdate() + timedelta(days=14))
    monday_ten = timezone.make_aware(datetime.combine(week.first, time(10)))
    thursday = week.first + timedelta(days=3)
    ArticleFactory(kind="press-release", headline="Launch day", published_at=monday_ten)
    desk = open_page()
    page = desk.page
    sign_in(page, "editor")
    page.goto(f"/admin/desk/calendar/{week.year}/week/{week.week}/")
    page.get_by_role("button", name="Make a feed address").click()
    feed = page.get_by_label("Feed address").input_value()
    calendar_app = open_page().page.request  # signs in nowhere, as a calendar app
    assert utc_stamp(monday_ten) in calendar_app.get(feed).text()

    entry = page.locator(".desk-entry", has_text="Launch day")
    entry.drag_to(page.locator(f'[data-date="{thursday:%Y-%m-%d}"]'))

    expect(page.locator(".messagelist")).to_contain_text("Rescheduled")
    moved = page.locator(f'[data-date="{thursday:%Y-%m-%d}"] .desk-entry', has_text="Launch day")
    expect(moved).to_contain_text("10:00")
    thursday_ten = monday_ten + timedelta(days=3)
    assert utc_stamp(thursday_ten) in calendar_app.get(feed).text()
    desk.assert_clean()


def test_a_contributor_sees_only_their_own_drafts_and_cannot_reschedule(watched, editor):
    from django.utils import timezone

    colin = staff_member("colin", "Contributors")
    soon = timezone.now() + timedelta(days=1)
    mine = ArticleFactory(
        headline="My planned draft",
        status="draft",
        published_at=None,
        planned_for=soon,
        created_by=colin,
    )
    ArticleFactory(headline="Someone else's draft", status="draft", published_at=None)
    ArticleFactory(headline="An unannounced launch", published_at=soon)
    page = watched.page

    sign_in(page, "colin")
    drafts = page.get_by_role("region", name="Your drafts")
    expect(drafts.get_by_role("link")).to_have_text(
        ["News: My planned draft", "Your drafts and pieces in review (1)"]
    )
    expect(page.get_by_role("region", name="Awaiting review")).to_have_count(0)
    expect(page.get_by_text("Someone else's draft")).to_have_count(0)
    expect(page.get_by_text("An unannounced launch")).to_have_count(0)

    week = Week.containing(timezone.localdate(soon))
    page.goto(f"/admin/desk/calendar/{week.year}/week/{week.week}/")
    entry = page.locator(".desk-entry", has_text="My planned draft")
    expect(entry).to_be_visible()
    expect(entry.get_by_role("link", name="Move")).to_have_count(0)
    assert entry.get_attribute("draggable") is None
    expect(page.get_by_text("An unannounced launch")).to_have_count(0)

    assert page.goto(f"/admin/desk/articles/{mine.pk}/move/").status == 403
    page.goto(f"/admin/desk/calendar/{week.year}/week/{week.week}/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    forged = page.request.post(
        f"/admin/desk/articles/{mine.pk}/move/",
        form={
            "csrfmiddlewaretoken": token,
            "when_0": f"{soon + timedelta(days=1):%Y-%m-%d}",
            "when_1": "09:00",
            "version": str(mine.version),
        },
    )
    assert forged.status == 403
    mine.refresh_from_db()
    assert mine.planned_for == soon
    # The refused "Move" page is the one error the browser reports.
    assert watched.page_errors == []
    assert watched.csp_violations() == []
