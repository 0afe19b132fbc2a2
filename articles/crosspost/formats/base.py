"""What every file format shares: the command line's defaults, one piece read from a file
(`Entry`), the error a reader raises (`BadFile`), and reading a kind, a day and a file's text."""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from django.utils import timezone

from articles.crosspost.importing import Piece
from articles.models import ArticleKind
from newsroom.typed_times import first_instant

MB = 1024 * 1024
OUTSIDE_STORED_YEARS = "is outside the years 1 to 9999 in UTC, in which times are stored."


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
        moment = first_instant(day, timezone.get_current_timezone())
    except ValueError as error:
        raise BadFile(f"{where}{error} Or give a time with its offset from UTC (+00:00).") from None
    except OverflowError:
        raise BadFile(f"{where}{day.isoformat()} {OUTSIDE_STORED_YEARS}") from None
    return storable(moment, where=where)


def storable(moment: datetime, *, where: str = "") -> datetime:
    """`moment` (aware), refused when it falls outside the years 1 to 9999 in UTC, in which
    the database stores times: saving it would fail, and stop the whole import."""
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise BadFile(f"{where}{moment.isoformat()} {OUTSIDE_STORED_YEARS}") from None
    return moment


def refuse_larger(path: Path, *, max_bytes: int, larger_than: str) -> None:
    """Refuse the file at `path` before it is read when it holds more than `max_bytes`: read
    whole, parsed and cleaned, a larger one would take the process's memory and hours."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says why it cannot be read
    if size > max_bytes:
        raise BadFile(f"is {math.ceil(size / MB)} MB: larger than {larger_than}.")


def read_text(path: Path) -> str:
    """The file's text, read as UTF-8; a NUL character, which no text may hold and which
    UTF-16 text without its byte-order mark reads as after every letter, refuses it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(
            f"not UTF-8 text (byte {error.start}); save the file as UTF-8 and try again."
        ) from None
    except OSError as error:
        raise BadFile(f"cannot be read: {error.strerror}.") from None
    if (nul := text.find("\x00")) >= 0:
        line = text.count("\n", 0, nul) + 1
        raise BadFile(
            f"holds NUL characters (the first on line {line}), as text saved as UTF-16 does; "
            "save the file as UTF-8 and try again."
        )
    return text
