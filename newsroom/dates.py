"""How the site writes dates and times: one way for people, one for machines.

People read "Jan 14, 2025" and "Jan 14, 2025 09:00 GMT", in the site's time zone (`TIME_ZONE`),
on public pages and in the admin alike; people outside the newsroom sent a time to keep (an
embargo) read its offset from UTC too. Machines read ISO 8601 to the second: `<time datetime>`
(HTML checkers reject microseconds), sitemaps, link previews and structured data.

Templates use the same through the `display_date`, `display_datetime`, `display_datetime_abroad`
and `isodatetime` filters of `articles.templatetags.news`.
"""

from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language

# In Django's date format syntax, so templates and code write dates the same way. A moment is
# followed by its zone's name, which Django's "T" leaves out where the clocks show the time twice
# (01:30 BST and 01:30 GMT on the night they go back), the one place it tells which is meant.
DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "M j, Y H:i"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def display_date(value: date | datetime | None) -> str:
    """The day, for readers and editors: "Jan 14, 2025"; "" for None."""
    if not value:
        return ""
    local = _local(value)
    return _day(local.date() if isinstance(local, datetime) else local, get_language())


@lru_cache(maxsize=4096)
def _day(day: date, language: str | None) -> str:
    # A listing writes a dozen dates, mostly a few days over and over, and formatting one is
    # most of what a card costs; the words depend on the day and the language alone.
    return format_date(day, DATE_FORMAT)


def display_datetime(value: datetime | None) -> str:
    """A moment, for editors scheduling and sharing pieces: "Jan 14, 2025 09:00 GMT"."""
    if not value:
        return ""
    local = _local(value)
    zone = local.tzinfo or timezone.get_default_timezone()
    return f"{format_date(local, DATETIME_FORMAT)} {zone.tzname(local) or ''}".rstrip()


def display_datetime_abroad(value: datetime | None) -> str:
    """A moment for people outside the newsroom, who may read its zone's abbreviation as their
    own ("IST" is India's, Ireland's and Israel's; "CST" China's and America's), with its offset
    from UTC: "Mar 12, 2031 09:00 IST (UTC+05:30)". UTC itself, and a zone named by its offset
    ("+1030"), need nothing more."""
    shown = display_datetime(value)
    if not shown:
        return ""
    local = _local(value)
    zone = local.tzinfo or timezone.get_default_timezone()
    name = zone.tzname(local) or ""
    if name == "UTC" or name[:1] in "+-":
        return shown
    offset = local.replace(tzinfo=zone).isoformat(timespec="minutes")[-6:]
    return f"{shown} (UTC{offset})"


def isodatetime(value: date | datetime | None) -> str:
    """ISO 8601 to the second, "2025-01-14T09:00:00+00:00"; "2025-01-14" for a day; "" for None."""
    if value is None:
        return ""
    value = _local(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
