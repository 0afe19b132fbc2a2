"""Former addresses of published articles: every old URL keeps working after a slug change."""


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


def find_redirect(*, slug: str, public_articles):
    """The public article that used to live at `slug`, or None."""
    return public_articles.filter(slug_redirects__old_slug=slug).only("slug").first()
