"""How search compares words, the same on PostgreSQL and in SQLite's plain search.

A formula's lowered digits are searched as the digits a reader types: "CO2" finds "CO₂", as it
found "CO2" before the text kept subscripts. Raised characters are spaces to PostgreSQL's parser,
so "true³" is found as "true"; the plain search leaves them out too. Letters styled with
Unicode's mathematical alphabets (U+1D400 on), which posts pasted from LinkedIn use for bold and
italics, and full-width ones are searched as the plain letters (`plain_letters`). Words are
compared without their accents: PostgreSQL's search configuration reads them through `unaccent`
(`articles.search.SEARCH_CONFIG`), the plain search leaves them off. SQLite's LIKE folds ASCII
letters alone, so the plain search compares with every letter's case folded (`CASEFOLD`).
"""

import functools
import unicodedata

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.db.models import Case, Expression, F, Func, Q, TextField, Value, When
from django.db.models.lookups import Contains, Regex

from newsroom.plaintext import SUBSCRIPTS, SUPERSCRIPTS

_LOWERED_DIGITS = "".join(SUBSCRIPTS[digit] for digit in "0123456789")
_DIGITS_AS_TYPED = str.maketrans(_LOWERED_DIGITS, "0123456789")

# Where styled letters are: the mathematical alphabets, the letter-like symbols that fill their
# gaps (italic "ℎ", double-struck "ℝ"), full-width letters and digits. Each is the one letter or
# digit NFKC makes it; NFKC itself would also make "³" a 3 and "™" two letters.
_STYLED_RANGES = ((0x1D400, 0x1D7FF), (0x2100, 0x214F), (0xFF10, 0xFF5A))


def _styled_letters() -> dict[str, str]:
    styled = {}
    for first, last in _STYLED_RANGES:
        for char in map(chr, range(first, last + 1)):
            plain = unicodedata.normalize("NFKC", char)
            if len(plain) == 1 and plain != char and plain.isalnum():
                styled[char] = plain
    return styled


_STYLED = _styled_letters()
_PLAIN_LETTERS = str.maketrans(_STYLED)
# The apostrophe typesetting and word processors write, read as the one keyboards type: both
# join a word's parts ("won't") to PostgreSQL's parser, and the plain search compares them.
_APOSTROPHES = {"\N{RIGHT SINGLE QUOTATION MARK}": "'"}
_SAME_APOSTROPHES = str.maketrans(_APOSTROPHES)
_AS_SEARCHED = str.maketrans(
    {
        **_STYLED,
        **_APOSTROPHES,
        **dict(zip(_LOWERED_DIGITS, "0123456789", strict=True)),
        **dict.fromkeys(SUPERSCRIPTS.values()),
    }
)


def plain_letters(text: str) -> str:
    """`text` with its styled letters made plain (mathematical bold "Ferry" read as "Ferry"), as
    `with_plain_letters` makes it: each character keeps its place."""
    return text.translate(_PLAIN_LETTERS)


def as_searched(text: str) -> str:
    """`text` as search compares it: lowered digits made digits, raised characters left out,
    styled letters made plain, apostrophes as typed."""
    return text.translate(_AS_SEARCHED)


def has_word(text: str) -> bool:
    """Whether `text` has a letter or digit `as_searched`: a minus, a quote or "³" alone is no
    word, as PostgreSQL's parser reads none in them."""
    return any(char.isalnum() for char in as_searched(text))


def _is_accent(char: str) -> bool:
    # The marks a Latin, Greek or Cyrillic letter decomposes into; those of other scripts (a
    # Thai tone mark, a Devanagari virama) are part of how a word is spelt.
    return "\u0300" <= char <= "\u036f"


def without_accents(text: str) -> str:
    """`text` with the accents of its letters left off ("Café" read as "Cafe"), as PostgreSQL's
    `unaccent` reads it, for the plain search."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _is_accent(c)))


@functools.cache
def _unaccented(char: str) -> str:
    # A letter and its accents alone, not a Hangul syllable's jamo.
    base, *marks = unicodedata.normalize("NFD", char)
    return base if marks and all(map(_is_accent, marks)) else char


def as_read_in_place(text: str) -> str:
    """`text` as the plain search reads it with each character kept in its place, so that a
    match found in it is at the same place in `text`: lowered digits as digits, apostrophes as
    typed, each accented letter as its letter (raised characters stay)."""
    text = digits_as_typed(text).translate(_SAME_APOSTROPHES)
    return text if text.isascii() else "".join(map(_unaccented, text))


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


def with_plain_letters(expression: str | Expression) -> Case:
    """The text `expression` (a column's name, or an expression) with its styled letters made
    plain (`plain_letters`), for PostgreSQL's parser.

    Translating by a table this long costs in proportion to the text's length times the
    table's, so only a text holding a character of its ranges is translated.
    """
    if isinstance(expression, str):
        expression = F(expression)
    ranges = "".join(f"{chr(first)}-{chr(last)}" for first, last in _STYLED_RANGES)
    return Case(
        When(
            Regex(expression, Value(f"[{ranges}]")),
            then=Func(
                expression,
                Value("".join(_STYLED)),
                Value("".join(_STYLED.values())),
                function="TRANSLATE",
                output_field=TextField(),
            ),
        ),
        default=expression,
        output_field=TextField(),
    )


class CaseFold(Func):
    """A text as `fold` makes it, on SQLite (see `fold_case_on_sqlite`)."""

    function = "CASEFOLD"
    output_field = TextField()


def fold(text):
    """`text` `as_searched`, without accents, with every letter's case folded
    (`str.casefold`)."""
    return without_accents(as_searched(text)).casefold() if isinstance(text, str) else text


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


class AddressWords(Func):
    """The words of the web and email addresses and file paths in a text, for PostgreSQL, whose
    parser reads "example.com/ferry" or "dana@example.org" as one token: the parts of each
    host, path, email address and file path, separated by spaces ("example com", "ferry"),
    hyphenated words kept. NULL for a text holding none. See `address_words`."""

    template = (
        "(SELECT string_agg(regexp_replace(token, '[^[:alnum:]-]+', ' ', 'g'), ' ')"
        " FROM ts_parse('default', %(expressions)s) JOIN ts_token_type('default') USING (tokid)"
        " WHERE alias IN ('host', 'url_path', 'email', 'file'))"
    )
    output_field = TextField()


def address_words(expression: Expression) -> Case:
    """`AddressWords` of the text `expression`, parsed only where a dot, slash or at sign joins
    two words: parsing a text again doubled the cost of making its vector, and most texts hold
    no address."""
    return Case(
        When(
            Regex(expression, Value("[[:alnum:]][./@][[:alpha:]]")), then=AddressWords(expression)
        ),
        default=Value(None),
        output_field=TextField(),
    )
