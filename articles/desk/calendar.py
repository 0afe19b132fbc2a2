"""Months and weeks of days in the newsroom's time zone, with the plan's entries on them.

Weeks start on Monday and are numbered as ISO 8601 numbers them (week 1 holds the year's first
Thursday), as European newsrooms and most calendar apps count them.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.desk.plan import Entry

# Months and weeks outside these years are not calendars anyone plans in.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class NoSuchPeriod(ValueError):
    """A month or week that does not exist, or lies outside FIRST_YEAR to LAST_YEAR."""


def midnight(day: date) -> datetime:
    """The start of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    def __post_init__(self):
        if not (FIRST_YEAR <= self.year <= LAST_YEAR and 1 <= self.month <= 12):
            raise NoSuchPeriod(f"{self.year}-{self.month}")

    @classmethod
    def containing(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    @property
    def title(self) -> str:
        return format_date(date(self.year, self.month, 1), "F Y")

    @property
    def weeks(self) -> list[list[date]]:
        return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            self.year, self.month
        )

    def holds(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    @property
    def previous(self) -> "Month | None":
        return _within_bounds(
            lambda: Month.containing(date(self.year, self.month, 1) - timedelta(days=1))
        )

    @property
    def next(self) -> "Month | None":
        return _within_bounds(
            lambda: Month.containing(date(self.year, self.month, 28) + timedelta(days=4))
        )


def _within_bounds(period):
    """The period `period()` gives, or None past the first or last one the calendar shows (no
    link leads there)."""
    try:
        return period()
    except NoSuchPeriod:
        return None


@dataclass(frozen=True)
class Week:
    year: int  # the ISO year, which differs from the calendar year around New Year
    week: int

    def __post_init__(self):
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise NoSuchPeriod(f"{self.year}-W{self.week}")
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError as error:
            raise NoSuchPeriod(f"{self.year}-W{self.week}") from error

    @classmethod
    def containing(cls, day: date) -> "Week":
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def first(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def title(self) -> str:
        first, last = self.first, self.first + timedelta(days=6)
        return f"Week {self.week}: {format_date(first, 'M j')} – {format_date(last, 'M j, Y')}"

    @property
    def weeks(self) -> list[list[date]]:
        return [[self.first + timedelta(days=offset) for offset in range(7)]]

    def holds(self, day: date) -> bool:
        return True

    @property
    def previous(self) -> "Week | None":
        return _within_bounds(lambda: Week.containing(self.first - timedelta(days=7)))

    @property
    def next(self) -> "Week | None":
        return _within_bounds(lambda: Week.containing(self.first + timedelta(days=7)))


def nearest_month(day: date) -> Month:
    """The month holding `day`, or for a day outside the calendar's years its first or last
    month (where a piece mistyped into 3026 is brought back from)."""
    if day.year < FIRST_YEAR:
        return Month(FIRST_YEAR, 1)
    if day.year > LAST_YEAR:
        return Month(LAST_YEAR, 12)
    return Month.containing(day)


def period_holding(day: date, view: str) -> Month | Week:
    """The week (`view="week"`) or month holding `day`; its nearest month when the calendar
    shows no such week (Dec 31, 2999 is in week 1 of 3000) or no such month."""
    if view == "week":
        try:
            return Week.containing(day)
        except NoSuchPeriod:
            pass
    return nearest_month(day)


@dataclass
class Day:
    date: date
    entries: list[Entry]
    outside: bool  # shown to complete a week, but not in the month
    is_today: bool


def span(period: Month | Week) -> tuple[datetime, datetime]:
    """From the first shown day's midnight up to the midnight after the last shown day."""
    weeks = period.weeks
    return midnight(weeks[0][0]), midnight(weeks[-1][-1] + timedelta(days=1))


def lay_out(period: Month | Week, entries: list[Entry]) -> list[list[Day]]:
    """The weeks of `period`, each day holding its entries in time order."""
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.local_at.date(), []).append(entry)
    now = today()
    return [
        [Day(day, by_day.get(day, []), not period.holds(day), day == now) for day in week]
        for week in period.weeks
    ]
