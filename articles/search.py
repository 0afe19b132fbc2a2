"""Full-text search of public articles.

On PostgreSQL each article stores a weighted search vector (headline A, dek B, text C) with a GIN
index, queried with web-search syntax ("quoted phrases", -word, or), ranked, and shown with
highlighted snippets (`articles.snippets`); words are read without their accents. On other
databases a plain case-insensitive match reads the same syntax and gives the same page
(`articles.search_plain`); on SQLite, whose LIKE folds ASCII letters alone, it compares the
column and the term with every letter's case folded and accents left off
(`articles.search_folding`).

Only the newest matches are ranked and shown: at most `RESULT_WINDOW` of them, found by walking
the public listing index newest first (a common word stops the walk after a few hundred rows) or,
for a rare word, through the GIN index. So a search costs about the same in an archive of any
size, and the results page says when more articles match than it shows. A query of stop words
alone, an empty query to PostgreSQL, is looked for as typed among the newest pieces instead
(`articles.search_as_typed`). `SearchResults` keeps the ranked keys for the next pages and
makes snippets for the rows of one page only.

What is searched and shown is `Article.search_text`: the introduction and body as plain text
without their spoiler passages, and nothing of a piece held behind its warning, whose page shows
both only once a reader opens it (its headline and dek are still searched). So a search can
neither find an article by hidden or held-back text nor show any in a snippet.

`articles.search_index.keep_index(Article)`, called from `ArticlesConfig.ready()`, keeps both
fields current on every save that writes a field they are made from. Paths that bypass `save()`
(`QuerySet.update()`, `bulk_create()`, raw SQL, restoring a database dump from elsewhere) must
call `search_index.reindex(queryset)` afterwards, or run `manage.py update_search_index`.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections
from django.db.models import Case, Expression, F, Index, QuerySet, Value, When
from django.utils.functional import cached_property

from articles import search_as_typed as as_typed
from articles import search_plain as plain
from articles import snippets
from articles.cache_tags import NEWS
from articles.search_folding import (
    DigitsAsTyped,
    address_words,
    as_searched,
    plain_letters,
    with_plain_letters,
)
from newsroom import pagecache
from newsroom.plaintext import plain_text
from newsroom.spoiler_markup import strip_spoilers

# PostgreSQL's `english`, reading words through `unaccent` before stemming them, so "cafe"
# finds "café" and "café" finds "cafe" (migration 0040 adds it).
SEARCH_CONFIG = "newsroom_english"
# Longer queries are cut: enough for any real search, and bounded work for the database.
MAX_QUERY_CHARS = 200
MAX_FALLBACK_TERMS = 8
# Ranking reads each match's whole vector (kilobytes for a long article), so ranking every match
# of a common word would cost in proportion to the archive. The newest 500 matches make more
# pages than readers turn, and a narrower query reaches older pieces.
RESULT_WINDOW = 500
# The window's keys are kept this long at most: long enough to turn its pages, short enough that
# one-off queries leave the cache soon.
RESULTS_SECONDS = 600

# The fields `search_text` and the vector are made from; saving any of them reindexes.
SOURCE_FIELDS = frozenset({"headline", "dek", "introduction", "body", "hold_behind_warning"})


# Unicode's control characters (category Cc) and lone surrogates (Cs), each read as a space:
# one pattern, where a lookup of each character's category took seconds for a long piece.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _without_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub(" ", text)


# PostgreSQL's web-search parser nests one NOT per dash; a few dozen in a row overflow its
# stack ("tsquery stack too small"), and more than one never means more than one.
_REPEATED_NEGATION = re.compile(r"(?:-\s*){2,}")


def clean_query(raw: str | None) -> str:
    """A reader's query made safe to run: control characters removed, spaces folded, repeated
    negations made one, cut short."""
    text = " ".join(_without_control_characters(raw or "").split())
    text = _REPEATED_NEGATION.sub("-", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return text


def document_text(*, introduction: str, body: str, held: bool) -> str:
    """The plain text search finds and quotes: spoiler passages left out, and nothing of a
    piece whose introduction and body are held back; styled letters made plain, so a snippet
    quotes a word pasted in mathematical bold as the plain word it was found by."""
    if held:
        return ""
    html = " ".join(strip_spoilers(part or "") for part in (introduction, body))
    return plain_letters(" ".join(_without_control_characters(plain_text(html)).split()))


def article_text(article) -> str:
    return document_text(
        introduction=article.introduction,
        body=article.body,
        held=article.hold_behind_warning,
    )


def document_vector(text: str | Value = "search_text") -> SearchVector:
    """The weighted vector, made from an article's own columns (the text from `text` if given).

    Every column is read as the query is (`DigitsAsTyped`): a headline's "CO₂" is found by
    "CO2" and by "CO₂", which the query makes "co2". The headline's and dek's styled letters
    are made plain here (`with_plain_letters`), the text's when it is stored (`document_text`).
    Each column's web and email addresses and file paths give their words as well as
    themselves ("ferry" finds "example.com/ferry"), as the plain search finds them.
    """
    return (
        _column_vector(with_plain_letters(DigitsAsTyped("headline")), "A")
        + _column_vector(with_plain_letters(DigitsAsTyped("dek")), "B")
        + _column_vector(DigitsAsTyped(text), "C")
    )


def _column_vector(text: Expression, weight: str) -> SearchVector:
    # The words inside its addresses too (`address_words`), after the column's own.
    return SearchVector(text, weight=weight, config=SEARCH_CONFIG) + SearchVector(
        address_words(text), weight=weight, config=SEARCH_CONFIG
    )


class SearchVectorIndex(GinIndex):
    """A GIN index on PostgreSQL; elsewhere, where the vector is never filled, a plain one."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Index.create_sql(self, model, schema_editor, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def uses_postgres(using: str) -> bool:
    return connections[using].vendor == "postgresql"


def update_vectors(queryset: QuerySet, *, using: str) -> None:
    """Recompute the stored vectors of `queryset` from their columns (PostgreSQL only)."""
    if uses_postgres(using):
        queryset.using(using).update(search_vector=document_vector())


class ArticleSearch:
    """One reader's search: finds, orders and highlights public articles.

    `order` is one of `ORDERS`, relevance by default; the plain search lists newest first.
    """

    ORDERS = {"relevance": "Most relevant", "newest": "Newest first"}

    def __init__(self, raw_query: str | None, *, order: str | None = None):
        self.query = clean_query(raw_query)
        self.order = order if order in self.ORDERS else "relevance"
        # Whether `highlight` was given pieces found as typed (`newest_as_typed`).
        self.found_as_typed = False

    def __bool__(self) -> bool:
        return bool(self.query)

    @property
    def window(self) -> int:
        """How many matches, at most, a search shows."""
        return RESULT_WINDOW

    def results(self, queryset: QuerySet, *, name: str) -> "SearchResults":
        """The results among `queryset` (public articles), for a paginator; `name` identifies
        the search and what `queryset` leaves out, for the cache."""
        return SearchResults(self, queryset, name=name)

    def newest_matches(self, queryset: QuerySet) -> QuerySet:
        """The keys of the newest `window` matches and one more, newest first.

        On PostgreSQL a common word is found by walking the listing index newest first (the walk
        stops after the window), a rare one through the GIN index; the planner chooses by the
        words' frequencies.
        """
        if uses_postgres(queryset.db):
            matches = queryset.filter(search_vector=self._search_query())
        else:
            matches = self._plain(queryset)
        return matches.order_by("-published_at", "-pk").values("pk")[: self.window + 1]

    def newest_as_typed(self, queryset: QuerySet) -> QuerySet:
        """The keys of the newest `window` matches and one more of the query's words as typed,
        for a query PostgreSQL reads no word of (`articles.search_as_typed.newest`)."""
        return as_typed.newest(queryset, self._search_query(), self.phrases, window=self.window)

    def ordered_keys(self, queryset: QuerySet) -> list[int]:
        """The keys of `newest_matches` in the chosen order: by rank on PostgreSQL, ranking
        only these. On PostgreSQL a query of stop words alone, which finds nothing there, is
        looked for as typed (`newest_as_typed`)."""
        if not self.query:
            return []
        if not uses_postgres(queryset.db):
            return [row["pk"] for row in self.newest_matches(queryset)]
        rank = SearchRank(F("search_vector"), self._search_query())
        keys = self._in_order(queryset, self.newest_matches(queryset), rank)
        if keys:
            return keys
        included = [phrase for phrase, excluded in self.phrases if not excluded]
        return self._in_order(queryset, self.newest_as_typed(queryset), as_typed.rank(included))

    def _in_order(self, queryset: QuerySet, newest: QuerySet, rank) -> list[int]:
        if self.order == "newest":
            return [row["pk"] for row in newest]
        ranked = queryset.filter(pk__in=newest).annotate(rank=rank)
        return list(ranked.order_by("-rank", "-published_at", "-pk").values_list("pk", flat=True))

    def page(self, queryset: QuerySet, keys: list[int]) -> list:
        """The articles of `keys`, in that order, each with what its snippet is made from."""
        if not keys:
            return []
        # Snippets are cut from the stored text (`articles.snippets`): load it, beyond the card.
        rows = queryset.filter(pk__in=keys).defer(None)
        rows = rows.defer("body", "introduction", "boilerplate", "search_vector")
        if uses_postgres(queryset.db):
            # None for a query found as typed, whose words `ts_headline` cannot mark.
            query = self._search_query()
            rows = rows.annotate(
                raw_snippet=Case(
                    When(as_typed.has_no_words(query), then=None), default=self._headline()
                )
            )
        found = {article.pk: article for article in rows}
        # A piece withdrawn since the keys were found is left out.
        return [found[key] for key in keys if key in found]

    def _search_query(self) -> SearchQuery:
        query = as_searched(self.query)
        return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")

    def _headline(self) -> SearchHeadline:
        return SearchHeadline(
            # Read as the vector reads it, so that "CO2" marks "CO₂" (`snippets.from_headline`).
            DigitsAsTyped("search_text"),
            self._search_query(),
            config=SEARCH_CONFIG,
            start_sel=snippets.START,
            stop_sel=snippets.STOP,
            # Two passages of at most half a snippet's words each, widened to whole words later.
            max_words=snippets.SNIPPET_WORDS // 2,
            min_words=snippets.SNIPPET_WORDS // 4,
            max_fragments=2,
            fragment_delimiter=snippets.FRAGMENT_DELIMITER,
        )

    @property
    def alternatives(self) -> list[list[plain.Term]]:
        """The plain search's reading of the query: alternatives of required terms, web-search
        syntax as PostgreSQL reads it (`articles.search_plain.read`)."""
        return plain.read(self.query, limit=MAX_FALLBACK_TERMS)

    @property
    def phrases(self) -> list[tuple[str, bool]]:
        """(phrase, excluded) for a search as typed (`articles.search_as_typed.phrases`)."""
        return as_typed.phrases(self.query, limit=MAX_FALLBACK_TERMS)

    def _plain(self, queryset: QuerySet) -> QuerySet:
        """Every match of the plain search, for databases without full-text search."""
        found = plain.matching(self.alternatives, using=queryset.db)
        # A query of quotes or "or" alone names nothing: no filter would list every article.
        return queryset.none() if found is None else queryset.filter(found)

    def highlight(self, articles: list) -> None:
        """Give each article of a results page its `snippet`: safe HTML, whole words marked."""
        terms = plain.looked_for(self.alternatives)
        phrases = [phrase for phrase, excluded in self.phrases if not excluded]
        self.found_as_typed = False
        for article in articles:
            text = article.search_text or ""
            if getattr(article, "raw_snippet", None) is not None:
                article.snippet = snippets.from_headline(text, article.raw_snippet)
            elif hasattr(article, "raw_snippet"):
                # Found as typed on PostgreSQL: its phrases are marked.
                article.snippet = snippets.around_terms(text, phrases)
                self.found_as_typed = True
            else:
                article.snippet = snippets.around_terms(text, terms)


class SearchResults:
    """A search's results, as a paginator pages them.

    The keys of the window, in order, are found in one query and kept a while (never past a
    change of content), so turning pages reads only the page's rows; snippets are made for
    those alone. The keys hold one match more than is shown: `more` then says that more
    articles match than the window shows, without counting them all.
    """

    def __init__(self, search: ArticleSearch, queryset: QuerySet, *, name: str):
        self.search = search
        self.queryset = queryset
        self.name = name

    @cached_property
    def keys(self) -> list[int]:
        if not self.search:
            return []
        digest = hashlib.blake2b(self.name.encode(), digest_size=16).hexdigest()
        return pagecache.remember(
            f"search:{digest}:keys",
            lambda: self.search.ordered_keys(self.queryset),
            tags=[NEWS],
            timeout=RESULTS_SECONDS,
        )

    def count(self) -> int:
        return min(len(self.keys), self.search.window)

    def __len__(self) -> int:
        return self.count()

    @property
    def more(self) -> bool:
        return len(self.keys) > self.search.window

    def __getitem__(self, index: slice) -> list:
        return self.search.page(self.queryset, self.keys[: self.count()][index])

    @property
    def ranked(self) -> bool:
        """Whether the results are in order of relevance (only PostgreSQL ranks them)."""
        return uses_postgres(self.queryset.db) and self.search.order == "relevance"

    def orders(self) -> list[tuple[str, str, bool]]:
        """(label, query string, chosen) for each order the results can be sorted in; none
        where they cannot be ranked."""
        if not self.search or not uses_postgres(self.queryset.db):
            return []
        return [
            (
                label,
                "?" + urlencode({"q": self.search.query, "sort": order}),
                order == self.search.order,
            )
            for order, label in self.search.ORDERS.items()
        ]
