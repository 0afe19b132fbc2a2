"""The credit line of a cross-posted piece: written from its origin, and read back from a copy.

Pure functions of their arguments (no database), shared by the model, the paste cleaner and the
importer, so every path credits an author the same way: "on" a platform or an author's own
pages, "in" a publication; and the one check of the date it prints.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom.dates import display_date

from .origins import normalise_platform, platform_named


def refuse_future_date(day: date) -> None:
    """Refuse a first-published date after tomorrow in the newsroom's time zone: the credit
    line would print a day that has not come. Tomorrow is allowed, as a poster ahead of the
    newsroom in time may already be on it."""
    if day > timezone.localdate() + timedelta(days=1):
        raise ValidationError(
            f"{display_date(day)} has not come yet: give the date the piece first appeared, "
            "tomorrow at the latest.",
            code="future_date",
        )


def possessive(name: str) -> str:
    """`Dana Whitfield` → `Dana Whitfield's`; `Marcus Ellis` → `Marcus Ellis'` (AP style).

    A name that already ends in an apostrophe form is left as it is.
    """
    name = " ".join(name.split())
    if not name:
        return ""
    if name.endswith(("'s", "’s", "'", "’")):
        return name
    return f"{name}'" if name[-1] in "sS" else f"{name}'s"


@dataclass(frozen=True)
class Attribution:
    """The credit line: `lead` + `source` (the part pages link) + " on <date>" + "."."""

    lead: str
    source: str
    published_on: date | None = None

    @property
    def date_text(self) -> str:
        return display_date(self.published_on) if self.published_on else ""

    @property
    def text(self) -> str:
        when = f" on {self.date_text}" if self.published_on else ""
        return f"{self.lead}{self.source}{when}."


LEAD_ON = "This piece was originally published on "
LEAD_IN = "This piece was originally published in "
# An unknown name that is a web address, or says it is a place online, reads "on" as a
# platform does; any other is a publication's title and reads "in" ("in The Hindu").
_WEB_ADDRESS = re.compile(r"[\w-]+(?:\.[\w-]+)+/?", re.UNICODE)
_ONLINE_PLACE = re.compile(
    r"\b(?:v?blog|web ?site|site|podcast|forum|channel|account|profile|page|wiki|app)s?\b",
    re.IGNORECASE,
)


def _lead_for_unknown(name: str) -> str:
    if _WEB_ADDRESS.fullmatch(name) or _ONLINE_PLACE.search(name):
        return LEAD_ON
    return LEAD_IN


def attribution(
    *, author_name: str, platform: str, published_on: date | None = None
) -> Attribution | None:
    """The credit for a piece's origin, or None when no platform is known.

    On an author's own platform it names them: "…on Dana Whitfield's LinkedIn"; a publication is
    named alone: "…in Forbes". A name not known reads as a publication ("…in The Hindu") unless
    it is a web address or says it is a place online: "…on blog.example.org", "…on the Northwind
    engineering blog".
    """
    name = " ".join(platform.split())
    if not name:
        return None
    known = platform_named(name)
    if known is None:
        return Attribution(_lead_for_unknown(name), name, published_on)
    if not known.personal:
        return Attribution(LEAD_IN, known.name, published_on)
    if author_name.strip():
        return Attribution(LEAD_ON, f"{possessive(author_name)} {known.name}", published_on)
    return Attribution(LEAD_ON, known.name, published_on)


@dataclass(frozen=True)
class ParsedAttribution:
    author_name: str
    platform: str
    published_on: date | None


_ATTRIBUTION_LINE = re.compile(
    r"^This piece was originally published (?:on|in) (?P<source>.+?)"
    r"(?: on (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}))?\.?$"
)
_POSSESSIVE_SOURCE = re.compile(r"^(?P<name>.+?)(?:['’]s|['’]) (?P<platform>.+)$")


def parse_attribution(line: str) -> ParsedAttribution | None:
    """Read back a line `attribution` writes: the author, platform and date it names."""
    match = _ATTRIBUTION_LINE.match(" ".join(line.split()))
    if not match:
        return None
    source = match["source"]
    published_on = parse_date(match["date"]) if match["date"] else None
    author_name, platform = "", source
    if (owner := _POSSESSIVE_SOURCE.match(source)) and (known := platform_named(owner["platform"])):
        author_name, platform = owner["name"], known.name
    return ParsedAttribution(author_name, normalise_platform(platform), published_on)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_FIRST = re.compile(r"^(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})$")
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Za-z]{3,9})\.?,? (?P<year>\d{4})$")
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")


def parse_date(text: str) -> date | None:
    """A date as pages and platforms print it: "Jan 14, 2025", "14 January 2025", "2025-01-14"."""
    text = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO_DATE):
        if match := pattern.match(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            if number is None:
                return None
            try:
                return date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                return None
    return None
