"""The calendar feed in iCalendar (RFC 5545), for the calendar apps editors already use.

One event per piece: its UID stays the same whatever happens to the piece, so a calendar app
moves the event when the piece moves; times are in UTC; the summary is the headline as the site
shows it ("Op-ed: …") and what kind of entry it is; the URL opens the piece in the admin.

Its SEQUENCE grows with every change of what it shows (RFC 5545 §3.8.7.4), or some apps keep an
event as they first saw it, and LAST-MODIFIED is when that was; DTSTAMP is when the feed was
made, as for any iCalendar object with a METHOD (§3.8.7.2).
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from articles.desk.plan import EMBARGOED, PLANNED, PUBLISHED, SCHEDULED, Entry

# How long an entry lasts in a calendar app: long enough to read, short enough not to crowd.
DURATION = timedelta(minutes=30)
PRODUCT = "-//Newsroom//Editorial calendar//EN"


def uid(entry: Entry, *, host: str) -> str:
    return f"article-{entry.article.pk}@{host}"


# The kinds of entry a piece passes through as time goes by, without a save: each changes the
# summary ("(embargoed)", "(scheduled)", "(published)"). Any other change is a save.
BY_TIME = (EMBARGOED, SCHEDULED, PUBLISHED)


def sequence(entry: Entry) -> int:
    """The event's SEQUENCE: the article's version, which every save increments and nothing
    lowers (restoring a revision keeps it, recovering a deleted piece continues from it:
    `articles.workflow.versions`), counted in steps of the kinds it passes through between
    saves."""
    step = BY_TIME.index(entry.kind) if entry.kind in BY_TIME else 0
    return entry.article.version * len(BY_TIME) + step


def last_modified(entry: Entry) -> datetime:
    """When the event last changed: the article's last save, or the time that made the entry
    what it is since (its publication, or the end of its embargo)."""
    article = entry.article
    took_its_kind = {PUBLISHED: article.published_at, SCHEDULED: article.embargoed_until}
    return max(filter(None, [article.updated_at, took_its_kind.get(entry.kind)]))


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
        event.add("sequence", sequence(entry))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
        event.add("summary", summary(entry))
        event.add("url", url_for(article))
        event.add("status", "TENTATIVE" if entry.kind is PLANNED else "CONFIRMED")
        event.add("last-modified", _utc(last_modified(entry)))
        if article.dek:
            event.add("description", article.dek)
        calendar.add_component(event)
    return calendar.to_ical()


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)
