"""Reading pieces from files for `manage.py import_articles`: HTML pages, JSON Lines, and plain
text exports of a published news page.

Pure: each reader turns a file's text into `importing.Piece`s, or raises `BadFile` with a
message that says what is wrong and where. Saving is `importing.save_piece`'s job.
"""

import json
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.crosspost import cleaning, credits, origins
from articles.crosspost.importing import AuthorDetails, Piece, WarningDetails, text_to_html
from articles.models import ArticleKind
from articles.seo.indexing import IndexingPolicy
from newsroom.typed_times import clock_change_problem, first_instant

READ_BELOW = "Read the full piece below."
BACK_TO_NEWS = "Back to News"

HTML_SUFFIXES = {".html", ".htm"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
SUFFIXES = HTML_SUFFIXES | JSON_LINES_SUFFIXES | TEXT_SUFFIXES


class BadFile(Exception):
    """A file, or one line of it, that cannot be imported; the message says why."""


@dataclass
class Defaults:
    """What the command line supplies for pieces whose file does not say."""

    kind: str = ArticleKind.OP_ED
    author: str = ""


@dataclass
class Entry:
    """One piece read from a file; `where` names the file (and line) for the report."""

    where: str
    piece: Piece | None = None
    error: str = ""


def kind_from(value: str, *, where: str = "kind") -> str:
    """A kind given as its value ("op-ed") or label ("Op-ed")."""
    wanted = " ".join(str(value).split()).casefold()
    for kind, label in ArticleKind.choices:
        if wanted in {kind, label.casefold()}:
            return kind
    known = ", ".join(label for _, label in ArticleKind.choices)
    raise BadFile(f"{where}: “{value}” is not a kind of article; use one of {known}.")


def start_of_day(day: date, *, where: str = "") -> datetime:
    """The first instant of `day` in the newsroom's time zone: the page shows that date."""
    try:
        return first_instant(day, timezone.get_current_timezone())
    except ValueError as error:
        raise BadFile(f"{where}{error} Or give a time with its offset from UTC (+00:00).") from None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(
            f"not UTF-8 text (byte {error.start}); save the file as UTF-8 and try again."
        ) from None
    except OSError as error:
        raise BadFile(f"cannot be read: {error.strerror}.") from None


def entries(path: Path, *, defaults: Defaults) -> Iterator[Entry]:
    """Every piece in the file at `path`, each with its place for the report."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Entry(
            str(path),
            error="not a file the importer reads: use .html, .jsonl or .txt (a plain-text "
            "export of a news page).",
        )
        return
    try:
        text = read_text(path)
    except BadFile as error:
        yield Entry(str(path), error=str(error))
        return
    if suffix in JSON_LINES_SUFFIXES:
        yield from json_lines_entries(text, where=str(path), defaults=defaults)
        return
    reader = piece_from_html if suffix in HTML_SUFFIXES else piece_from_text_export
    try:
        yield Entry(str(path), piece=reader(text, defaults=defaults))
    except BadFile as error:
        yield Entry(str(path), error=str(error))


# Plain-text exports ------------------------------------------------------------------------


def piece_from_text_export(text: str, *, defaults: Defaults) -> Piece:
    """A piece from a news page saved as text, laid out as the page shows it:

    the date; "<Kind>: <Headline>"; optional "(Warning: …)" lines; the editor's introduction;
    an optional "Read the full piece below."; the body; an optional "This piece was originally
    published on <Author>'s <Platform>."; an optional "Back to News".
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 3:
        raise BadFile(
            "too short for a news page export: expected a date line, a “<Kind>: <Headline>” "
            "line and the text."
        )
    published_on = credits.parse_date(lines[0])
    if published_on is None:
        raise BadFile(f"line 1 should be the date, e.g. “Jan 17, 2025”; found “{lines[0]}”.")
    kind, headline = cleaning.split_kind_label(lines[1])
    rest = lines[2:]

    warnings = []
    while rest and (warning := cleaning.read_warning(rest[0])):
        warnings.append(WarningDetails.from_found(warning))
        rest.pop(0)
    if rest and rest[-1].casefold() == BACK_TO_NEWS.casefold():
        rest.pop()
    credit = credits.parse_attribution(rest[-1]) if rest else None
    if credit:
        rest.pop()

    introduction: list[str] = []
    if READ_BELOW in rest:
        split = rest.index(READ_BELOW)
        introduction, rest = rest[:split], rest[split + 1 :]
    if not rest:
        raise BadFile("has no text: nothing follows the headline and warnings.")

    author_name = (credit.author_name if credit else "") or defaults.author
    if not author_name:
        raise BadFile(
            "names no author: it has no “…originally published on <Author>'s <Platform>.” "
            "line. Pass --author NAME."
        )
    return Piece(
        headline=headline,
        kind=kind or defaults.kind,
        # Each line a paragraph, or a list's point: the export's lines are the page's blocks.
        body=text_to_html("\n".join(rest)),
        introduction=text_to_html("\n".join(introduction)),
        authors=[AuthorDetails(author_name)],
        warnings=warnings,
        origin_platform=credit.platform if credit else "",
        origin_author=credit.author_name if credit else "",
        origin_published_on=credit.published_on if credit else None,
        published_at=start_of_day(published_on),
    )


# HTML pages --------------------------------------------------------------------------------


def _meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    return " ".join((tag.get("content") or "").split()) if tag else ""


def piece_from_html(text: str, *, defaults: Defaults) -> Piece:
    """A piece from a saved web page: its article (or main) element, cleaned like a paste.

    The headline comes from og:title, the first <h1> or the <title>; the original URL from the
    canonical link or og:url; the author from <meta name="author">; the original date from
    article:published_time or the first <time datetime>.
    """
    soup = BeautifulSoup(text, "html.parser")
    canonical = soup.find("link", rel="canonical")
    origin_url = (canonical.get("href") if canonical else "") or _meta(soup, property="og:url")
    origin_url = origins.clean_url(origin_url)
    if origin_url and not origin_url.startswith(("http://", "https://")):
        origin_url = ""
    h1 = soup.find("h1")
    headline = (
        _meta(soup, property="og:title")
        or (" ".join(h1.get_text(" ").split()) if h1 else "")
        or (" ".join(soup.title.get_text(" ").split()) if soup.title else "")
    )
    author_name = _meta(soup, name="author") or defaults.author
    published = _meta(soup, property="article:published_time")
    if not published and (stamp := soup.find("time", datetime=True)):
        published = stamp["datetime"]
    origin_date = _date_of(published)

    content = soup.find("article") or soup.find("main") or soup.body or soup
    piece = cleaning.clean_paste(
        html=str(content),
        base_url=origin_url,
        author_names=[author_name] if author_name else [],
        headline=headline,
    )
    if not piece.body:
        raise BadFile("has no text to import: its page holds no paragraphs after cleaning.")
    if not piece.headline:
        raise BadFile("has no headline: no og:title, <h1> or <title>.")
    if not author_name:
        raise BadFile('names no author: add <meta name="author" content="…"> or pass --author.')
    return Piece(
        headline=piece.headline,
        kind=piece.kind or defaults.kind,
        body=piece.body,
        dek=piece.dek or _meta(soup, name="description")[:300],
        authors=[AuthorDetails(author_name)],
        warnings=[WarningDetails.from_found(piece.warning)] if piece.warning else [],
        origin_url=origin_url,
        origin_published_on=origin_date or piece.published_on,
    )


def _date_of(value: str) -> date | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        return moment.date() if moment else parse_date(value[:10])
    except ValueError:
        return None


# JSON Lines --------------------------------------------------------------------------------

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


def piece_from_json(line: str, *, defaults: Defaults) -> Piece:
    """One article from one JSON object; the fields are documented in the README."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadFile(f"not valid JSON ({error.msg} at column {error.colno}).") from None
    if not isinstance(record, dict):
        raise BadFile('each line must be a JSON object: {"headline": …, "body": …}.')
    unknown = sorted(set(record) - JSON_FIELDS)
    if unknown:
        raise BadFile(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; the fields "
            "are listed in the README."
        )
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
        origin_published_on = parse_date(raw_date) if len(raw_date) == 10 else None
        if origin_published_on is None:
            raise BadFile("“origin_published_on” must be a date: YYYY-MM-DD.")
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
