"""Site search: /news/search/?q=, full text on PostgreSQL and a plain match elsewhere."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from articles.models import Article
from articles.search import MAX_QUERY_CHARS, clean_query, reindex
from articles.workflow import publishing
from newsroom.pagecache import schedule
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def found(client, query, **params) -> list[str]:
    response = client.get("/news/search/", {"q": query, **params})
    assert response.status_code == 200
    return [article.slug for article in response.context["articles"]]


def test_search_finds_public_articles_by_headline_summary_and_text(client, harbour):
    assert sorted(found(client, "ferry")) == ["body", "dek", "headline"]


def test_search_is_case_insensitive(client, harbour):
    assert sorted(found(client, "FERRY")) == ["body", "dek", "headline"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A footnote's number or a power is not part of the word it follows.
        ("true", ["notes"]),
        ('"claim was true in the"', ["notes"]),
        ("mc", ["notes"]),
        # An ordinal is one word, as typed.
        ("21st", ["notes"]),
        # Lowered digits are a formula's, found as typed with digits or as they show.
        ("CO2", ["chemistry"]),
        ("h2o", ["chemistry"]),
        ("CO₂", ["chemistry"]),
    ],
)
def test_words_with_superscripts_or_subscripts_are_found(client, query, expected):
    ArticleFactory(
        slug="notes",
        headline="Notes on a claim",
        body="<p>The claim was true<sup>3</sup> in the 21<sup>st</sup> century, as E = "
        "mc<sup>2</sup> says.</p>",
    )
    ArticleFactory(
        slug="chemistry",
        headline="Harbour water",
        body="<p>Less CO<sub>2</sub> in the H<sub>2</sub>O of the harbour.</p>",
    )

    assert found(client, query) == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
@pytest.mark.parametrize("query", ["école", "ÉCOLE", "über", "émile", '"über a century"'])
def test_the_plain_search_ignores_the_case_of_letters_beyond_ascii(client, query):
    """SQLite's LIKE folds ASCII letters alone; the plain search folds every letter."""
    ArticleFactory(
        slug="school",
        headline="Émile Zola visits the École normale",
        dek="Über a century later.",
        body="<p>A visit.</p>",
    )
    ArticleFactory(slug="other", headline="A visit to the harbour")

    assert found(client, query) == ["school"]
    assert found(client, f"-{query}") == ["other"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plain search of SQLite")
def test_every_new_sqlite_connection_folds_case():
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT CASEFOLD(%s), CASEFOLD(NULL)", ["Émile STRAẞE"])
            assert cursor.fetchone() == ("émile strasse", None)
    finally:
        other.close()


def test_search_never_finds_drafts_scheduled_or_unpublished_articles(client, harbour):
    results = found(client, "ferry")

    assert not {"draft", "later", "pulled"} & set(results)
    html = client.get("/news/search/", {"q": "secrets recall plans"}).content.decode()
    assert "Ferry secrets" not in html
    assert "Ferry recall" not in html


def test_a_blank_query_shows_the_form_and_no_results(client, harbour):
    for query in ["", "   ", "\t\n"]:
        response = client.get("/news/search/", {"q": query})
        assert response.status_code == 200
        assert list(response.context["articles"]) == []
        html = response.content.decode()
        assert '<form class="search-form" role="search"' in html
        assert "found for" not in html
    assert client.get("/news/search/").status_code == 200


@pytest.mark.parametrize("query", ['"', '""', "or", '"or"', "OR or", "³", '"⁽²⁾"'])
def test_a_query_with_no_word_to_match_finds_nothing(client, harbour, query):
    response = client.get("/news/search/", {"q": query})

    assert response.status_code == 200
    assert list(response.context["articles"]) == []
    html = response.content.decode()
    assert "No articles found for" in html
    assert not re.search(r"\d+ articles? found", html)


@pytest.mark.parametrize(
    "query",
    [
        "ferry " * 2000,
        "x" * 10_000,
        "ferry\x00harbour\x07\x1b[31m",
        '"',
        "-",
        "or",
        "!!! ||| &&& ::: ''",
        "'; DROP TABLE articles_article; --",
        "(ferry",
        "ferry:*",
        "<script>alert(1)</script>",
    ],
    ids=[
        "10000-words",
        "10000-chars",
        "control-characters",
        "quote",
        "minus",
        "or",
        "operators",
        "sql",
        "bracket",
        "prefix-syntax",
        "markup",
    ],
)
def test_absurd_queries_get_a_normal_page(client, harbour, query):
    response = client.get("/news/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "\x00" not in html
    assert len(response.context["query"]) <= MAX_QUERY_CHARS


def test_a_query_that_is_not_valid_utf8_gets_a_normal_page(client, harbour):
    response = client.get("/news/search/?q=%ED%A0%80%FF%00ferry")

    assert response.status_code == 200


def test_queries_are_cleaned_and_cut_at_a_word_boundary():
    assert clean_query("  ferry\x00 \x1bharbour\n ") == "ferry harbour"
    assert clean_query(None) == ""
    long = clean_query("harbour " * 100)
    assert len(long) <= MAX_QUERY_CHARS
    assert long.endswith("harbour")


def test_the_query_is_shown_back_escaped(client, harbour):
    html = client.get("/news/search/", {"q": '<b>"ferry"</b>'}).content.decode()

    assert "<b>" not in html.split("<main", 1)[1]
    assert 'value="&lt;b&gt;&quot;ferry&quot;&lt;/b&gt;"' in html


def test_results_say_how_many_were_found_and_show_snippets(client, harbour):
    html = client.get("/news/search/", {"q": "island"}).content.decode()

    assert "1 article found for “island”." in html
    assert '<p class="card__snippet">' in html
    assert "<mark>island</mark>" in html


def cards(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<li>(<article class="card">.*?</article>)', html, re.S)


def test_results_are_the_index_cards_with_a_snippet(client, make_upload):
    ArticleFactory(
        headline="Ferry news",
        kind="news",
        body="<p>Take the ferry.</p>",
        featured_image=make_upload("ferry.jpg"),
        featured_image_alt="A ferry",
    )

    (on_the_index,) = cards(client.get("/news/", {"kind": "news"}))
    results = client.get("/news/search/", {"q": "ferry"})
    (found,) = cards(results)

    snippet = re.search(r' *<p class="card__snippet">.*?</p>\n', found).group(0)
    assert "<mark>" in snippet
    assert found.replace(snippet, "") == on_the_index
    assert '<ul class="card-list">' in results.content.decode()


def test_a_search_without_results_says_so(client, harbour):
    html = client.get("/news/search/", {"q": "zeppelin"}).content.decode()

    assert "No articles found for “zeppelin”." in html


def test_results_are_paginated_keeping_the_query(client):
    for n in range(13):
        ArticleFactory(headline=f"Ferry update {n}")

    first = client.get("/news/search/", {"q": "ferry"})
    second = client.get("/news/search/", {"q": "ferry", "page": 2})

    assert len(first.context["articles"]) == 12
    assert len(second.context["articles"]) == 1
    assert 'href="?q=ferry&amp;page=2"' in first.content.decode()
    assert "13 articles found" in first.content.decode()


def test_a_held_back_text_is_neither_searched_nor_quoted(client):
    ArticleFactory(
        slug="held",
        headline="The finale, discussed",
        dek="A season's end.",
        introduction="<p>Our critic on who the keeper really was.</p>",
        body="<p>The lighthouse keeper was the smuggler all along.</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale",
    )

    # The introduction sits behind the warning with the text.
    assert found(client, "smuggler") == []
    assert found(client, "critic") == []
    assert found(client, "keeper") == []
    for query in ["finale", "season"]:
        response = client.get("/news/search/", {"q": query})
        assert [article.slug for article in response.context["articles"]] == ["held"]
        html = response.content.decode()
        assert "smuggler" not in html
        assert "critic" not in html


def test_the_search_text_follows_edits(client, harbour):
    article = Article.objects.get(slug="body")
    article.body = "<p>Take the tram to the zeppelin field.</p>"
    article.save()

    assert found(client, "zeppelin") == ["body"]
    assert "body" not in found(client, "island")


def test_publishing_keeps_the_article_searchable(client):
    article = ArticleFactory(slug="draft", headline="Lighthouse reopens", status="draft")

    publishing.publish(article)

    assert found(client, "lighthouse") == ["draft"]


def test_reindex_repairs_articles_changed_behind_saves_back(client, harbour):
    Article.objects.filter(slug="dek").update(body="<p>A zeppelin lands.</p>", search_text="")
    assert found(client, "zeppelin") == []

    assert reindex(Article.objects.all()) == 6

    assert found(client, "zeppelin") == ["dek"]


def test_the_reindex_command_rebuilds_every_article(client, harbour):
    Article.objects.filter(slug="dek").update(body="<p>A zeppelin lands.</p>")
    out = io.StringIO()

    call_command("update_search_index", stdout=out)

    assert out.getvalue() == "Indexed 6 articles for search.\n"
    assert found(client, "zeppelin") == ["dek"]


def test_the_header_has_a_search_box_except_on_the_search_page(client, harbour):
    index = client.get("/news/").content.decode()
    search = client.get("/news/search/", {"q": "ferry"}).content.decode()

    assert '<form class="site-search" role="search" method="get" action="/news/search/">' in index
    assert '<form class="site-search"' not in search
    assert '<meta name="robots" content="noindex">' in search


def ferry_pieces(count: int) -> list[str]:
    """`count` public pieces about ferries, one a day: their slugs, newest first."""
    now = timezone.now()
    for n in range(count):
        ArticleFactory(
            slug=f"ferry-{n}",
            headline=f"Ferry update {n}",
            published_at=now - timedelta(days=n + 1),
        )
    return [f"ferry-{n}" for n in range(count)]


def every_page(client, query, **params) -> list[str]:
    """The slugs on every page of a search's results, in order."""
    slugs, number = [], 1
    while True:
        response = client.get("/news/search/", {"q": query, "page": number, **params})
        assert response.status_code == 200
        slugs += [article.slug for article in response.context["articles"]]
        if not response.context["page_obj"].has_next():
            return slugs
        number += 1


def summary(client, query, **params) -> str:
    html = client.get("/news/search/", {"q": query, **params}).content.decode()
    return html.split('<p class="search-summary" role="status">', 1)[1].split("</p>", 1)[0]


def test_a_search_shows_at_most_the_window_of_newest_matches(client, window):
    newest_first = ferry_pieces(window + 5)

    shown = every_page(client, "ferry")

    assert len(shown) == len(set(shown)) == window
    # Ranked or not, what is shown comes from the newest matches (and one more, to count them).
    assert set(shown) <= set(newest_first[: window + 1])
    assert client.get("/news/search/", {"q": "ferry", "page": 3}).status_code == 404


def test_a_full_window_says_more_articles_match_and_how_to_narrow_the_search(client, window):
    ferry_pieces(window + 1)

    text = summary(client, "ferry")

    # Only PostgreSQL ranks; the plain search lists newest first.
    ranked = connection.vendor == "postgresql"
    shown = "the 15 most relevant of the newest matches" if ranked else "the newest 15"
    assert text == (
        f"More than 15 articles found for “ferry”. Showing {shown};"
        " add words or a “phrase” to narrow the search."
    )


def test_a_window_just_filled_gives_the_exact_count(client, window):
    ferry_pieces(window)

    assert summary(client, "ferry") == "15 articles found for “ferry”."
    assert len(every_page(client, "ferry")) == window


def test_the_newest_order_shows_exactly_the_newest_matches(client, window):
    newest_first = ferry_pieces(window + 5)

    assert every_page(client, "ferry", sort="newest") == newest_first[:window]
    assert summary(client, "ferry", sort="newest").startswith(
        "More than 15 articles found for “ferry”. Showing the newest 15;"
    )


def test_an_unknown_order_means_relevance(client, harbour):
    assert found(client, "ferry", sort="oldest") == found(client, "ferry")


def test_a_result_card_shows_its_bylines_in_order_and_its_warnings(client):
    dana, marcus = AuthorFactory(name="Dana Whitfield"), AuthorFactory(name="Marcus Ellis")
    piece = ArticleFactory(
        headline="Ferry strike ends", authors=[marcus, dana], spoiler_warning="x"
    )
    piece.bylines.filter(author=dana).update(position=0)
    piece.bylines.filter(author=marcus).update(position=1)

    html = client.get("/news/search/", {"q": "ferry"}).content.decode()

    assert '<p class="byline">By Dana Whitfield and Marcus Ellis</p>' in html
    assert 'class="badge badge--warning"' in html


# settings, navigation, the results (kept for the next pages), the page's articles, and the
# bylines and warnings of every card, in one query
SEARCH_QUERIES = 5


@pytest.mark.parametrize("count", [1, 30])
def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    for n in range(count):
        ArticleFactory(headline=f"Ferry news {n}", tag_names=["Harbour"], spoiler_warning="x")
    schedule.next_publication()  # found once per change, before any page: not the search's

    with django_assert_num_queries(SEARCH_QUERIES):
        client.get("/news/search/", {"q": "ferry"})


def test_a_full_window_of_results_costs_the_same_queries(client, django_assert_num_queries, window):
    ferry_pieces(window + 10)
    schedule.next_publication()

    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get("/news/search/", {"q": "ferry"})

    assert "More than 15 articles" in response.content.decode()


def test_turning_a_page_of_results_reads_only_that_page(client, django_assert_num_queries):
    ferry_pieces(30)
    client.get("/news/search/", {"q": "ferry"})

    # the page's articles, and the bylines and warnings of its cards: the results are kept
    with django_assert_num_queries(2) as queries:
        response = client.get("/news/search/", {"q": "ferry", "page": 2})

    assert len(response.context["articles"]) == 12
    assert "ts_rank" not in " ".join(query["sql"] for query in queries.captured_queries)


def test_kept_results_give_way_to_new_content(client, harbour):
    assert sorted(found(client, "ferry")) == ["body", "dek", "headline"]

    ArticleFactory(slug="new", headline="Ferry timetable for the summer")

    assert sorted(found(client, "ferry")) == ["body", "dek", "headline", "new"]


def test_a_blank_search_makes_no_article_queries(client, django_assert_num_queries):
    schedule.next_publication()
    # settings and navigation only
    with django_assert_num_queries(2):
        client.get("/news/search/")
