"""Times typed in the newsroom's time zone: one the clocks skip or repeat is refused saying
which, and which times to choose instead."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from newsroom.typed_times import (
    LocalDateTimeField,
    LocalSplitDateTimeField,
    clock_change_problem,
)

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("zone", "moment", "problem"),
    [
        (
            "America/New_York",
            datetime(2030, 3, 10, 2, 15),
            "02:15 does not exist on Mar 10, 2030 in America/New_York: the clocks go forward an "
            "hour at 02:00, straight to 03:00. Choose a time before 02:00, or 03:00 or later.",
        ),
        (
            "America/New_York",
            datetime(2030, 11, 3, 1, 59),
            "01:59 happens twice on Nov 3, 2030 in America/New_York: the clocks go back an hour "
            "at 02:00, so the times from 01:00 to 02:00 come twice. Choose a time before 01:00, "
            "or 02:00 or later, so that it is clear which is meant.",
        ),
        (
            # Lord Howe Island moves its clocks by half an hour.
            "Australia/Lord_Howe",
            datetime(2030, 10, 6, 2, 10),
            "02:10 does not exist on Oct 6, 2030 in Australia/Lord_Howe: the clocks go forward "
            "30 minutes at 02:00, straight to 02:30. Choose a time before 02:00, or 02:30 or "
            "later.",
        ),
    ],
)
def test_a_skipped_or_repeated_time_is_named_with_the_times_around_it(zone, moment, problem):
    assert clock_change_problem(moment, ZoneInfo(zone)) == problem


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2030, 3, 10, 1, 59),
        datetime(2030, 3, 10, 3, 0),
        datetime(2030, 11, 3, 0, 59),
        datetime(2030, 11, 3, 2, 0),
        datetime(2030, 7, 1, 1, 30),
    ],
)
def test_times_the_clocks_show_once_are_no_problem(moment):
    assert clock_change_problem(moment, NEW_YORK) is None


def test_the_field_refuses_with_the_problem_and_reads_other_times_as_before():
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])

    with timezone.override(NEW_YORK):
        with pytest.raises(ValidationError) as refused:
            field.clean("2030-03-10T02:30")
        with pytest.raises(ValidationError, match="Enter a valid date/time"):
            field.clean("next tuesday")
        taken = field.clean("2030-03-10T03:00")

    assert refused.value.messages == [clock_change_problem(datetime(2030, 3, 10, 2, 30), NEW_YORK)]
    assert refused.value.code == "clock_change"
    assert taken == datetime(2030, 3, 10, 7, 0, tzinfo=UTC)


# America/New_York on Nov 3, 2030: 01:30 EDT, then an hour later 01:30 EST.
FIRST_0130 = datetime(2030, 11, 3, 5, 30, tzinfo=UTC)
SECOND_0130 = datetime(2030, 11, 3, 6, 30, tzinfo=UTC)


class PlanForm(forms.Form):
    when = LocalSplitDateTimeField()
    minute = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"], required=False)


@pytest.mark.parametrize("stored", [FIRST_0130, SECOND_0130])
def test_a_repeated_time_sent_back_as_saved_is_the_saved_instant(stored):
    with timezone.override(NEW_YORK):
        form = PlanForm(
            data={"when_0": "2030-11-03", "when_1": "01:30:00", "minute": "2030-11-03T01:30"},
            initial={"when": stored, "minute": stored + timedelta(seconds=20)},
        )
        assert form.is_valid(), form.errors

    assert form.cleaned_data == {"when": stored, "minute": stored}


def test_a_repeated_time_typed_over_a_saved_one_is_still_asked_about():
    with timezone.override(NEW_YORK):
        form = PlanForm(
            data={"when_0": "2030-11-03", "when_1": "01:45:00", "minute": "2030-11-03T01:31"},
            initial={"when": FIRST_0130, "minute": FIRST_0130},
        )
        assert not form.is_valid()

    assert form.errors["when"] == [clock_change_problem(datetime(2030, 11, 3, 1, 45), NEW_YORK)]
    assert form.errors["minute"] == [clock_change_problem(datetime(2030, 11, 3, 1, 31), NEW_YORK)]


def inline_times() -> list[tuple[admin.options.InlineModelAdmin, models.DateTimeField]]:
    """(inline, field) for each time an inline of a registered admin lets someone type."""
    found = []
    for model_admin in admin.site._registry.values():
        for inline_class in model_admin.inlines:
            shown = set(inline_class.fields or []) - set(inline_class.readonly_fields)
            for field in inline_class.model._meta.concrete_fields:
                typed = inline_class.fields is None or field.name in shown
                if isinstance(field, models.DateTimeField) and field.editable and typed:
                    found.append((inline_class(model_admin.model, admin.site), field))
    return found


def test_every_inline_time_refuses_a_clock_change_in_plain_words():
    found = inline_times()
    names = {f"{type(inline).__name__}.{field.name}" for inline, field in found}
    assert "CorrectionInline.published_at" in names

    for inline, field in found:
        formfield = inline.formfield_for_dbfield(field, request=None)
        assert isinstance(formfield, LocalSplitDateTimeField), (inline, field.name)


@pytest.mark.parametrize(
    ("zone", "typed"),
    [("America/New_York", "9999-12-31T23:00"), ("Asia/Tokyo", "0001-01-01T01:00")],
)
def test_a_time_no_instant_can_hold_is_refused_rather_than_a_server_error(zone, typed):
    """Past the last instant a date can hold once read in UTC: refused as a form error."""
    field = LocalDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])

    with timezone.override(ZoneInfo(zone)), pytest.raises(ValidationError) as refused:
        field.clean(typed)

    assert refused.value.code == "out_of_range"
