"""The desk's forms: a piece's new time on the calendar."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone

from articles.desk.calendar import FIRST_YEAR, LAST_YEAR
from newsroom.typed_times import LocalSplitDateTimeField

OUTSIDE_THE_YEARS = (
    f"The calendar holds the years {FIRST_YEAR} to {LAST_YEAR}: choose a time within them "
    "(is the year mistyped?)."
)


class MoveForm(forms.Form):
    """A new time for a piece, as the calendar's "Move" page and its drag and drop send it."""

    when = LocalSplitDateTimeField(
        label="New time",
        widget=AdminSplitDateTime,
        help_text="In the newsroom's time zone.",
    )
    # The version of the piece the calendar showed: a piece changed since is not moved blindly.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # Which calendar to return to afterwards.
    view = forms.ChoiceField(
        choices=[("month", "month"), ("week", "week")],
        widget=forms.HiddenInput,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The widget writes "Date:" and "Time:" as plain text; screen readers need names.
        date, time = self.fields["when"].widget.widgets
        date.attrs["aria-label"] = "New date"
        time.attrs["aria-label"] = "New time of day"

    def clean_when(self):
        when = self.cleaned_data["when"]
        if not FIRST_YEAR <= timezone.localtime(when).year <= LAST_YEAR:
            raise forms.ValidationError(OUTSIDE_THE_YEARS, code="outside_the_calendar")
        return when
