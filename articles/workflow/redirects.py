"""Former addresses of published articles: every old URL keeps working after a slug change,
and after the piece is deleted and recovered."""

from datetime import datetime


def follow_slug_change(*, article, old_slug: str, was_public: bool) -> None:
    """Record `old_slug` as a former address of `article` when readers have seen it there, even
    if the piece is not public now.

    Drafts and scheduled pieces were never public, so their old slugs need no redirect. The new
    slug is dropped from the article's own former addresses, so changing a slug back cannot make
    a loop; another piece's former address stays with it, as readers' links to that piece do,
    even after this piece, given it by hand, ran there and moves on. Earlier former addresses
    keep pointing at the article, wherever it now lives.

    An address another article has now is left alone: a recovered piece (or a restored
    version) whose address was taken meanwhile moves on from it without claiming it, so readers
    there see that article, and follow it if it moves.
    """
    redirects = article.slug_redirects.model.objects
    if old_slug == article.slug:
        return
    redirects.filter(article=article, old_slug=article.slug).delete()
    held = type(article)._base_manager.filter(slug=old_slug).exclude(pk=article.pk)
    if was_public and not held.exists():
        # Never re-pointed: a row there already is this piece's or another's history.
        redirects.get_or_create(old_slug=old_slug, defaults={"article": article})


def bring_back(*, article, former: list[dict], using: str | None = None) -> None:
    """After a deleted `article` is written back: the former addresses it had when it was
    deleted (`versions.keep_deleted`), under their keys and with when each was left, as
    `follow_slug_change` would have kept them: none at its own address, nor at one another
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


def find_redirect(*, slug: str, public_articles):
    """The public article that used to live at `slug`, or None."""
    return public_articles.filter(slug_redirects__old_slug=slug).only("slug").first()
