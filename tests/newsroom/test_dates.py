"""Dates as people and machines read them, in the site's time zone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone, translation

from newsroom.dates import display_date, display_datetime, display_datetime_abroad, isodatetime
from tests.factories import ArticleFactory


def test_a_day_is_written_for_people_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    late_evening = datetime(2025, 1, 15, 3, 30, tzinfo=UTC)  # Jan 14, 22:30 in New York

    assert display_date(late_evening) == "Jan 14, 2025"
    assert display_date(datetime(2025, 1, 15, 12, 0, tzinfo=UTC)) == "Jan 15, 2025"

    settings.TIME_ZONE = "Asia/Tokyo"

    assert display_date(late_evening) == "Jan 15, 2025"


def test_days_dates_and_nothing():
    assert display_date(date(2024, 12, 31)) == "Dec 31, 2024"
    assert display_date(datetime(2024, 2, 29, 23, 59)) == "Feb 29, 2024"
    assert display_date(None) == ""


def test_a_day_follows_the_active_language():
    day = date(2025, 3, 5)
    assert display_date(day) == "Mar 5, 2025"

    with translation.override("de"):
        assert display_date(day) == "Mär 5, 2025"

    assert display_date(day) == "Mar 5, 2025"


def test_moments_and_machine_dates(settings):
    settings.TIME_ZONE = "UTC"
    moment = datetime(2025, 1, 14, 9, 0, 30, 123456, tzinfo=UTC)

    assert display_datetime(moment) == "Jan 14, 2025 09:00 UTC"
    assert isodatetime(moment) == "2025-01-14T09:00:30+00:00"
    assert isodatetime(date(2025, 1, 14)) == "2025-01-14"
    assert isodatetime(None) == ""


@pytest.mark.parametrize(
    ("zone", "first", "shown"),
    [
        # The clocks go back an hour at 02:00: 01:30 comes twice, an hour apart.
        (
            "Europe/London",
            datetime(2030, 10, 27, 0, 30, tzinfo=UTC),
            ("Oct 27, 2030 01:30 BST", "Oct 27, 2030 01:30 GMT"),
        ),
        (
            "America/New_York",
            datetime(2030, 11, 3, 5, 30, tzinfo=UTC),
            ("Nov 3, 2030 01:30 EDT", "Nov 3, 2030 01:30 EST"),
        ),
    ],
)
def test_a_moment_the_clocks_show_twice_is_written_with_its_zone(settings, zone, first, shown):
    """Django writes no zone for a wall-clock time that comes twice, where the zone alone tells
    which of the two is meant."""
    settings.TIME_ZONE = zone

    assert (display_datetime(first), display_datetime(first + timedelta(hours=1))) == shown


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Kolkata", "Jan 14, 2025 14:30 IST (UTC+05:30)"),
        ("America/St_Johns", "Jan 14, 2025 05:30 NST (UTC-03:30)"),
        ("Australia/Lord_Howe", "Jan 14, 2025 20:00 +11"),  # named by its offset already
        ("UTC", "Jan 14, 2025 09:00 UTC"),
    ],
)
def test_a_moment_for_people_abroad_gives_its_offset_from_utc(settings, zone, shown):
    settings.TIME_ZONE = zone

    assert display_datetime_abroad(datetime(2025, 1, 14, 9, 0, tzinfo=UTC)) == shown
    assert display_datetime_abroad(None) == ""


@pytest.mark.django_db
def test_a_page_is_dated_in_the_site_time_zone_and_leaves_none_active_after(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    ArticleFactory(slug="late", published_at=datetime(2025, 1, 14, 22, 30, tzinfo=UTC))

    page = client.get("/news/late/").content.decode()

    assert '<time datetime="2025-01-15T07:30:00+09:00">Jan 15, 2025</time>' in page
    # Nothing the request made active outlives it: later changes to the settings are followed.
    settings.TIME_ZONE = "America/New_York"
    settings.LANGUAGE_CODE = "de"
    assert timezone.get_current_timezone_name() == "America/New_York"
    assert translation.get_language() == "de"
    assert display_date(date(2025, 3, 5)) == "Mär 5, 2025"
