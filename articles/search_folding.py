"""How search compares words, the same on PostgreSQL and in SQLite's plain search.

A formula's lowered digits are searched as the digits a reader types: "CO2" finds "CO₂", as it
found "CO2" before the text kept subscripts. Raised characters are spaces to PostgreSQL's parser,
so "true³" is found as "true"; the plain search leaves them out too. SQLite's LIKE folds ASCII
letters alone, so the plain search compares with every letter's case folded (`CASEFOLD`).
"""

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.db.models import Func, Q, TextField, Value
from django.db.models.lookups import Contains

from newsroom.plaintext import SUBSCRIPTS, SUPERSCRIPTS

_LOWERED_DIGITS = "".join(SUBSCRIPTS[digit] for digit in "0123456789")
_DIGITS_AS_TYPED = str.maketrans(_LOWERED_DIGITS, "0123456789")
_AS_SEARCHED = str.maketrans(_LOWERED_DIGITS, "0123456789", "".join(SUPERSCRIPTS.values()))


def as_searched(text: str) -> str:
    """`text` as search compares it: lowered digits made digits, raised characters left out."""
    return text.translate(_AS_SEARCHED)


def digits_as_typed(text: str) -> str:
    """`text` with its lowered digits made digits, as `DigitsAsTyped` makes it: each character
    keeps its place, so a match found in it is at the same place in `text`."""
    return text.translate(_DIGITS_AS_TYPED)


class DigitsAsTyped(Func):
    """A text with its lowered digits made digits, for PostgreSQL's parser (`digits_as_typed`)."""

    function = "TRANSLATE"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(_LOWERED_DIGITS), Value("0123456789"))


class CaseFold(Func):
    """A text as `fold` makes it, on SQLite (see `fold_case_on_sqlite`)."""

    function = "CASEFOLD"
    output_field = TextField()


def fold(text):
    """`text` with every letter's case folded (`str.casefold`), `as_searched`."""
    return as_searched(text.casefold()) if isinstance(text, str) else text


def fold_case_on_sqlite() -> None:
    """Give every SQLite connection, those open already and each new one, `CASEFOLD` (`fold`),
    for the plain search."""
    connection_created.connect(
        _add_case_fold, sender=SQLiteDatabaseWrapper, dispatch_uid="articles.search.case-fold"
    )
    for connection in connections.all(initialized_only=True):
        if isinstance(connection, SQLiteDatabaseWrapper) and connection.connection is not None:
            _add_case_fold(SQLiteDatabaseWrapper, connection)


def _add_case_fold(sender, connection, **kwargs):
    connection.connection.create_function("CASEFOLD", 1, fold, deterministic=True)


def contains(field: str, term: str, *, using: str) -> Q:
    """Whether `field` contains `term`, whatever the case of their letters."""
    if connections[using].vendor == "sqlite":
        return Q(Contains(CaseFold(field), fold(term)))
    return Q(**{f"{field}__icontains": term})
