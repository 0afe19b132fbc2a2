"""Publishing and unpublishing: the one place an article's public state changes.

Before anything goes out, `checklist.publication_problems` runs every check of the publication
checklist (`articles.workflow.checklist`); a piece with problems raises `CannotPublish`.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article
from articles.models.returns import RETURN_FIELDS
from articles.workflow import checklist
from articles.workflow.editing import display_name
from newsroom.dates import display_datetime


class CannotPublish(Exception):
    """Raised with every reason an article is not ready to go out."""

    def __init__(self, article: Article, problems: list[str]):
        self.article = article
        self.problems = problems
        super().__init__(f"{article}: " + "; ".join(problems))


def one_by_one(articles: QuerySet) -> Iterator[Article]:
    """Each of `articles` as stored when its turn comes, its row locked until the transaction
    ends (call it inside one); a piece deleted since the selection was made is passed over.

    An action over many rows moves each as it is then, never a copy read before someone saved
    it: a stale copy would write back its old public state (an embargo set meanwhile, lost)
    and a version lower than the one saved, so that a form opened on an older copy would no
    longer be refused.
    """
    for pk in list(articles.values_list("pk", flat=True)):
        article = Article.objects.select_for_update().filter(pk=pk).first()
        if article is not None:
            yield article


# What a publication writes: when and whether the piece runs.
PUBLICATION_FIELDS = ("status", "published_at", "embargoed_until", "updated_at")


@transaction.atomic
def publish(article: Article, *, at: datetime | None = None) -> Article:
    """Publish `article` at `at`, or now; a future time schedules it.

    An article that already has a publication time keeps it when no new time is given, so
    re-publishing a corrected piece does not move it to the top of the index. A piece under
    embargo runs at the embargo, never earlier; an embargo still to come on a piece readers
    already see is refused (`Article.hold_to_embargo`). Every refusal raises `CannotPublish`.
    """
    if problems := checklist.publication_problems(article):
        raise CannotPublish(article, problems)
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    try:
        article.hold_to_embargo()
    except ValidationError as refused:
        raise CannotPublish(article, refused.messages) from refused
    article.clear_return()
    # The embargo too: one set on the instance and not saved yet holds the time it set.
    article.save(update_fields=[*PUBLICATION_FIELDS, *RETURN_FIELDS])
    _note_in_history(_publication_note(article))
    return article


def publish_now(article: Article) -> Article:
    """Run `article` at once ("Publish now"), or at its embargo while one holds.

    A piece that ran before (one unpublished, say) keeps its date; one without a time, or
    scheduled for later, runs now.
    """
    now = timezone.now()
    ran_before = article.published_at is not None and article.published_at <= now
    return publish(article, at=None if ran_before else now)


PAST_EMBARGO = "An embargo ends in the future: choose a later time."


def embargo_problem(article: Article, *, until: datetime) -> str | None:
    """Why `article` cannot be held under embargo until `until`, or None; the change form's
    embargo box asks the same.

    A piece readers already see is refused: its publication time would move to the embargo,
    taking it off every page, feed and search until then, after its alerts and shares went out.
    """
    if until <= timezone.now():
        return PAST_EMBARGO
    if article.is_published:
        return Article.embargo_on_public_problem(article.published_at)
    return None


@transaction.atomic
def embargo(article: Article, *, until: datetime) -> Article:
    """Hold `article` under embargo until `until` and run it then: until that moment it is
    nowhere in public, and journalists may be shared it (see `articles.embargo`)."""
    if problem := embargo_problem(article, until=until):
        raise ValidationError(problem)
    if problems := checklist.publication_problems(article):
        raise CannotPublish(article, problems)
    article.embargoed_until = until
    article.status = Article.Status.PUBLISHED
    article.published_at = until
    article.clear_return()
    article.save(update_fields=[*PUBLICATION_FIELDS, *RETURN_FIELDS])
    _note_in_history(_publication_note(article))
    return article


@transaction.atomic
def lift_embargo(article: Article) -> Article:
    """End the embargo now: the piece runs at once, if it passes the publish checks."""
    article.embargoed_until = None
    article.save(update_fields=["embargoed_until", "updated_at"])
    publish(article, at=timezone.now())
    _note_in_history("Embargo lifted: published.")
    return article


def _publication_note(article: Article) -> str:
    if article.is_embargoed:
        return f"Embargoed until {display_datetime(article.embargoed_until)}."
    return "Scheduled." if article.is_scheduled else "Published."


@transaction.atomic
def unpublish(article: Article) -> Article:
    """Take `article` off every public page; its publication time is kept for the record."""
    return _move_to(article, Article.Status.UNPUBLISHED, note="Unpublished.")


@transaction.atomic
def submit_for_review(article: Article) -> Article:
    """Hand a draft to the editors: it shows as "In review" until one of them acts on it."""
    return _move_to(article, Article.Status.IN_REVIEW, note="Submitted for review.")


# The longest note an editor leaves a writer when returning a piece: a line, not a letter.
RETURN_NOTE_LENGTH = 300
RETURNED = "Returned to draft."


def _returned_comment(note: str) -> str:
    """How the history names a return with `note` (the admin's change message follows it)."""
    return f"{RETURNED} Note to the writer: “{note}”" if note else RETURNED


@transaction.atomic
def return_to_draft(article: Article, *, note: str = "", by=None) -> Article:
    """Hand a piece in review back to its writer: a draft again, theirs to edit and submit,
    with the editor's `note` (plain text, one line) shown to them and kept in the history.
    The piece records who returned it (`by`, the editor; None from a script) and when."""
    note = " ".join(note.split())[:RETURN_NOTE_LENGTH]
    article.return_note, article.returned_by, article.returned_at = note, by, timezone.now()
    return _move_to(article, Article.Status.DRAFT, note=_returned_comment(note))


@dataclass(frozen=True)
class Return:
    """The return a draft's writer is shown: the editor's note ("" when they left none), who
    returned it (their full name, else username; "" when not known) and when (None when not
    known)."""

    note: str
    by: str
    at: datetime | None


def standing_return(article: Article) -> Return | None:
    """The return `article` shows until it moves on, or None, as the piece records it: the
    editor's name is read with their account (one query, for a return by someone; none when
    the piece was read with `select_related("returned_by")`). A return recorded before who and
    when were kept, with no revision naming it, shows its note alone."""
    if article.pk is None or article.status != Article.Status.DRAFT:
        return None
    if not article.return_note and article.returned_at is None:
        return None
    by = article.returned_by
    return Return(article.return_note, display_name(by) if by else "", article.returned_at)


def _move_to(article: Article, status: str, *, note: str) -> Article:
    # A return stands until the piece moves on (submitted again, say): any other move clears it.
    if status != Article.Status.DRAFT:
        article.clear_return()
    article.status = status
    article.save(update_fields=["status", *RETURN_FIELDS, "updated_at"])
    _note_in_history(note)
    return article


def _note_in_history(comment: str) -> None:
    """Name the change in the revision being recorded (the admin records one per request)."""
    if reversion.is_active():
        reversion.set_comment(comment)
