"""What each message asks again just before it goes, a run taking a while: which of its pieces
are public now, and whether each changed since its text was built (then it is built again).

A piece's edition is what its text is built from: its own saves (`version`) and its warnings,
counted and stamped (`ContentWarning.changed_at`), since a script may change a warning without
saving the piece. Asking costs the one query that asks whether the pieces are public.
"""

from datetime import datetime

from django.db.models import Count, Max

from articles.alerts import messages
from articles.models import SEARCH_FIELDS, Article

Edition = tuple[int, int, datetime | None]

EDITION = {"warning_count": Count("warnings"), "warning_changed": Max("warnings__changed_at")}
EDITION_FIELDS = ("version", "warning_count", "warning_changed")


def public_editions(keys) -> dict[int, Edition]:
    """Of the pieces `keys`, those public now, each with its edition: one query."""
    public = Article.objects.published().filter(pk__in=list(keys)).annotate(**EDITION)
    return {pk: tuple(edition) for pk, *edition in public.values_list("pk", *EDITION_FIELDS)}


def public_edition(article_id: int) -> Edition | None:
    """The edition of piece `article_id` if it is public now, None if not: one query. Public
    by the clock the outbox reads, as `articles.alerts.sending.prepare_event` asks.

    Not `Article.objects.published()`, which would cost no more: an instant alert's run starts
    when the app's clock says its piece is due (the queue's `run_after`, the event's check in
    `articles.events.dispatch`), and by the database's clock, when it is behind, a piece
    scheduled for that moment is not public yet: every reader would be given up as left with
    nothing, and told of the piece only if it is published again. A digest runs minutes after
    its day and asks the database (`public_editions`)."""
    article = Article.objects.only("status", "published_at", "version").filter(pk=article_id)
    found = article.annotate(**EDITION).first()
    if found is None or not found.is_published:
        return None
    return found.version, found.warning_count, found.warning_changed


def edition_of(piece: messages.Piece) -> Edition:
    """The edition `piece` was built from, as its prefetched warnings tell: no query."""
    warnings = piece.article.ordered_warnings
    changed = max((warning.changed_at for warning in warnings), default=None)
    return piece.article.version, len(warnings), changed


def read_again(pieces: dict[int, messages.Piece], keys: list[int], *, public) -> None:
    """Build again, from their rows as they are now, those of the pieces `keys` of `pieces`
    changed since they were built (`public`: their editions now, as `public_editions` gives
    them); no query when none was."""
    if stale := [key for key in keys if public[key] != edition_of(pieces[key])]:
        for article in Article.objects.defer(*SEARCH_FIELDS).with_bylines().filter(pk__in=stale):
            pieces[article.pk] = messages.Piece(article)
