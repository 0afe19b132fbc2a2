"""The canonical link of a filtered news index: the topic's or author's own page where one
filter lists what that page lists, else the index with its filters in one order."""

import re
from html import unescape

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def canonical(client, query: str) -> list[str]:
    html = client.get(f"/news/{query}").content.decode()
    return [unescape(href) for href in re.findall(r'<link rel="canonical" href="([^"]*)">', html)]


@pytest.fixture
def archive():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    for number in range(13):
        ArticleFactory(
            headline=f"Piece {number}",
            kind=Article.Kind.OP_ED,
            authors=[dana],
            tag_names=["Television", "CAFÉS"],
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "/news/"),
        ("?page=2", "/news/?page=2"),
        ("?tag=television", "/news/tags/television/"),
        ("?tag=TELEVISION&utm_source=x", "/news/tags/television/"),
        ("?tag=caf%C3%A9s&page=2", "/news/tags/caf%C3%A9s/?page=2"),
        ("?author=Dana-Whitfield", "/news/authors/dana-whitfield/"),
        ("?author=dana-whitfield&page=2", "/news/authors/dana-whitfield/?page=2"),
        ("?kind=OP-ED", "/news/?kind=op-ed"),
        ("?kind=op-ed&page=2&hide_spoilers=all", "/news/?kind=op-ed&page=2"),
        ("?tag=Television&kind=op-ed", "/news/?kind=op-ed&tag=television"),
        (
            "?tag=television&author=dana-whitfield&kind=op-ed&page=2",
            "/news/?author=dana-whitfield&kind=op-ed&tag=television&page=2",
        ),
        ("?kind=nonsense", "/news/"),
    ],
)
def test_a_filtered_index_names_the_page_that_lists_the_same_pieces(
    client, archive, query, expected
):
    assert canonical(client, query) == [HOST + expected]


def test_a_filter_naming_nothing_names_no_canonical_page(client, archive):
    assert canonical(client, "?tag=no-such-topic") == []
    assert canonical(client, "?kind=op-ed&author=nobody") == []
