"""Slugs made from headlines, and the rule that a draft's slug follows its headline.

A slug is made from the headline (`newsroom.free_addresses.unique_slug`), never at another
piece's address, present or former, so a draft never takes over the links readers shared to a
published piece. While an
article is unpublished and nobody chose its slug, the slug follows the headline: an editor who
fixes a wrong headline on a draft gets the address to match. It is fixed (`Article.slug_fixed`)
once someone sets it by hand or the article is first published; from then on it changes only by
hand, and a published piece's old address redirects (see `newsroom.former_addresses`).

No model is imported here: the models call `settle` from their `save()`.
"""

import re

from newsroom.free_addresses import slug_base, taken, unique_slug

_NUMBERED = re.compile(r"^(?P<base>.+)-(?P<number>\d+)$")
# The saves that can change what the slug should be.
SLUG_INPUTS = {"headline", "slug", "status", "slug_fixed"}


def is_made_from(slug: str, headline: str, *, max_length: int = 200) -> bool:
    """True when `slug` is what `unique_slug` makes of `headline` (numbered or not)."""
    base = slug_base(headline, max_length=max_length)
    if slug == base:
        return True
    numbered = _NUMBERED.match(slug)
    if not numbered:
        return False
    suffix = f"-{numbered['number']}"
    return numbered["base"] == base[: max_length - len(suffix)].rstrip("-")


def settle(article) -> None:
    """Before `article` is saved: make its slug follow its headline, or fix it.

    A slug that is not made from the headline was chosen by someone, when it is new or changed
    since the article was loaded: it is fixed. An unchanged one on an unfixed article is made
    again from the (changed) headline. Publishing fixes the slug as it then is.
    """
    model = type(article)
    max_length = model._meta.get_field("slug").max_length
    if not article.slug_fixed:
        loaded = getattr(article, "saved_state", {}).get("slug", article.slug)
        chosen = article._state.adding or article.slug != loaded
        if not article.slug:
            article.slug = unique_slug(
                article.headline, model=model, max_length=max_length, exclude_pk=article.pk
            )
        elif not is_made_from(article.slug, article.headline, max_length=max_length):
            if chosen:
                article.slug_fixed = True
            else:
                article.slug = unique_slug(
                    article.headline, model=model, max_length=max_length, exclude_pk=article.pk
                )
        elif taken(model, article.slug, article.pk):
            # Made from the headline (the add form fills it in as the headline is typed) but
            # another piece's address: made again, as any slug following the headline is.
            article.slug = unique_slug(
                article.headline, model=model, max_length=max_length, exclude_pk=article.pk
            )
    if article.status == model.Status.PUBLISHED:
        article.slug_fixed = True
