"""Pagination that costs the same on page 1 and page 8,000 of a large archive.

The count is kept until the listing changes, not taken on every request, and in two parts: the
pieces of the current month and those before it, each retired only by a change to a piece in it
(see `articles.cache_tags.period_tag`). Publishing today recounts today's month, not an archive
of a hundred thousand pieces. Deep pages are found by
position rather than by `OFFSET`: the last row of every page is noted once per change of the
listing, and a deep page then starts right after its predecessor's last row through the
listing's index. With nothing kept, a deep page's one bound is read by position over the
listing's index instead, from its nearer end: noting them all would serve that request alone. A
listing of a fixed shape (`CompiledPages`) finds both by queries compiled once, like its first
pages.
"""

import hashlib
from typing import Protocol

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, Q, Window
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone
from django.utils.functional import cached_property

from articles.cache_tags import ARCHIVE, month_of, month_start, period_tag
from newsroom import pagecache

# Up to this page OFFSET is cheaper than noting every page's boundary.
OFFSET_PAGES = 10
BOUNDS_PER_BLOCK = 500


class CompiledPages(Protocol):
    """A listing's count and the rows between two positions, by queries compiled once; and
    both at once, the count None where there are no rows."""

    def count(self) -> int: ...

    def rows(self, low: int, high: int) -> list: ...

    def counted_rows(self, low: int, high: int) -> tuple[list, int | None]: ...

    def key_from_end(self, position: int) -> tuple:
        """(published_at, pk) of the row `position` rows before the listing's end."""
        ...

    def key_from_start(self, position: int) -> tuple:
        """(published_at, pk) of the row `position` rows after the listing's start."""
        ...

    def rows_after(self, key: int, count: int) -> list:
        """The `count` rows listed after the row whose primary key is `key`."""
        ...


class ArchivePaginator(Paginator):
    """A paginator for querysets ordered newest first by (`published_at`, `pk`).

    `name` identifies the listing (its filters) for the cache; without one, the SQL does. `tags`
    say what decides its rows (page-cache tags, see `articles.caching`). A listing in another
    order (search results by rank) passes `by_time=False`: its count is still kept, but its
    pages are found by OFFSET. `compiled`, when the listing has a fixed shape, counts it and
    finds its pages, the first by OFFSET and the deep ones after a row, without compiling the
    queryset; only the bounds of pages far from the listing's end are noted from it.
    """

    def __init__(
        self,
        *args,
        name: str = "",
        tags: list[str],
        by_time: bool = True,
        compiled: CompiledPages | None = None,
        **kwargs,
    ):
        self.compiled = compiled
        super().__init__(*args, **kwargs)
        self.name = name
        self.tags = tags
        self.by_time = by_time

    def _check_object_list_is_ordered(self):
        if self.compiled is None:  # compiled pages are ordered by construction
            super()._check_object_list_is_ordered()

    @cached_property
    def query_name(self) -> str:
        if self.name:
            described = self.name
        else:
            sql, params = self.object_list.query.sql_with_params()
            described = f"{sql}|{params!r}"
        digest = hashlib.blake2b(described.encode(), digest_size=16).hexdigest()
        return f"listing:{digest}:{self.per_page}"

    @cached_property
    def count(self) -> int:
        try:
            name = self.query_name
        except EmptyResultSet:
            return 0
        if self.by_time and pagecache.keeping():
            return sum(self.count_parts(name).values())
        counted = self.compiled.count if self.compiled else self.object_list.count
        return pagecache.remember(f"{name}:count", counted, tags=self.tags)

    def count_parts(self, name: str) -> dict[str, int]:
        """The listing's count in its two parts, the current month and the archive before it,
        each kept until a piece in it changes (one query for whichever are missing)."""
        start = month_start(timezone.now())
        month = month_of(start)
        parts = {f"{name}:count:{month}": month, f"{name}:count:before:{month}": ARCHIVE}

        def count(missing: list[str]) -> dict[str, int]:
            rows = self.object_list.order_by()
            if len(missing) == 1:
                recent = parts[missing[0]] == month
                narrowed = rows.filter(
                    **({"published_at__gte": start} if recent else {"published_at__lt": start})
                )
                return {missing[0]: narrowed.count()}
            found = rows.aggregate(
                recent=Count("pk", filter=Q(published_at__gte=start)),
                before=Count("pk", filter=Q(published_at__lt=start)),
            )
            return {part: found["recent" if parts[part] == month else "before"] for part in missing}

        return pagecache.remember_many(
            list(parts),
            count,
            tags=lambda part: [period_tag(tag, parts[part]) for tag in self.tags],
        )

    def page(self, number):
        if self.compiled is not None and "count" not in self.__dict__ and not pagecache.keeping():
            counted = self.counted_page(number)
            if counted is not None:
                return counted
        number = self.validate_number(number)
        if number <= OFFSET_PAGES and self.compiled is not None:
            bottom = (number - 1) * self.per_page
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return self._get_page(self.compiled.rows(bottom, top), number, self)
        if number <= OFFSET_PAGES or not self.by_time:
            return super().page(number)
        published_at, pk = self.bound(number - 1)
        if self.compiled is not None:
            return self._get_page(self.compiled.rows_after(pk, self.per_page), number, self)
        # The first condition bounds the index range; the second breaks ties at its edge.
        rows = self.object_list.filter(published_at__lte=published_at).filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
        )[: self.per_page]
        return self._get_page(rows, number, self)

    def counted_page(self, number) -> Page | None:
        """With nothing kept, one of the first pages and the listing's count in one query (see
        `CompiledPages.counted_rows`); None when no rows came, and the count decides alone."""
        if not isinstance(number, int) or not 1 <= number <= OFFSET_PAGES:
            return None
        bottom = (number - 1) * self.per_page
        rows, count = self.compiled.counted_rows(bottom, bottom + self.per_page + self.orphans)
        if count is None:
            return None
        self.count = count
        number = self.validate_number(number)  # a page of orphans only is past the end
        top = bottom + self.per_page
        if top + self.orphans >= count:
            top = count
        return self._get_page(rows[: top - bottom], number, self)

    def bound(self, number: int) -> tuple:
        """(published_at, pk) of the last row of page `number`.

        The bounds of all pages are noted in one query per change of the listing and kept in
        blocks, so a request reads a few hundred of them, not thousands. A bound within a block
        of the listing's end is found from that end instead, walking the index backwards a few
        rows: the last pages, the deep pages readers reach most, then cost as little after a
        change as the first ones, however long the archive. With nothing kept, the one bound
        is read alone, from whichever end of the listing is nearer.
        """
        after = self.count - number * self.per_page  # rows listed after the bound
        if not pagecache.keeping():
            # Walking the index's keys to the one bound reads no row and sorts nothing.
            before = number * self.per_page - 1
            return self.key_from_end(after) if after <= before else self.key_from_start(before)
        if 0 <= after < BOUNDS_PER_BLOCK * self.per_page:
            return pagecache.remember(
                f"{self.query_name}:bound:{number}",
                lambda: self.key_from_end(after),
                tags=self.tags,
            )
        block = (number - 1) // BOUNDS_PER_BLOCK
        name = f"{self.query_name}:bounds:{{}}"
        found = pagecache.remember_many(
            [name.format(block)], lambda _: self.note_bounds(name), tags=lambda _: self.tags
        )
        return found[name.format(block)][(number - 1) % BOUNDS_PER_BLOCK]

    def key_from_end(self, position: int) -> tuple:
        if self.compiled is not None:
            return self.compiled.key_from_end(position)
        ascending = self.object_list.order_by("published_at", "pk")
        return tuple(ascending.values_list("published_at", "pk")[position])

    def key_from_start(self, position: int) -> tuple:
        if self.compiled is not None:
            return self.compiled.key_from_start(position)
        descending = self.object_list.order_by("-published_at", "-pk")
        return tuple(descending.values_list("published_at", "pk")[position])

    def note_bounds(self, name: str) -> dict[str, list[tuple]]:
        newest_first = [F("published_at").desc(), F("pk").desc()]
        # Ordered as the window is, which the listing's index gives unsorted (ordering by the
        # position had PostgreSQL sort the whole listing again, on disk at 100,000 pieces), and
        # the step an integer, not compared as a decimal on every row.
        rows = list(
            self.object_list.order_by()
            .annotate(position=Window(RowNumber(), order_by=newest_first))
            .annotate(step=Mod(F("position"), self.per_page, output_field=IntegerField()))
            .filter(step=0)
            .order_by(*newest_first)
            .values_list("published_at", "pk")
        )
        return {
            name.format(start // BOUNDS_PER_BLOCK): rows[start : start + BOUNDS_PER_BLOCK]
            for start in range(0, max(len(rows), 1), BOUNDS_PER_BLOCK)
        }
