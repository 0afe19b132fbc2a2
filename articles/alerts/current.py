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
    by the database's clock, as every page: an instant alert's run that finds its piece due by
    the app's clock and not yet public by the database's waits for it first
    (`articles.alerts.channel.send_alerts`)."""
    return public_editions([article_id]).get(article_id)


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
