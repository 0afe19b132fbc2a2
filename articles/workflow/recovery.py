"""A deleted article recovered from its history comes back off the site, to be published
deliberately, as a piece taken out of a bin comes back a draft; in the admin or from code.

It keeps what its history needs. One that ran comes back unpublished with its first
publication time: it is still a piece that has run, so a later rename leaves a redirect, and
publishing it again keeps its date. One scheduled or under embargo never ran: it comes back a
draft without its time, its embargo left in the box to hold it when it is published. Any other
comes back as it was. Called as the row is written back (`StoredRow._save_table`), after
`versions.written_back` tells a recovery; no model is imported here.
"""

from django.utils import timezone

from newsroom import revisions

# The restore notes' key for how the piece ran when it was deleted, for the recover page.
AT_DELETION = "publication at deletion"


def come_back_unpublished(article) -> None:
    """Before a deleted `article` is written back: take it off the site, keeping its history."""
    status = type(article).Status
    if (notes := revisions.restore_notes()) is not None:
        notes[(type(article), article.pk, AT_DELETION)] = publication(article)
    if article.status != status.PUBLISHED:
        return
    if has_run(article):
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


def has_run(article) -> bool:
    """Whether `article` has a publication time that has passed: readers may have seen it."""
    return article.published_at is not None and article.published_at <= timezone.now()
