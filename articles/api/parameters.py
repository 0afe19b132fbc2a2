"""The API's query parameters: each read by one parser, which gives its value or says what is
wrong with it.

`read(request, names)` parses the named parameters of a request (an empty one is not given)
and answers 400 with every mistake by name, `{"page_size": ["…"]}`, before any query runs;
parameters the API does not read are ignored. The page cache keys the API's answers by the same
parsers (`vary_on_parameters`): one spelling of a value is one kept answer, and a value the API
refuses is left as it is, to be refused. A list asked for with a cursor or `updated_since` is
made afresh each time (`UNBOUNDED`): each takes countless values, and an answer kept for every
one typed would fill the cache.
"""

import math
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from django.http import HttpRequest
from rest_framework.exceptions import ValidationError

from articles.models import ArticleKind
from newsroom import pagecache

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The longest cursor a list makes, in base64: the topics' list ending a page on a slug of 100
# letters of four UTF-8 bytes each, percent-encoded (`%F0%A0%80%80`), with Django REST
# framework's offset and direction.
MAX_CURSOR_CHARS = 4 * math.ceil(len("o=1000&p=" + "%F0%A0%80%80" * 100 + "&r=1") / 3)

# As the pages' addresses take them: topics in any alphabet, authors in ASCII.
_TOPIC_SLUG = re.compile(r"[-\w]{1,100}")
_AUTHOR_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
# The same, as the OpenAPI document states them. A topic's slug is stated by its length alone:
# its characters (a letter or a number of any script, `-`, `_`) take `\p{L}` in an ECMA-262
# pattern, which JSON Schema reads with the u flag but Swagger UI's "Try it out" without it,
# where `\p{L}` is the letter "p" and "{L}". The API's own check refuses the rest.
TOPIC_SLUG_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 100}
AUTHOR_SLUG_PATTERN = rf"^{_AUTHOR_SLUG.pattern}$"
_DIGITS = re.compile(r"[0-9]{1,9}")
_CURSOR = re.compile(rf"[A-Za-z0-9+/=_-]{{1,{MAX_CURSOR_CHARS}}}")
# RFC 3339's date and time (ISO 8601 with a `T` or space), or a date; Python alone would take
# any character between date and time. An offset's `+` left unencoded in a URL arrives as a space.
_MOMENT = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(?P<offset>[Zz]|[+ -]\d{2}:?\d{2})?)?"
)


class ParameterError(ValueError):
    """A parameter's value the API cannot use; the message is for the client."""


def parse_kind(value: str) -> str:
    if value not in ArticleKind.values:
        raise ParameterError(f"Not a kind of article: use one of {', '.join(ArticleKind.values)}.")
    return value


def parse_tag(value: str) -> str:
    if not _TOPIC_SLUG.fullmatch(value):
        raise ParameterError(
            "Give a topic's slug: letters, digits, hyphens and underscores, at most 100."
        )
    return value


def parse_author(value: str) -> str:
    if not _AUTHOR_SLUG.fullmatch(value):
        raise ParameterError(
            "Give an author's slug: a-z, 0-9, hyphens and underscores, at most 120."
        )
    return value


def parse_moment(value: str) -> datetime:
    """An ISO 8601 date and time (`2025-01-14T09:00:00Z`) or date; without an offset, UTC."""
    try:
        found = _MOMENT.fullmatch(value) if value.isascii() else None
        if found is None:
            raise ValueError
        time = f"T{found['time']}{found['offset'] or ''}" if found["time"] else ""
        moment = datetime.fromisoformat(found["date"] + time.upper().replace(" ", "+"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # Out of range once in UTC (year 1 with a positive offset) is refused here, not by SQL.
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ParameterError(
            "Give an ISO 8601 date and time, e.g. 2025-01-14T09:00:00Z (UTC when no offset)."
        ) from None


def parse_page_size(value: str) -> int:
    if not _DIGITS.fullmatch(value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise ParameterError(f"Give a whole number from 1 to {MAX_PAGE_SIZE}.")
    return int(value)


def parse_cursor(value: str) -> str:
    """The cursor's form; what it says is checked by the pagination (`decode_cursor`)."""
    if not _CURSOR.fullmatch(value):
        raise ParameterError(CURSOR_MESSAGE)
    return value


CURSOR_MESSAGE = "Not a cursor of this list: follow the `next` and `previous` links as given."

PARSERS: dict[str, Callable[[str], Any]] = {
    "kind": parse_kind,
    "tag": parse_tag,
    "author": parse_author,
    "updated_since": parse_moment,
    "page_size": parse_page_size,
    "cursor": parse_cursor,
}


def read(request, names: Iterable[str]) -> dict[str, Any]:
    """The parsed values of the parameters `names` that `request` gives; a 400 naming each
    parameter that is wrong."""
    values, errors = {}, {}
    for name in names:
        raw = request.query_params.get(name, "").strip()
        if not raw:
            continue
        try:
            values[name] = PARSERS[name](raw)
        except ParameterError as error:
            errors[name] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return values


def spelled(value: Any) -> str:
    """A parsed value as the page cache keys it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def normaliser(name: str) -> pagecache.Normaliser:
    """The page cache's normaliser for `name`: the value as the API reads it, "" for none (or
    the default page size), and a refused value as given, since only a 200 is kept."""
    parse = PARSERS[name]

    def normalise(raw: str, request: HttpRequest | None = None) -> str:
        value = raw.strip()
        if not value:
            return ""
        try:
            parsed = parse(value)
        except ParameterError:
            return raw
        return "" if name == "page_size" and parsed == DEFAULT_PAGE_SIZE else spelled(parsed)

    return normalise


# The parameters each list reads; detail endpoints read none.
ARTICLE_LIST = ("kind", "tag", "author", "updated_since", "page_size", "cursor")
PAGED_LIST = ("page_size", "cursor")
LISTS = {"api:articles": ARTICLE_LIST, "api:authors": PAGED_LIST, "api:tags": PAGED_LIST}
# Parameters of countless meaningful values: answers with one are made afresh each time.
UNBOUNDED = ("cursor", "updated_since")


def vary_on_parameters() -> None:
    """Tell the page cache which parameters each list reads; nothing else reaches the API."""
    for url_name, names in LISTS.items():
        pagecache.vary_on_query(url_name, **{name: normaliser(name) for name in names})
        pagecache.made_fresh_with(
            url_name, parameters=[name for name in names if name in UNBOUNDED]
        )
