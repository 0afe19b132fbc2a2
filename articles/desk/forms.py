"""The desk's forms: a piece's new time on the calendar."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime

from newsroom.typed_times import LocalSplitDateTimeField


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
