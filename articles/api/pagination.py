"""Cursor pages: each page a fixed number of rows read from the ordering's index, however deep
into the archive it is, with `next` and `previous` links that stay right while pieces are
published (offsets would skip or repeat them)."""

import re
from base64 import b64decode, b64encode
from datetime import UTC, datetime
from typing import NamedTuple
from urllib import parse

from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.utils.urls import replace_query_param

from articles.api import parameters
from articles.api.parameters import CURSOR_MESSAGE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from articles.views.mixins import listed_after, listed_before

_SLUG = re.compile(r"[-\w]{1,120}")
# An article's key, within the range of the database's big integers.
_KEY = re.compile(r"[0-9]{1,18}")


class PublicCursorPagination(CursorPagination):
    """Django REST framework's cursor pagination, answering 400 (naming the parameter) for a
    page size out of bounds or a cursor it did not make, where it would answer 404 or ignore
    them."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # Django REST framework steps over rows sharing a position by an offset: no more than this
    # many, in the cursors of the former form that `NewestFirst` still reads.
    offset_cutoff = 1000
    template = None

    def get_page_size(self, request) -> int:
        return parameters.read(request, ["page_size"]).get("page_size", self.page_size)

    def decode_cursor(self, request) -> Cursor | None:
        encoded = parameters.read(request, ["cursor"]).get("cursor")
        if encoded is None:
            return None
        try:
            tokens = parse.parse_qs(
                b64decode(encoded.encode("ascii"), validate=True).decode("ascii"),
                keep_blank_values=True,
                strict_parsing=True,
            )
            offset = int(tokens.get("o", ["0"])[0])
            reverse = tokens.get("r", ["0"])[0]
            if not 0 <= offset <= self.offset_cutoff or reverse not in ("0", "1"):
                raise ValueError
            position = self.read_position(tokens)
        except (TypeError, ValueError):
            raise ValidationError({"cursor": [CURSOR_MESSAGE]}) from None
        return Cursor(offset=offset, reverse=reverse == "1", position=position)

    def read_position(self, tokens: dict[str, list[str]]):
        """The position a cursor's decoded tokens give, or None; ValueError for one this list
        does not make."""
        position = tokens.get("p", [None])[0]
        if position is not None and not self.is_position(position):
            raise ValueError
        return position

    def is_position(self, position: str) -> bool:
        """Whether `position` is a value of the ordering's first field, as cursors record it."""
        raise NotImplementedError

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The following page; null on the last."},
                "previous": {**link, "description": "The page before; null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": "cursor",
                "required": False,
                "in": "query",
                "description": "Where the page starts: the `next` or `previous` link of another "
                "page carries it. Not given: the first page.",
                "schema": {"type": "string", "maxLength": parameters.MAX_CURSOR_CHARS},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Items per page, 1 to {MAX_PAGE_SIZE}.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
        ]


class Position(NamedTuple):
    """A piece of the articles' list, where a page ends: its publication time and its key.
    A cursor of the former form, from before cursors named a piece, gives the time alone."""

    when: datetime
    key: int | None


class NewestFirst(PublicCursorPagination):
    """Articles as the news index lists them: newest first, by publication time then key.

    A cursor names the piece a page ends with (`p`, its time, and `k`, its key) and the next
    page starts right after it, the previous one right before it, through the listing's
    index. Django REST framework's cursor holds the first field alone and steps over the
    pieces sharing it by an offset, which a piece published meanwhile shifts: pieces run at
    the same moment (those scheduled for the same minute) were repeated or skipped.

    Cursors of that form, which kept pages and clients may still hold, are read as they were
    made, offset included, so a walk begun before the change goes on without a gap; the
    links of the page they give are of the new form, without offsets.
    """

    ordering = ("-published_at", "-id")

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.cursor = self.decode_cursor(request)
        offset, reverse, position = self.cursor or Cursor(offset=0, reverse=False, position=None)
        if position is not None:
            queryset = queryset.filter(self.beyond(position, reverse=reverse))
        ordering = ("published_at", "id") if reverse else self.ordering
        # One row more than the page says whether there is a page beyond it.
        rows = list(queryset.order_by(*ordering)[offset : offset + self.page_size + 1])
        self.page = rows[: self.page_size]
        beyond = len(rows) > self.page_size
        # The way the cursor came holds the pages already seen.
        came = position is not None or offset > 0
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = came, beyond
        else:
            self.has_next, self.has_previous = beyond, came
        return self.page

    @staticmethod
    def beyond(position: Position, *, reverse: bool):
        """The rows after `position` in the list, or before it going back; all of its moment
        is behind a cursor of the former form."""
        when, key = position
        if key is None:
            return Q(published_at__gt=when) if reverse else Q(published_at__lt=when)
        return listed_before(key, when) if reverse else listed_after(key, when)

    def get_next_link(self) -> str | None:
        return self.link(self.page[-1] if self.page else None, reverse=False, given=self.has_next)

    def get_previous_link(self) -> str | None:
        return self.link(self.page[0] if self.page else None, reverse=True, given=self.has_previous)

    def link(self, row, *, reverse: bool, given: bool) -> str | None:
        """The link to the page beyond `row`; beyond the cursor's own position on an empty
        page."""
        if not given:
            return None
        position = self.cursor.position if row is None else Position(row.published_at, row.pk)
        if position is None:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=reverse, position=position))

    def encode_cursor(self, cursor: Cursor) -> str:
        when, key = cursor.position
        tokens = {"p": when.isoformat()}
        if key is not None:
            tokens["k"] = str(key)
        if cursor.reverse:
            tokens["r"] = "1"
        encoded = b64encode(parse.urlencode(tokens).encode("ascii")).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def read_position(self, tokens: dict[str, list[str]]) -> Position | None:
        when = super().read_position(tokens)
        key = tokens.get("k", [None])[0]
        if key is None:
            return None if when is None else Position(in_utc(when), None)
        # A key comes with a time, and a cursor naming a piece needs no offset.
        if when is None or "o" in tokens or not _KEY.fullmatch(key):
            raise ValueError
        return Position(in_utc(when), int(key))

    def is_position(self, position: str) -> bool:
        """An ISO date and time with an offset, as cursors record `published_at`, that is still
        one once in UTC.

        Not `parameters.parse_moment`: the position is read as `fromisoformat` reads it (and
        filtered on `in_utc`), while that parser reads dates and naive times too.
        """
        try:
            moment = datetime.fromisoformat(position)
            if moment.tzinfo is None:
                return False
            # Out of range once in UTC (year 1 with a positive offset): SQLite would overflow.
            moment.astimezone(UTC)
        except (ValueError, OverflowError):
            return False
        return True


def in_utc(position: str) -> datetime:
    """The moment a cursor's position names, in UTC: the same moment, in the one offset every
    database takes (PostgreSQL refuses one with seconds, or of 16 hours or more, that Python
    reads)."""
    return datetime.fromisoformat(position).astimezone(UTC)


class ByKey(PublicCursorPagination):
    """Authors and topics in the order they were added: by key, which nothing changes.

    A cursor names the key a page ends with (`k`). Ordered by slug, as the lists were, an
    author or topic given a new slug while a client walked the list moved across the page it
    was on: listed again, or never. Cursors of that form (`p`, a slug), which kept pages and
    clients may still hold, are read as they were made: their walk goes on in the order of
    slugs, its links of that form, to its end.
    """

    ordering = ("id",)
    former_ordering = ("slug",)

    def read_position(self, tokens: dict[str, list[str]]) -> str | None:
        key = tokens.get("k", [None])[0]
        if key is None:
            position = super().read_position(tokens)
            if position is not None:
                self.ordering = self.former_ordering
            return position
        # A key comes alone: each names one row, with nothing to step over.
        if "p" in tokens or "o" in tokens or not _KEY.fullmatch(key):
            raise ValueError
        return key

    def is_position(self, position: str) -> bool:
        """A slug, as cursors of the former form recorded it."""
        return bool(_SLUG.fullmatch(position))

    def encode_cursor(self, cursor: Cursor) -> str:
        if self.ordering == self.former_ordering or cursor.position is None:
            return super().encode_cursor(cursor)
        tokens = {"k": cursor.position}
        if cursor.reverse:
            tokens["r"] = "1"
        encoded = b64encode(parse.urlencode(tokens).encode("ascii")).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)
