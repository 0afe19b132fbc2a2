"""The calendar names each piece's state in words: a draft, a piece in review, scheduled,
embargoed or published, in the month and the week alike, with one query for every piece."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

MONTH = "/admin/desk/calendar/2031/3/"
WEEK = "/admin/desk/calendar/2031/week/12/"  # Mar 17 to 23, 2031


def entry_html(html: str, headline: str) -> str:
    """The calendar line of the piece headed `headline`."""
    end = html.index(headline)
    return html[html.rindex('<li class="desk-entry', 0, end) : html.index("</li>", end)]


@pytest.fixture
def pieces():
    at = datetime(2031, 3, 18, 9, tzinfo=UTC)
    ArticleFactory(headline="A draft", status="draft", published_at=None, planned_for=at)
    ArticleFactory(headline="Under review", status="in-review", published_at=None, planned_for=at)
    ArticleFactory(headline="Runs by itself", published_at=at)
    release = ArticleFactory(headline="Quarterly results", status="draft", published_at=None)
    publishing.embargo(release, until=timezone.now() + timedelta(days=1))
    type(release).objects.filter(pk=release.pk).update(published_at=at, embargoed_until=at)


@pytest.mark.parametrize("address", [MONTH, WEEK])
def test_each_piece_is_labelled_with_its_state_in_words(editor_client, pieces, address):
    html = editor_client.get(address).content.decode()

    assert '<span class="desk-kind desk-kind--draft">Draft</span>' in entry_html(html, "A draft")
    assert '<span class="desk-kind desk-kind--in-review">In review</span>' in entry_html(
        html, "Under review"
    )
    assert '<span class="desk-kind desk-kind--scheduled">Scheduled</span>' in entry_html(
        html, "Runs by itself"
    )
    assert '<span class="desk-kind desk-kind--embargoed">Embargoed</span>' in entry_html(
        html, "Quarterly results"
    )
    assert ">Planned</span>" not in html


def test_a_contributor_sees_the_state_of_their_own_pieces(contributor_client, contributor):
    at = datetime(2031, 3, 18, 9, tzinfo=UTC)
    ArticleFactory(
        headline="Mine, in review",
        status="in-review",
        published_at=None,
        planned_for=at,
        created_by=contributor,
    )
    ArticleFactory(headline="Theirs", status="in-review", published_at=None, planned_for=at)

    html = contributor_client.get(WEEK).content.decode()

    assert ">In review</span>" in entry_html(html, "Mine, in review")
    assert "Theirs" not in html


def queries_for(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("address", [MONTH, WEEK])
def test_the_states_cost_no_query_per_piece(editor_client, address):
    at = datetime(2031, 3, 18, 9, tzinfo=UTC)
    statuses = ["draft", "in-review"]
    ArticleFactory(status="draft", published_at=None, planned_for=at)
    one = queries_for(editor_client, address)
    for number in range(19):
        ArticleFactory(
            status=statuses[(number + 1) % 2],
            published_at=None,
            planned_for=at + timedelta(minutes=number),
        )
    html = editor_client.get(address).content.decode()
    assert html.count(">In review</span>") == 10
    assert html.count(">Draft</span>") == 10

    assert queries_for(editor_client, address) == one
