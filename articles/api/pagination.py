"""Cursor pages: each page a fixed number of rows read from the ordering's index, however deep
into the archive it is, with `next` and `previous` links that stay right while pieces are
published (offsets would skip or repeat them)."""

import re
from base64 import b64decode
from datetime import UTC, datetime
from urllib import parse

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination

from articles.api import parameters
from articles.api.parameters import CURSOR_MESSAGE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

_SLUG = re.compile(r"[-\w]{1,120}")


class PublicCursorPagination(CursorPagination):
    """Django REST framework's cursor pagination, answering 400 (naming the parameter) for a
    page size out of bounds or a cursor it did not make, where it would answer 404 or ignore
    them."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # Rows with the same position are stepped over by an offset; no more than this many.
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
            position = tokens.get("p", [None])[0]
            if not 0 <= offset <= self.offset_cutoff or reverse not in ("0", "1"):
                raise ValueError
            if position is not None and not self.is_position(position):
                raise ValueError
        except (TypeError, ValueError):
            raise ValidationError({"cursor": [CURSOR_MESSAGE]}) from None
        return Cursor(offset=offset, reverse=reverse == "1", position=position)

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


class NewestFirst(PublicCursorPagination):
    """Articles as the news index lists them: newest first."""

    ordering = ("-published_at", "-id")

    def is_position(self, position: str) -> bool:
        """An ISO date and time with an offset, as cursors record `published_at`, that is still
        one once in UTC.

        Not `parameters.parse_moment`: the position is filtered on as written, which Django
        reads as `fromisoformat` does, while that parser reads dates and naive times too.
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


class BySlug(PublicCursorPagination):
    """Authors and topics in the order of their slugs, which are unique and rarely change."""

    ordering = ("slug",)

    def is_position(self, position: str) -> bool:
        return bool(_SLUG.fullmatch(position))
