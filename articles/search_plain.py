"""The plain search, for databases without full-text search: a query read as PostgreSQL's
`websearch_to_tsquery` reads it, matched with the folding helpers of `articles.search_folding`.

A query is alternatives joined by "or" (in any case), each a run of terms all required: a word,
a "quoted phrase" (looked for as the contiguous text; one left unclosed runs to the end), or
either after a minus, left out. Words side by side bind before "or", as in PostgreSQL: "a b or
c" is (a and b) or c. An "or" with no term on one side of it, and a term with no letter or
digit in it ("-", "!!!", a quote alone), is no term, as PostgreSQL reads no word in them.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from articles.search_folding import contains, has_word

# A quoted phrase (its closing quote optional), a minus, or a word: what runs to a space or a
# quote. A word never starts with a minus, which there leaves it out; inside it is a hyphen.
_TOKENS = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<minus>-)|(?P<word>[^\s"-][^\s"]*)')


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for, or with `excluded` to leave out."""

    text: str
    excluded: bool = False


def read(query: str, *, limit: int) -> list[list[Term]]:
    """The alternatives of `query`, each its terms, all required: at most `limit` terms in all,
    the first typed, so a query of hundreds costs what one of `limit` does."""
    alternatives: list[list[Term]] = [[]]
    tokens = list(_TOKENS.finditer(query))
    # Whether a term came last, so an "or" can join it to the next (PostgreSQL's WAITOPERATOR).
    after_term = excluded = False
    for number, token in enumerate(tokens):
        if token["minus"]:
            excluded, after_term = True, False
            continue
        text = token["phrase"] if token["phrase"] is not None else token["word"]
        if token["word"] and text.lower() == "or" and after_term and number + 1 < len(tokens):
            alternatives.append([])
            after_term = excluded = False
            continue
        text = " ".join(text.split())
        # "or" anywhere else is no word, quoted or not, as it is a stop word to PostgreSQL.
        if has_word(text) and text.lower() != "or":
            if sum(map(len, alternatives)) == limit:
                break
            alternatives[-1].append(Term(text, excluded=excluded))
        after_term, excluded = True, False
    return [terms for terms in alternatives if terms]


def matching(alternatives: list[list[Term]], *, using: str) -> Q | None:
    """Whether an article matches `alternatives` (from `read`) in its headline, summary or text;
    None when there is no term to look for."""
    found = None
    for terms in alternatives:
        every = Q()
        for term in terms:
            holds = (
                contains("headline", term.text, using=using)
                | contains("dek", term.text, using=using)
                | contains("search_text", term.text, using=using)
            )
            every &= ~holds if term.excluded else holds
        found = every if found is None else found | every
    return found


def looked_for(alternatives: list[list[Term]]) -> list[str]:
    """The terms of `alternatives` looked for, not left out: what a snippet marks."""
    return [term.text for terms in alternatives for term in terms if not term.excluded]
