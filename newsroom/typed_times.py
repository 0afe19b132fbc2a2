"""Date and time fields read in the newsroom's time zone (`TIME_ZONE`) that refuse, in plain
words, a time its clocks skip (going forward) or show twice (going back).

Django refuses both with one message ("…it may be ambiguous or it may not exist"); an editor
needs to know which it is, and which times to choose instead. A repeated time that is the one
already saved, shown back and sent unchanged, is not a question: it is the saved instant. A time
that lies outside the years a date can hold once read in UTC is refused too, not a server error.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom.dates import display_date

MINUTE = timedelta(minutes=1)
# How far the ends of a skipped or repeated stretch are looked for (Samoa skipped a day in 2011).
LONGEST_CHANGE = timedelta(days=1)


def exists(moment: datetime, zone: tzinfo) -> bool:
    """False for a wall-clock time the clocks skip in `zone`: it comes back as another."""
    local = moment.replace(tzinfo=zone, fold=0)
    return local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == moment.replace(fold=0)


def repeats(moment: datetime, zone: tzinfo) -> bool:
    """True for a wall-clock time that `zone` shows twice, as its clocks go back."""
    offsets = {moment.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)}
    return len(offsets) > 1 and exists(moment, zone)


def _stretch(moment: datetime, inside: Callable[[datetime], bool]) -> tuple[datetime, datetime]:
    """The first minute of the stretch of wall-clock minutes around `moment` that are `inside`,
    and the first minute after it."""
    start = end = moment.replace(second=0, microsecond=0)
    while inside(start - MINUTE) and moment - start < LONGEST_CHANGE:
        start -= MINUTE
    while inside(end) and end - moment < LONGEST_CHANGE:
        end += MINUTE
    return start, end


def _amount(length: timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    parts = []
    if hours:
        parts.append("an hour" if hours == 1 else f"{hours} hours")
    if minutes:
        parts.append(f"{minutes} minutes")
    return " and ".join(parts)


def clock_change_problem(moment: datetime, zone: tzinfo) -> str | None:
    """Why the naive wall-clock `moment` cannot be read in `zone`, or None when it can."""

    def at(value: datetime) -> str:
        return value.strftime("%H:%M")

    where = f"on {display_date(moment.date())} in {zone}"
    if not exists(moment, zone):
        start, end = _stretch(moment, lambda value: not exists(value, zone))
        return (
            f"{at(moment)} does not exist {where}: the clocks go forward "
            f"{_amount(end - start)} at {at(start)}, straight to {at(end)}. Choose a time "
            f"before {at(start)}, or {at(end)} or later."
        )
    if repeats(moment, zone):
        start, end = _stretch(moment, lambda value: repeats(value, zone))
        return (
            f"{at(moment)} happens twice {where}: the clocks go back {_amount(end - start)} at "
            f"{at(end)}, so the times from {at(start)} to {at(end)} come twice. Choose a time "
            f"before {at(start)}, or {at(end)} or later, so that it is clear which is meant."
        )
    return None


def first_instant(day: date, zone: tzinfo) -> datetime:
    """The first instant of `day` in `zone`: its midnight or, when the clocks go forward over
    midnight, the time they go to (01:00 in São Paulo on Nov 4, 2018). A day the clocks skip
    whole (Dec 30, 2011 in Samoa) has none: ValueError, saying so."""
    midnight = datetime.combine(day, time.min)
    if exists(midnight, zone):
        return midnight.replace(tzinfo=zone)
    _, end = _stretch(midnight, lambda value: not exists(value, zone))
    if end.date() != day:
        raise ValueError(
            f"{display_date(day)} does not exist in {zone}: the clocks skip that whole day. "
            "Give another date."
        )
    return end.replace(tzinfo=zone)


def shown_unchanged(stored, moment: datetime) -> datetime | None:
    """The saved instant `stored` when the naive wall-clock `moment` is how it is shown in the
    newsroom's time zone (to the second, or to the minute for a box without seconds), else None.

    A wall-clock time alone cannot say which of a repeated hour's two instants it is; the saved
    one can, so an unchanged time keeps it."""
    if not isinstance(stored, datetime) or timezone.is_naive(stored):
        return None
    local = timezone.localtime(stored)
    for shown in (local.replace(microsecond=0), local.replace(second=0, microsecond=0)):
        if shown.replace(tzinfo=None) == moment:
            # In UTC: Python finds a repeated local time equal to no instant of another zone.
            return shown.astimezone(UTC)
    return None


class ClockChangeMixin:
    """Says which of Django's "ambiguous or non-existent" a refused time is, and what to do;
    takes a repeated time shown as saved and sent back unchanged as the saved instant."""

    def _clean_bound_field(self, bf):
        # Django's one hook that shows a field its initial value while cleaning (FileField's).
        try:
            return super()._clean_bound_field(bf)
        except ValidationError as error:
            if kept := shown_unchanged(bf.initial, getattr(error, "moment", None)):
                return kept
            raise

    def has_changed(self, initial, data) -> bool:
        if not super().has_changed(initial, data):
            return False
        try:
            self.clean(data)
        except ValidationError as error:
            return not shown_unchanged(initial, getattr(error, "moment", None))
        return True

    def clean(self, value):
        try:
            cleaned = super().clean(value)
        except ValidationError as error:
            if getattr(error, "code", None) != "ambiguous_timezone":
                raise
            moment = (error.params or {}).get("datetime")
            problem = moment and clock_change_problem(moment, timezone.get_current_timezone())
            if not problem:
                raise
            refusal = ValidationError(problem, code="clock_change")
            refusal.moment = moment
            raise refusal from None
        if isinstance(cleaned, datetime) and timezone.is_aware(cleaned):
            try:
                cleaned.astimezone(UTC)
            except OverflowError:
                # 9999-12-31 23:00 in New York is already in the year 10000 in UTC.
                raise ValidationError(
                    "No time so far ahead or so long ago can be kept: choose another.",
                    code="out_of_range",
                ) from None
        return cleaned


class LocalDateTimeField(ClockChangeMixin, forms.DateTimeField):
    pass


class LocalSplitDateTimeField(ClockChangeMixin, forms.SplitDateTimeField):
    pass
