"""Slugs made from headlines, and the rule that a draft's slug follows its headline.

A slug is made from the headline (`unique_slug`), never at another piece's address, present or
former, so a draft never takes over the links readers shared to a published piece. While an
article is unpublished and nobody chose its slug, the slug follows the headline: an editor who
fixes a wrong headline on a draft gets the address to match. It is fixed (`Article.slug_fixed`)
once someone sets it by hand or the article is first published; from then on it changes only by
hand, and a published piece's old address redirects (see `newsroom.former_addresses`).

No model is imported here: the models call `settle` from their `save()`.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify

from newsroom import former_addresses

# Used when a headline has no letter or digit slugify keeps.
FALLBACK = "piece"
_NUMBERED = re.compile(r"^(?P<base>.+)-(?P<number>\d+)$")
# The saves that can change what the slug should be.
SLUG_INPUTS = {"headline", "slug", "status", "slug_fixed"}


def slug_base(text: str, *, max_length: int = 200) -> str:
    return slugify(text)[:max_length].strip("-") or FALLBACK


def _taken(model, slug: str, exclude_pk) -> bool:
    field = model._meta.get_field("slug")
    try:
        field.run_validators(slug)
    except ValidationError:
        return True  # an address the site keeps for itself
    held = Q(slug=slug)
    if any(rel.name == former_addresses.RELATION for rel in model._meta.related_objects):
        # Another piece's former address is taken too: links shared to it redirect there, and
        # a piece made public at it would answer them instead (authors keep none).
        held |= Q(**{f"{former_addresses.RELATION}__old_slug": slug})
    return model._default_manager.filter(held).exclude(pk=exclude_pk).exists()


def unique_slug(text: str, *, model, max_length: int = 200, exclude_pk=None) -> str:
    """A slug made from `text` that no other row of `model` has, nor had while public: "plan",
    else "plan-2", …"""
    base = slug_base(text, max_length=max_length)
    slug, number = base, 2
    while _taken(model, slug, exclude_pk):
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    return slug


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
        elif _taken(model, article.slug, article.pk):
            # Made from the headline (the add form fills it in as the headline is typed) but
            # another piece's address: made again, as any slug following the headline is.
            article.slug = unique_slug(
                article.headline, model=model, max_length=max_length, exclude_pk=article.pk
            )
    if article.status == model.Status.PUBLISHED:
        article.slug_fixed = True
