"""A word inside a web address, an email address or a file path a piece gives is found as any
other word ("ferry" finds "example.com/ferry", "dana" finds "dana@example.com"), on PostgreSQL,
whose parser reads each address as one token, as in SQLite's plain search; the address itself is
still found whole."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def addressed():
    ArticleFactory(
        slug="booking",
        headline="Summer sailings",
        dek="Tickets at harbourferries.co.uk from Monday.",
        body="<p>Book at https://example.com/ferry-times?route=north or write to "
        "dana@example.org; the timetable is in /srv/timetables/crossing.pdf.</p>",
    )
    ArticleFactory(slug="other", headline="Harbour news", dek="Buses.", body="<p>Buses.</p>")


@pytest.mark.parametrize(
    "query",
    [
        "ferry",
        "ferry times",
        "route",
        "north",
        "dana",
        "harbourferries",
        "srv",
        "crossing",
        "example.com",
        "dana@example.org",
        "harbourferries.co.uk",
    ],
)
def test_a_word_inside_an_address_is_found(client, addressed, query):
    assert found(client, query) == ["booking"]


def test_an_address_a_piece_gained_before_is_found_once_reindexed(client, addressed):
    # What `update_search_index` remakes after the release: the vector a piece was saved with.
    Article.objects.filter(slug="booking").update(search_vector=None)

    call_command("update_search_index", verbosity=0)

    assert found(client, "dana") == ["booking"]


@pytest.mark.postgres
def test_the_stored_vector_holds_the_words_of_addresses_beside_the_addresses():
    ArticleFactory(headline="Ferries", dek="", body="<p>Mail dana@example.org now.</p>")

    vector = Article.objects.values_list("search_vector", flat=True).get()

    assert "'dana@example.org'" in vector
    assert "'dana'" in vector
    assert "'exampl'" in vector
