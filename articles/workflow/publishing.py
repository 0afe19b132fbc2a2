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
from reversion.models import Version

from articles.models import Article
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
    # The embargo too: one set on the instance and not saved yet holds the time it set.
    article.save(update_fields=["status", "published_at", "embargoed_until", "updated_at"])
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
    article.save(update_fields=["status", "published_at", "embargoed_until", "updated_at"])
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
def return_to_draft(article: Article, *, note: str = "") -> Article:
    """Hand a piece in review back to its writer: a draft again, theirs to edit and submit,
    with the editor's `note` (plain text, one line) shown to them and kept in the history."""
    note = " ".join(note.split())[:RETURN_NOTE_LENGTH]
    return _move_to(article, Article.Status.DRAFT, note=_returned_comment(note), return_note=note)


@dataclass(frozen=True)
class Return:
    """The return a draft's writer is shown: the editor's note, who returned it (their full
    name, else username; "" when not known) and when (None when not known)."""

    note: str
    by: str
    at: datetime | None


def standing_return(article: Article) -> Return | None:
    """The return `article` shows until it moves on, or None: the note is the piece's own,
    who and when its history's latest revision naming that note recorded (one query, made
    only for a draft with a note). A return made outside a revision names neither."""
    if article.pk is None or article.status != Article.Status.DRAFT or not article.return_note:
        return None
    version = (
        Version.objects.get_for_object(article)
        .filter(revision__comment__startswith=_returned_comment(article.return_note))
        .select_related("revision__user")
        .defer("serialized_data")
        .order_by("-revision__date_created", "-pk")
        .first()
    )
    if version is None:
        return Return(article.return_note, "", None)
    user = version.revision.user
    return Return(
        article.return_note, display_name(user) if user else "", version.revision.date_created
    )


def _move_to(article: Article, status: str, *, note: str, return_note: str = "") -> Article:
    # A note from a return stands until the piece moves on (submitted again, say).
    article.status, article.return_note = status, return_note
    article.save(update_fields=["status", "return_note", "updated_at"])
    _note_in_history(note)
    return article


def _note_in_history(comment: str) -> None:
    """Name the change in the revision being recorded (the admin records one per request)."""
    if reversion.is_active():
        reversion.set_comment(comment)
