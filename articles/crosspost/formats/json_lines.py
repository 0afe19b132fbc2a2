"""JSON Lines: one article a line, as a JSON object of the fields the README lists."""

import json
import sys
from collections.abc import Iterator
from contextlib import suppress

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.crosspost import cleaning
from articles.crosspost.formats.base import (
    BadFile,
    Defaults,
    Entry,
    kind_from,
    start_of_day,
    storable,
)
from articles.crosspost.importing import AuthorDetails, Piece, WarningDetails, text_to_html
from articles.seo.indexing import IndexingPolicy
from newsroom.typed_times import clock_change_problem

JSON_FIELDS = {
    "headline",
    "body",
    "body_text",
    "kind",
    "slug",
    "dek",
    "introduction",
    "introduction_text",
    "author",
    "authors",
    "warning",
    "warnings",
    "origin_url",
    "origin_platform",
    "origin_author",
    "origin_published_on",
    "indexing",
    "published_at",
    "tags",
}


def json_lines_entries(text: str, *, where: str, defaults: Defaults) -> Iterator[Entry]:
    seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        place = f"{where}:{number}"
        try:
            yield Entry(place, piece=piece_from_json(line, defaults=defaults))
        except BadFile as error:
            yield Entry(place, error=str(error))
    if not seen:
        yield Entry(where, error="is empty: a JSON Lines file holds one article per line.")


def _string(record: dict, name: str) -> str:
    value = record.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadFile(f"“{name}” must be text, not {type(value).__name__}.")
    return value.strip()


def _list(record: dict, name: str) -> list:
    value = record.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadFile(f"“{name}” must be a list.")
    return value


def _author(value) -> AuthorDetails:
    if isinstance(value, str) and value.strip():
        return AuthorDetails(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
        return AuthorDetails(
            name=value["name"],
            role=str(value.get("role") or ""),
            organisation=str(value.get("organisation") or ""),
            linkedin_url=str(value.get("linkedin_url") or ""),
        )
    raise BadFile("each author must be a name, or an object with a “name”.")


def _warning(value) -> WarningDetails:
    if isinstance(value, str) and value.strip():
        found = cleaning.read_warning(value)
        return WarningDetails.from_found(found) if found else WarningDetails(value)
    if isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip():
        return WarningDetails(
            text=value["text"],
            kind=str(value.get("kind") or ""),
            subject=str(value.get("subject") or ""),
        )
    raise BadFile("each warning must be its text, or an object with a “text”.")


def _text_problem(value) -> str:
    """What makes text in `value` (a field's, or in its lists and objects) text no database
    column takes, or "": JSON may escape a NUL or half of a surrogate pair, which UTF-8 cannot
    hold, and either would stop the whole import when saved rather than refuse its line."""
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL character (\\u0000), which no text may hold."
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return (
                f"holds half of a character (\\u{ord(value[error.start]):04x}, a surrogate "
                "without its pair): the program that wrote the file split one; write it again "
                "as UTF-8."
            )
        return ""
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return next((problem for item in value if (problem := _text_problem(item))), "")
    return ""


def piece_from_json(line: str, *, defaults: Defaults) -> Piece:
    """One article from one JSON object; the fields are documented in the README."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadFile(f"not valid JSON ({error.msg} at column {error.colno}).") from None
    except RecursionError:
        raise BadFile("not valid JSON (nested deeper than a piece's fields ever are).") from None
    except ValueError:  # an integer longer than Python reads
        digits = sys.get_int_max_str_digits()
        raise BadFile(f"not valid JSON (a number of more than {digits} digits).") from None
    if not isinstance(record, dict):
        raise BadFile('each line must be a JSON object: {"headline": …, "body": …}.')
    unknown = sorted(set(record) - JSON_FIELDS)
    if unknown:
        raise BadFile(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; the fields "
            "are listed in the README."
        )
    for name, value in record.items():
        if problem := _text_problem(value):
            raise BadFile(f"“{name}” {problem}")
    headline = _string(record, "headline")
    if not headline:
        raise BadFile("“headline” is missing.")
    body = _string(record, "body") or text_to_html(_string(record, "body_text"))
    if not body:
        raise BadFile("“body” (HTML) or “body_text” (plain text) is missing.")

    authors = [_author(value) for value in _list(record, "authors")]
    if record.get("author"):
        authors.insert(0, _author(record["author"]))
    if not authors and defaults.author:
        authors = [AuthorDetails(defaults.author)]
    if not authors:
        raise BadFile("“authors” is missing; give one, or pass --author NAME.")

    warnings = [_warning(value) for value in _list(record, "warnings")]
    if record.get("warning"):
        warnings.insert(0, _warning(record["warning"]))

    indexing = _string(record, "indexing")
    if indexing and indexing not in IndexingPolicy.values:
        raise BadFile(f"“indexing” must be one of {', '.join(IndexingPolicy.values)}.")

    origin_published_on = None
    if raw_date := _string(record, "origin_published_on"):
        wanted = "“origin_published_on” must be a date: YYYY-MM-DD"
        try:
            origin_published_on = parse_date(raw_date) if len(raw_date) == 10 else None
        except ValueError as error:  # laid out as one, but no calendar has it
            raise BadFile(f"{wanted}; {raw_date} is not a day ({error}).") from None
        if origin_published_on is None:
            raise BadFile(f"{wanted}.")
    published_at = None
    if raw_time := _string(record, "published_at"):
        with suppress(ValueError):  # a date alone is its day, not its midnight (may be skipped)
            day = parse_date(raw_time) if len(raw_time) == 10 else None
            at = start_of_day(day, where="“published_at”: ") if day else None
            published_at = at or parse_datetime(raw_time)
        if published_at is None:
            raise BadFile("“published_at” must be a date and time: YYYY-MM-DDTHH:MM:SS+00:00.")
        if timezone.is_naive(published_at):
            if problem := clock_change_problem(published_at, timezone.get_current_timezone()):
                raise BadFile(f"“published_at”: {problem} Or give its offset from UTC (+00:00).")
            published_at = timezone.make_aware(published_at)
        published_at = storable(published_at, where="“published_at”: ")

    tags = _list(record, "tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise BadFile("“tags” must be a list of names.")
    introduction = _string(record, "introduction") or text_to_html(
        _string(record, "introduction_text")
    )
    kind = kind_from(record["kind"]) if record.get("kind") else defaults.kind
    return Piece(
        headline=headline,
        body=body,
        kind=kind,
        slug=_string(record, "slug"),
        dek=_string(record, "dek"),
        introduction=introduction,
        authors=authors,
        warnings=warnings,
        origin_url=_string(record, "origin_url"),
        origin_platform=_string(record, "origin_platform"),
        origin_author=_string(record, "origin_author"),
        origin_published_on=origin_published_on,
        indexing=indexing,
        published_at=published_at,
        tags=[tag.strip() for tag in tags if tag.strip()],
    )
