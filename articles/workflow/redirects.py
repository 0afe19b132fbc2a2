"""Former addresses of published articles: every old URL keeps working after a slug change
(`newsroom.former_addresses`, whose rules site pages share), and after the piece is deleted
and recovered (`bring_back`)."""

from datetime import datetime


def bring_back(*, article, former: list[dict], using: str | None = None) -> None:
    """After a deleted `article` is written back: the former addresses it had when it was
    deleted (`versions.keep_deleted`), under their keys and with when each was left, as
    `former_addresses` would have kept them: none at its own address, nor at one another
    article lives at or used to have by now, which stays that article's.

    The same keys each time the piece is written back: the recover page, which lists them, is
    written back again when its form is saved (PostgreSQL never hands out a key twice)."""
    redirects = article.slug_redirects.model._base_manager.using(using)
    model = type(article)._base_manager.using(using)
    for address in former:
        slug = address["slug"]
        taken = model.filter(slug=slug).exists() or redirects.filter(old_slug=slug).exists()
        if slug == article.slug or taken:
            continue
        pk = address.get("id")
        if pk is not None and redirects.filter(pk=pk).exists():
            pk = None  # its key given to another row since (SQLite reuses the highest)
        kept = redirects.create(pk=pk, old_slug=slug, article=article)
        # `created_at` is set on insert; the address was left when it was.
        left = datetime.fromisoformat(address["created_at"])
        redirects.filter(pk=kept.pk).update(created_at=left)
