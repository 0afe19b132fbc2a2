"""Free addresses: a slug no other page of a model has, nor had while public (`unique_slug`),
and a version written back from a page's history kept clear of an address another page has
taken meanwhile (`keep_clear_of_taken_slug`).

Shared by every model with a unique slug (articles, authors, press contacts, site pages). No
model is imported here: the models call these from their saves (articles and site pages, which
do more there) or take `RestoresClearOfTakenSlug`.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import Q
from django.utils.text import slugify

from newsroom import former_addresses, revisions

# Used when a text has no letter or digit slugify keeps.
FALLBACK = "piece"


def slug_base(text: str, *, max_length: int = 200) -> str:
    return slugify(text)[:max_length].strip("-") or FALLBACK


def taken(model: type[models.Model], slug: str, exclude_pk) -> bool:
    """True when a row of `model` but `exclude_pk` has `slug`, or had it while public, or the
    site keeps it for itself."""
    field = model._meta.get_field("slug")
    try:
        field.run_validators(slug)
    except ValidationError:
        return True  # an address the site keeps for itself
    held = Q(slug=slug)
    if any(rel.name == former_addresses.RELATION for rel in model._meta.related_objects):
        # Another page's former address is taken too: links shared to it redirect there, and
        # a page made public at it would answer them instead (press contacts keep none).
        held |= Q(**{f"{former_addresses.RELATION}__old_slug": slug})
    return model._default_manager.filter(held).exclude(pk=exclude_pk).exists()


def unique_slug(text: str, *, model, max_length: int = 200, exclude_pk=None) -> str:
    """A slug made from `text` that no other row of `model` has, nor had while public: "plan",
    else "plan-2", …"""
    base = slug_base(text, max_length=max_length)
    slug, number = base, 2
    while taken(model, slug, exclude_pk):
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    return slug


@contextmanager
def written_back_clear(page: models.Model, notes: dict | None) -> Iterator[None]:
    """Around the raw save of a version an editor restores (`keep_clear_of_taken_slug` done):
    an address another save took since it was found free is `TakenWhileWrittenBack`."""
    try:
        yield
    except IntegrityError as error:
        model = type(page)
        rules = [
            constraint.name
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields == ("slug",)
        ]
        met = str(error)
        if notes is not None and any(name in met for name in rules):
            raise revisions.TakenWhileWrittenBack(str(page)) from error
        raise


def keep_clear_of_taken_slug(page: models.Model, notes: dict, *, using: str | None) -> None:
    """Before the raw save of a version an editor restores (or a deleted page recovered) whose
    slug another row of its model has by now: the row keeps its present slug (a deleted page
    gets a free one), as the database holds one page per address, and the version's is noted
    for the change form (`restored_slug`).

    Written as kept, the version would fail inside django-reversion, which reports only a
    "missing dependency"."""
    model = type(page)
    rows = model._base_manager.using(using)
    if not rows.filter(slug=page.slug).exclude(pk=page.pk).exists():
        return
    notes[(model, page.pk, "slug")] = page.slug
    present = rows.filter(pk=page.pk).values_list("slug", flat=True).first()
    page.slug = present or unique_slug(
        page.slug,
        model=model,
        max_length=model._meta.get_field("slug").max_length,
        exclude_pk=page.pk,
    )


class RestoresClearOfTakenSlug:
    """A model with a unique slug whose versions editors restore: a version written back keeps
    clear of a slug another row has by now (`keep_clear_of_taken_slug`), for the change form to
    show and refuse (`newsroom.admin_base.RestoredSlugAdmin`)."""

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ):
        notes = revisions.restore_notes() if raw else None
        if notes is not None:
            keep_clear_of_taken_slug(self, notes, using=using)
        with written_back_clear(self, notes):
            return super()._save_table(raw, cls, force_insert, force_update, using, update_fields)


def restored_slug(model: type[models.Model], pk) -> str | None:
    """The slug of the version an editor is restoring, when another row of `model` has it by now
    (the row holds another until the form saves it); None otherwise."""
    notes = revisions.restore_notes()
    return None if notes is None else notes.get((model, pk, "slug"))
