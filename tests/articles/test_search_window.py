"""The window of a search: at most the newest matches are shown, and the summary says when more
match and how to narrow the search."""

import pytest
from django.db import connection

from tests.articles.searching import every_page, ferry_pieces, summary

pytestmark = pytest.mark.django_db


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
