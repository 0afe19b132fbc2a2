"""What a search costs in SQL: a fixed number of queries however many results, only the page's
own on later pages, and kept results that give way to new content."""

import pytest

from newsroom.pagecache import schedule
from tests.articles.searching import ferry_pieces, found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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


def test_a_blank_search_makes_no_article_queries(client, django_assert_num_queries):
    schedule.next_publication()
    # settings and navigation only
    with django_assert_num_queries(2):
        client.get("/news/search/")


def test_kept_results_give_way_to_new_content(client, harbour):
    assert sorted(found(client, "ferry")) == ["body", "dek", "headline"]

    ArticleFactory(slug="new", headline="Ferry timetable for the summer")

    assert sorted(found(client, "ferry")) == ["body", "dek", "headline", "new"]
