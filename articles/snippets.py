"""Search snippets: a few words of an article's text around what a search matched.

Both search backends end here. On PostgreSQL `ts_headline` picks the best passages and marks the
words its stemmer matched (`from_headline`); the plain search marks the words its terms match
(`around_terms`). Either way a passage starts and ends between words, a mark covers whole words
(`ts_headline` works on parser tokens, so it cuts "well-known" after "well-" and marks "ferry" in
"ferry-men"), an ellipsis shows where the text was cut, and everything but the marks is escaped.

Passages and marks are positions in the article's `search_text`, so no text the article or the
reader wrote is ever read as markup. Matches are found in the text as search reads it, lowered
digits as digits (`digits_as_typed`, which keeps every character's place), so "CO2" marks "CO₂",
and in the plain search with its apostrophes as typed and its accents left off too
(`as_read_in_place`), so "won't" marks it typeset and "cafe" marks "café" (`ts_headline` marks
both already).
"""

import bisect
import re
import unicodedata
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.search_folding import (
    as_read_in_place,
    as_searched,
    digits_as_typed,
    without_accents,
)

# About how many words a snippet shows.
SNIPPET_WORDS = 30
ELLIPSIS = "…"
# What `ts_headline` is asked to put around matches and between passages: control characters,
# which `search_text` never holds.
START, STOP, FRAGMENT_DELIMITER = "\x02", "\x03", "\x1f"
# Inside a word, between two letters: "ferry-men", "don't", "Dana’s".
JOINERS = frozenset("-'’")

Span = tuple[int, int]


def around_terms(text: str, terms: list[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around the first match of `terms`, every match marked.

    A term marks the words that start with it ("market" marks "markets"), or, when no word
    does, those that contain it, as the plain search finds them; a phrase marks its words.
    """
    terms = [without_accents(as_searched(term)) for term in terms]
    marks = term_marks(as_read_in_place(text), terms)
    spans = [match.span() for match in re.finditer(r"\S+", text)]
    if not spans:
        return SafeString("")
    first = marks[0][0] if marks else 0
    at = next(index for index, (_, end) in enumerate(spans) if end > first)
    begin = max(0, min(at - words // 3, len(spans) - words))
    end = min(len(spans), begin + words)
    return render(text, [(spans[begin][0], spans[end - 1][1])], marks)


def from_headline(text: str, headline: str) -> SafeString:
    """The passages `ts_headline` chose from `text`, widened to whole words, its marks too.

    `headline` is `ts_headline`'s answer with `START`/`STOP` around matches and
    `FRAGMENT_DELIMITER` between passages. A passage is a piece of `text` as search reads it
    (`digits_as_typed`) except that `ts_headline` writes a space for anything its parser reads
    as an HTML tag.
    """
    searched = digits_as_typed(text)
    passages, marks, cursor = [], [], 0
    for fragment in headline.split(FRAGMENT_DELIMITER):
        plain, offsets = unmarked(fragment)
        # Passages come in the text's order; a repeated passage is found at its later place.
        place = locate(searched, plain, cursor) or locate(searched, plain, 0)
        if place is None:
            continue
        passages.append(between_spaces(text, place(0), place(len(plain))))
        marks += [whole_words(text, place(start), place(end)) for start, end in offsets]
        cursor = place(len(plain))
    return render(text, passages, merged(marks))


# What `ts_headline` writes as one or more spaces: spaces and tags.
_SPACES = r"(?:\s|<[^<>]*>)+"


def locate(text: str, plain: str, cursor: int) -> Callable[[int], int] | None:
    """Where `plain`, a passage of `ts_headline`, is in `text` from `cursor` on: a function
    giving each position in `plain` its position in `text`; None if it is not there."""
    words = [match.span() for match in re.finditer(r"\S+", plain)]
    if not words:
        return None
    pattern = _SPACES.join(f"({re.escape(plain[start:end])})" for start, end in words)
    found = re.compile(pattern).search(text, cursor)
    if found is None:
        return None

    starts = [start for start, _ in words]

    def place(position: int) -> int:
        # A position between words belongs to the word before it (or the first word).
        number = max(0, bisect.bisect_right(starts, position) - 1)
        start, end = words[number]
        return found.start(number + 1) + min(max(position - start, 0), end - start)

    return place


def render(text: str, passages: list[Span], marks: list[Span]) -> SafeString:
    """`passages` of `text`, escaped, with `marks` in <mark> and an ellipsis at each cut."""
    passages = merged(passages, gap=text)
    if not passages:
        return SafeString("")
    parts = [f"{ELLIPSIS} "] if passages[0][0] > 0 else []
    for number, (start, end) in enumerate(passages):
        if number:
            parts.append(f" {ELLIPSIS} ")
        at = start
        for mark_start, mark_end in marks:
            mark_start, mark_end = max(mark_start, start), min(mark_end, end)
            if mark_start >= mark_end or mark_start < at:
                continue
            words = escape(text[mark_start:mark_end])
            parts += [escape(text[at:mark_start]), f"<mark>{words}</mark>"]
            at = mark_end
        parts.append(escape(text[at:end]))
    if passages[-1][1] < len(text):
        parts.append(f" {ELLIPSIS}")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text escaped; marks are ours)


def term_marks(text: str, terms: list[str]) -> list[Span]:
    """Where `terms` match `text` (see `around_terms`), widened to whole words, in order."""
    found = []
    for term in terms:
        pattern = r"\s+".join(re.escape(part) for part in term.split())
        if not pattern:
            continue
        matches = list(re.finditer(rf"(?<!\w){pattern}", text, re.IGNORECASE))
        matches = matches or re.finditer(pattern, text, re.IGNORECASE)
        found += [whole_words(text, *match.span()) for match in matches]
    return merged(found)


def unmarked(fragment: str) -> tuple[str, list[Span]]:
    """A `ts_headline` passage without its marks, and where the marks were in it."""
    plain, marks, opened = [], [], None
    length = 0
    for char in fragment:
        if char == START:
            opened = length
        elif char == STOP:
            if opened is not None:
                marks.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), marks


def whole_words(text: str, start: int, end: int) -> Span:
    """`start`-`end` of `text` widened to the whole words it begins and ends inside."""
    if start < end and in_word(text, start):
        while start > 0 and in_word(text, start - 1):
            start -= 1
    if start < end and in_word(text, end - 1):
        while end < len(text) and in_word(text, end):
            end += 1
    return start, end


def between_spaces(text: str, start: int, end: int) -> Span:
    """`start`-`end` of `text` widened to the spaces around it, without them."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def in_word(text: str, index: int) -> bool:
    """Whether `text[index]` is part of a word: a letter, digit or mark, or a joiner between
    two letters."""
    if is_letter(text[index]):
        return True
    return (
        text[index] in JOINERS
        and 0 < index < len(text) - 1
        and is_letter(text[index - 1])
        and is_letter(text[index + 1])
    )


def is_letter(char: str) -> bool:
    return char == "_" or unicodedata.category(char)[0] in "LMN"


def merged(spans: list[Span], *, gap: str = "") -> list[Span]:
    """`spans` in order, those that overlap or touch made one; given the `gap` text they are
    spans of, those with only spaces between them too."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if result and (start <= result[-1][1] or gap[result[-1][1] : start].isspace()):
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result
