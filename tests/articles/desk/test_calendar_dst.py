"""Guards: the calendar puts each piece on its day in the newsroom's time zone on the days the
clocks change, at midnight too, including where the clocks changed at midnight itself."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.articles.desk.test_calendar import day_html
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zone", "wall_clock"),
    [
        ("Europe/Berlin", datetime(2018, 3, 25, 0, 0)),  # the night the clocks go forward
        ("Europe/Berlin", datetime(2018, 10, 28, 2, 30, fold=1)),  # the repeated hour, again
        ("Europe/Berlin", datetime(2018, 11, 30, 23, 59)),  # the month's last minute
        ("Europe/Berlin", datetime(2018, 12, 1, 0, 0)),  # the next month's first
        ("America/Sao_Paulo", datetime(2018, 11, 4, 1, 0)),  # 00:00 did not exist that day
        ("America/Sao_Paulo", datetime(2019, 2, 16, 23, 30, fold=1)),  # 23:00-24:00 came twice
        ("America/Sao_Paulo", datetime(2019, 2, 17, 0, 0)),
    ],
)
def test_a_piece_on_a_day_the_clocks_change_is_on_that_day(
    editor_client, settings, zone, wall_clock
):
    """An editor in the newsroom finds each piece on the day their own clock showed, whichever
    way the clocks moved that night."""
    settings.TIME_ZONE = zone
    at = wall_clock.replace(tzinfo=ZoneInfo(zone))
    ArticleFactory(headline="Night piece", published_at=at.astimezone(UTC))

    month = editor_client.get(f"/admin/desk/calendar/{at.year}/{at.month}/")
    iso = at.date().isocalendar()
    week = editor_client.get(f"/admin/desk/calendar/{iso.year}/week/{iso.week}/")

    for response in (month, week):
        assert "Night piece" in day_html(response, f"{at:%Y-%m-%d}")
        shown = f"{at:%H:%M} {at:%Z}" if at.fold else f"{at:%H:%M}"
        assert f">{shown}</time>" in day_html(response, f"{at:%Y-%m-%d}")
        assert response.content.decode().count("Night piece") == 1


def test_pieces_in_the_hour_the_clocks_repeat_are_told_apart_by_their_zone(editor_client, settings):
    """On the night the clocks go back, 02:30 comes twice: each piece then says which it is."""
    settings.TIME_ZONE = "Europe/Berlin"
    ArticleFactory(headline="First", published_at=datetime(2018, 10, 28, 0, 30, tzinfo=UTC))
    ArticleFactory(headline="Second", published_at=datetime(2018, 10, 28, 1, 30, tzinfo=UTC))
    ArticleFactory(headline="Later", published_at=datetime(2018, 10, 28, 8, 0, tzinfo=UTC))

    day = day_html(editor_client.get("/admin/desk/calendar/2018/10/"), "2018-10-28")

    assert day.index(">02:30 CEST</time>") < day.index("First") < day.index(">02:30 CET</time>")
    assert day.index(">02:30 CET</time>") < day.index("Second")
    assert ">09:00</time>" in day  # a time the clocks show once needs no zone
