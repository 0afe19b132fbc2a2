"""The calendar feed in iCalendar (RFC 5545), for the calendar apps editors already use.

One event per piece: its UID stays the same whatever happens to the piece, so a calendar app
moves the event when the piece moves; times are in UTC; the summary is the headline as the site
shows it ("Op-ed: …") and what kind of entry it is; the URL opens the piece in the admin.
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from articles.desk.plan import PLANNED, Entry

# How long an entry lasts in a calendar app: long enough to read, short enough not to crowd.
DURATION = timedelta(minutes=30)
PRODUCT = "-//Newsroom//Editorial calendar//EN"


def uid(entry: Entry, *, host: str) -> str:
    return f"article-{entry.article.pk}@{host}"


def summary(entry: Entry) -> str:
    article = entry.article
    return f"{article.kind_label}: {article.headline} ({entry.kind.label.lower()})"


def calendar_of(entries: list[Entry], *, host: str, url_for, name: str) -> bytes:
    """`entries` as an iCalendar document; `url_for(article)` is the absolute admin address."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = _utc(timezone.now())
    for entry in entries:
        article = entry.article
        start = _utc(entry.at)
        event = Event()
        event.add("uid", uid(entry, host=host))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
        event.add("summary", summary(entry))
        event.add("url", url_for(article))
        event.add("status", "TENTATIVE" if entry.kind is PLANNED else "CONFIRMED")
        event.add("last-modified", _utc(article.updated_at))
        if article.dek:
            event.add("description", article.dek)
        calendar.add_component(event)
    return calendar.to_ical()


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)
