"""A deleted article recovered from its history comes back off the site, to be published
deliberately, as a piece taken out of a bin comes back a draft; in the admin or from code.

It keeps what its history needs, judged as it stood when it was deleted. One that had run comes
back unpublished with its first publication time: it is still a piece that has run, so a later
rename leaves a redirect, and publishing it again keeps its date. One scheduled or under embargo
never ran, even when its time passed while it was deleted: it comes back a draft without its
time, its embargo left in the box to hold it when it is published. Any other comes back as it
was. Called as the row is written back (`StoredRow._save_table`), after `versions.written_back`
tells a recovery; no model is imported here.
"""

from datetime import datetime
from typing import NamedTuple

from django.utils import timezone

from newsroom import revisions

# The restore notes' key for how the piece ran when it was deleted, for the recover page.
AT_DELETION = "publication at deletion"


class AtDeletion(NamedTuple):
    """How a recovered piece ran when it was deleted: its `publication` fields, and the time
    they are judged at (`deleted_at`, or the recovery's where that was not kept)."""

    publication: dict
    judged_at: datetime


def come_back_unpublished(article, *, deleted_at: datetime | None) -> None:
    """Before a deleted `article` is written back: take it off the site, keeping its history.
    `deleted_at` is when it was deleted; None for a piece deleted before that was kept, judged
    as of now instead (one whose time passed since then comes back as if it had run)."""
    status = type(article).Status
    judged_at = deleted_at or timezone.now()
    if (notes := revisions.restore_notes()) is not None:
        notes[(type(article), article.pk, AT_DELETION)] = AtDeletion(
            publication(article), judged_at
        )
    if article.status != status.PUBLISHED:
        return
    # A piece that was out stood returned to no one: a note left from before publications
    # cleared returns must not greet its writer on the draft it comes back as.
    article.clear_return()
    if has_run(article, at=judged_at):
        article.status = status.UNPUBLISHED
    else:
        article.status = status.DRAFT
        article.published_at = None


def publication(article) -> dict:
    """Whether and when `article` runs, as its fields say."""
    return {
        "status": article.status,
        "published_at": article.published_at,
        "embargoed_until": article.embargoed_until,
    }


def has_run(article, *, at: datetime | None = None) -> bool:
    """Whether `article` has a publication time that had passed by `at` (by default now):
    readers may have seen it."""
    ran = article.published_at
    return ran is not None and ran <= (at or timezone.now())
