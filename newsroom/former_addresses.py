"""Former addresses: the address a public page had before its slug changed keeps working, a 301
to where it lives now, through any number of changes.

Shared by every model with such addresses (articles, site pages, authors, topics), each keeping
them as rows of its own model (a `FormerAddress`): a unique `old_slug` and a foreign key to the
page with `related_name=RELATION`. The rules are one: a page that was never public leaves no former
address; changing a slug back drops the former address it returns to, so nothing loops; a
former address stays with the page it was first left by, even once another page given it by
hand moves on from it; an address another page lives at is never kept as a former address.
An article or site page deleted keeps them with its deletion record (`at_deletion`);
recovered, it has back those nobody took meanwhile (`bring_back`). An author's or a topic's
go with it: only an author no piece credits can be deleted, a topic deleted leaves every
piece, and either page had answered 404 since. Topics merged into one leave it their
addresses (`follow_merge`). A view at such a slug (an author's or a
topic's page and feeds) answers its former addresses through `redirecting`.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect

from newsroom import addresses, pagecache, revisions
from newsroom.rows import RowModel

# The reverse relation from a page to its former addresses.
RELATION = "slug_redirects"


class FormerAddress(RowModel):
    """The rows of one model's former addresses: each model gives them its `old_slug` (as long
    as its pages' slugs) and its foreign key to the page, `related_name=RELATION`."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        verbose_name = "former address"
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="%(class)s_unique_old_slug"),
            models.CheckConstraint(condition=~Q(old_slug=""), name="%(class)s_slug_not_empty"),
        ]


def rows_of(model: type[models.Model]) -> tuple[type[models.Model], str]:
    """The model keeping `model`'s former addresses, and the name of its key to `model`."""
    relation = model._meta.get_field(RELATION)
    return relation.related_model, relation.field.name


# The restore notes' key, beside a page's model and key, for the page as it was before an
# editor's restore wrote a version over it: its form saves it next, compared with that.
BEFORE_RESTORE = "before restore"


def note_before_restore(page: models.Model, notes: dict, before: dict) -> None:
    """In a raw save of `page` by an editor's restore: keep `before`, the row as it was, for
    `stored_before_save` when the restore's form saves the page."""
    notes.setdefault((type(page), page.pk, BEFORE_RESTORE), before)


def stored_before_save(
    page: models.Model, fields: list[str], *, update_fields, using: str | None
) -> dict | None:
    """Before `page` is saved over its row: the row's `fields` as they were before an editor's
    restore (`note_before_restore`), else as stored; None for a new page, or a save leaving
    its slug alone."""
    if page._state.adding or (update_fields is not None and "slug" not in update_fields):
        return None
    notes = revisions.restore_notes() or {}
    stored = notes.pop((type(page), page.pk, BEFORE_RESTORE), None)
    if stored is None:
        rows = type(page)._base_manager.using(using or page._state.db)
        stored = rows.filter(pk=page.pk).values(*fields).first()
    return stored


def follow_slug_change(page: models.Model, *, old_slug: str, was_public: bool) -> None:
    """After `page` is saved: keep `old_slug` as a former address of it when readers have seen
    it there, even if it is not public now.

    An address another page has now is left alone: a page restored or recovered whose address
    was taken meanwhile moves on from it without claiming it, so readers there see that page.
    """
    if old_slug == page.slug:
        return
    rows, key = rows_of(type(page))
    redirects = rows._default_manager
    redirects.filter(**{key: page, "old_slug": page.slug}).delete()
    held = type(page)._base_manager.filter(slug=old_slug).exclude(pk=page.pk)
    if was_public and not held.exists():
        # Never re-pointed: a row there already is this page's or another's history.
        redirects.get_or_create(old_slug=old_slug, defaults={key: page})


def follow_merge(page: models.Model, *, merged: dict[models.Model, bool]) -> bool:
    """Before the pages `merged` (each with whether readers have seen it) are deleted, merged
    into `page`: their former addresses become `page`'s, and so does each one's slug, as if it
    had moved to `page`'s, under the rules of `follow_slug_change`. Whether `page` has an
    address it had not (where a 404 may have been kept)."""
    rows, key = rows_of(type(page))
    redirects = rows._default_manager
    theirs = redirects.filter(**{f"{key}__in": [other.pk for other in merged]})
    # One at `page`'s own slug would answer nothing: `page` lives there.
    gained = theirs.exclude(old_slug=page.slug).update(**{key: page}) > 0
    for other, was_public in merged.items():
        if was_public:
            # Never re-pointed: a row there already is this page's or another's history.
            gained |= redirects.get_or_create(old_slug=other.slug, defaults={key: page})[1]
    return gained


def find_redirect(*, slug: str, public: models.QuerySet):
    """Where a reader asking for `slug`, at which no page of the queryset `public` lives, is
    sent (301): the public page that used to live there; else, for an address typed with
    capitals, the one at its lower-case slug or that used to be, as slugs are made in lower
    case (a capitalised author's or topic's address is theirs too: `articles.filters`). None
    when there is none."""
    found = public.filter(**{f"{RELATION}__old_slug": slug}).only("slug").first()
    if found is None and slug != (lower := slug.lower()):
        found = public.filter(slug=lower).only("slug").first() or find_redirect(
            slug=lower, public=public
        )
    return found


def moved(request, location: str, *, unread: Iterable[str] = ()) -> HttpResponsePermanentRedirect:
    """The 301 from a former address to `location`, carrying the query the reader came with (a
    campaign's `utm_source`, say) but for the parameters in `unread`, which the page there takes
    no notice of. The redirect is kept by no cache (`newsroom.pagecache.reader_page`)."""
    query = pagecache.query_as_asked(request).copy()
    for name in unread:
        query.pop(name, None)
    return HttpResponsePermanentRedirect(f"{location}?{query.urlencode()}" if query else location)


def redirecting(view: Callable, *, finds: Callable[[str], models.Model | None]) -> Callable:
    """`view`, at a URL naming a page by its `slug`: where it finds nothing there (404), a 301
    to the same URL at the slug of the page `finds(slug)` finds (`find_redirect`), the query
    carried on as `moved` carries it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            found = finds(kwargs["slug"])
            if found is None:
                raise
            name = request.resolver_match.view_name
            return moved(request, addresses.address(name, found.slug))

    return wrapped


def at_deletion(page: models.Model, *, using: str) -> list[dict]:
    """The former addresses of `page`, about to be deleted with it, as its deletion record
    keeps them for `bring_back`: oldest first, each with its key and when it was left."""
    rows, key = rows_of(type(page))
    left = rows._base_manager.using(using).filter(**{key: page}).order_by("created_at", "pk")
    return [
        {"id": pk, "slug": slug, "created_at": created_at.isoformat()}
        for pk, slug, created_at in left.values_list("pk", "old_slug", "created_at")
    ]


def bring_back(page: models.Model, *, former: list[dict], using: str | None = None) -> None:
    """After a deleted `page` is written back: the former addresses it had when it was deleted
    (`at_deletion`), under their keys and with when each was left, as `follow_slug_change`
    would have kept them: none at its own address, nor at one another page of its model lives
    at or used to have by now, which stays that page's.

    The same keys each time the page is written back: the recover page, which lists them, is
    written back again when its form is saved (PostgreSQL never hands out a key twice)."""
    rows, key = rows_of(type(page))
    redirects = rows._base_manager.using(using)
    pages = type(page)._base_manager.using(using)
    for address in former:
        slug = address["slug"]
        taken = pages.filter(slug=slug).exists() or redirects.filter(old_slug=slug).exists()
        if slug == page.slug or taken:
            continue
        pk = address.get("id")
        if pk is not None and redirects.filter(pk=pk).exists():
            pk = None  # its key given to another row since (SQLite reuses the highest)
        kept = redirects.create(pk=pk, old_slug=slug, **{key: page})
        # `created_at` is set on insert; the address was left when it was.
        left = datetime.fromisoformat(address["created_at"])
        redirects.filter(pk=kept.pk).update(created_at=left)
