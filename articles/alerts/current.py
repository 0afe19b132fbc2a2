"""What each message asks again just before it goes, a run taking a while: which of its pieces
are public now, and whether each was saved since its text was built (then it is built again).
"""

from articles.alerts import messages
from articles.models import SEARCH_FIELDS, Article


def public_versions(keys) -> dict[int, int]:
    """Of the pieces `keys`, those public now, each with its `version` (which every save
    counts): one query."""
    return dict(Article.objects.published().filter(pk__in=list(keys)).values_list("pk", "version"))


def public_version(article_id: int) -> int | None:
    """The `version` of piece `article_id` if it is public now, None if not: one query. Public
    by the clock the outbox reads, as `articles.alerts.sending.prepare_event` asks."""
    article = Article.objects.only("status", "published_at", "version").filter(pk=article_id)
    found = article.first()
    return found.version if found is not None and found.is_published else None


def read_again(pieces: dict[int, messages.Piece], keys: list[int], *, public) -> None:
    """Build again, from their rows as they are now, those of the pieces `keys` of `pieces`
    saved since they were built (`public`: their versions now, as `public_versions` gives
    them); no query when none was."""
    if stale := [key for key in keys if public[key] != pieces[key].article.version]:
        for article in Article.objects.defer(*SEARCH_FIELDS).with_bylines().filter(pk__in=stale):
            pieces[article.pk] = messages.Piece(article)
