"""Moving a piece on the plan to a new time, as its change form would.

The view checks what the change form checks (the admin's permissions on the piece and on the
field the move sets); this module refuses what the form would refuse (a time gone by, a piece
changed since it was shown, and for a scheduled piece every publish check, through
`publishing.publish`), saves through the model's own save, so caches and the schedule follow as
after any edit, and records a revision and an admin log entry naming the move.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.desk import plan
from articles.models import Article
from articles.workflow import editing, publishing
from newsroom.dates import display_datetime


class CannotMove(Exception):
    """Raised with every reason a piece stays where it is, in words an editor can act on."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def field_to_set(article: Article) -> str:
    """The time a move of `article` sets: its publication time once published, else its
    planned time. Whoever may not set that field on the change form may not move the piece."""
    return "published_at" if article.status == Article.Status.PUBLISHED else "planned_for"


@transaction.atomic
def move(*, article: Article, to: datetime, seen_version: int, request, model_admin) -> str:
    """Move `article` to `to`; returns what happened, in a sentence for the editor."""
    if to <= timezone.now():
        raise CannotMove(
            ["Choose a time still to come. To publish a piece now, use “Publish” on its page."]
        )
    conflict = editing.find_conflict(article=article, token=f"{seen_version}:0")
    if conflict is not None:
        who = conflict.saved_by or "Someone else"
        raise CannotMove(
            [
                f"{who} changed “{article.headline}” after the calendar was opened, so it was "
                "not moved. Look at it again, then move it once more."
            ]
        )
    article.refresh_from_db()
    kind = plan.kind_of(article)
    if kind is None or not kind.movable:
        raise CannotMove(
            [
                f"“{article.headline}” is {article.get_status_display().lower()}: only scheduled "
                "and planned pieces move on the calendar."
            ]
        )
    before = getattr(article, kind.field)
    editing.ensure_baseline_revision(article)
    with model_admin.create_revision(request):
        if kind is plan.SCHEDULED:
            try:
                publishing.publish(article, at=to)
            except publishing.CannotPublish as error:
                raise CannotMove(error.problems) from None
            done = f"Rescheduled from {display_datetime(before)} to {display_datetime(to)}."
        else:
            article.planned_for = to
            article.save(update_fields=["planned_for", "updated_at"])
            done = f"Planned for {display_datetime(to)} instead of {display_datetime(before)}."
        model_admin.log_change(request, article, f"{done} (on the calendar)")
    return f"“{article.headline}”: {done}"
