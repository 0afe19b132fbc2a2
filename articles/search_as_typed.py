"""Words as typed, for a query PostgreSQL reads no word of.

A query of stop words alone ("The Who", "it") makes an empty tsquery, which matches nothing, yet
names a band, a show or a title. Such a query is looked for as typed instead: the words typed
outside quotes as one phrase, whole words, whatever their case, each quoted phrase and each
-exclusion too, in the headline, dek and text, ranked as the vector's weights rank them.

No index holds these words, so only the newest `ROWS` public pieces are read, a range of the
listing index; a query with any word PostgreSQL reads (`has_no_words` is false) reads none.
"""

import re
from datetime import UTC, datetime

from django.contrib.postgres.search import SearchQuery
from django.db.models import (
    Case,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, IRegex

from articles.search_folding import as_searched, has_word

# How many of the newest public pieces are read: no index holds the words, so each text is
# (8 kB on average in the benchmark's archive), and this many cost about what a search of a
# common word does there (65-80 ms against 45-75 ms at 100,000 articles; 2,000 took twice it).
ROWS = 1000
_EARLIEST = Value(datetime.min.replace(tzinfo=UTC))
# What each column weighs, as `ts_rank` weighs the vector's headline (A), dek (B) and text (C).
WEIGHTS = {"headline": 1.0, "dek": 0.4, "search_text": 0.2}
# What starts or ends a word, to PostgreSQL's \m and \M as to Python.
_WORD = re.compile(r"\w")


def phrases(query: str, *, limit: int) -> list[tuple[str, bool]]:
    """(phrase, excluded) of `query`: the words typed outside quotes as one phrase, then each
    "quoted phrase" and each -excluded word or phrase, at most `limit` of them."""
    typed, terms = [], []
    for match in re.finditer(r'(-?)"([^"]+)"|(-?)(\S+)', query):
        term = " ".join(as_searched(match.group(2) or match.group(4) or "").strip('"').split())
        # Punctuation alone ("-", "!!!") is no word to look for, to PostgreSQL's parser either.
        if not has_word(term) or term.lower() == "or":
            continue
        if match.group(1) or match.group(3):
            terms.append((term, True))
        elif match.group(2):
            terms.append((term, False))
        else:
            typed.append(term)
    if typed:
        terms.insert(0, (" ".join(typed), False))
    return terms[:limit]


def pattern(phrase: str) -> str:
    """A PostgreSQL regular expression matching `phrase` as whole words, with any spaces
    between them and either apostrophe."""
    words = [re.escape(word).replace("'", "['’]") for word in phrase.split()]
    start = r"\m" if _WORD.match(phrase[0]) else ""
    end = r"\M" if _WORD.match(phrase[-1]) else ""
    return start + r"\s+".join(words) + end


def holds(phrase: str) -> Q:
    """Whether an article's headline, dek or text holds `phrase`."""
    regex = pattern(phrase)
    return (
        Q(IRegex(F("headline"), regex))
        | Q(IRegex(F("dek"), regex))
        | Q(IRegex(F("search_text"), regex))
    )


def rank(phrases: list[str]) -> Expression:
    """Where an article holds `phrases`: for each, the weight of its weightiest column."""
    ranks = []
    for phrase in phrases:
        regex = pattern(phrase)
        ranks.append(
            Case(
                *(
                    When(IRegex(F(column), regex), then=Value(weight))
                    for column, weight in WEIGHTS.items()
                ),
                default=Value(0.0),
            )
        )
    return sum(ranks[1:], ranks[0]) if ranks else Value(0.0)


def has_no_words(query: SearchQuery) -> Exact:
    """Whether PostgreSQL reads no word in `query`. The query is a constant, so the database
    works this out once, when it plans, and reads no row for a query with words."""
    return Exact(Func(query, function="numnode", output_field=IntegerField()), 0)


def newest(
    queryset: QuerySet, query: SearchQuery, phrases: list[tuple[str, bool]], *, window: int
) -> QuerySet:
    """The keys of the newest `window` pieces and one more among the newest `ROWS` of
    `queryset` holding `phrases` ((phrase, excluded)), newest first, when `query` has no words;
    none otherwise, reading no row."""
    if not phrases:
        return queryset.none().values("pk")
    # From the publication time of the last piece read: a range of the listing index, which no
    # estimate of the phrases' rarity can make the planner leave for the whole table.
    times = queryset.order_by("-published_at", "-pk").values("published_at")
    since = Coalesce(Subquery(times[ROWS - 1 : ROWS]), _EARLIEST)
    matches = queryset.filter(has_no_words(query), published_at__gte=since)
    for phrase, excluded in phrases:
        matches = matches.exclude(holds(phrase)) if excluded else matches.filter(holds(phrase))
    return matches.order_by("-published_at", "-pk").values("pk")[: window + 1]
