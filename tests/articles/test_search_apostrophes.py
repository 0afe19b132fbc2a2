"""A word with an apostrophe is found whichever apostrophe the reader types and the text holds
(typed or typeset), as PostgreSQL's parser finds it, in SQLite's plain search too, and its
snippet marks it whole."""

import pytest

from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TYPED = "won't"
TYPESET = "won\N{RIGHT SINGLE QUOTATION MARK}t"


@pytest.mark.parametrize("query", [TYPED, TYPESET, f'"we {TYPED} stop"', f"-{TYPED}"])
@pytest.mark.parametrize("written", [TYPED, TYPESET])
def test_a_word_is_found_by_either_apostrophe(client, written, query):
    ArticleFactory(slug="crews", headline="Crews", body=f"<p>We {written} stop the ferry.</p>")
    ArticleFactory(slug="other", headline="Buses", body="<p>Buses run as before.</p>")

    assert found(client, query) == (["other"] if query.startswith("-") else ["crews"])


@pytest.mark.parametrize("query", [TYPED, TYPESET])
@pytest.mark.parametrize("written", [TYPED, TYPESET])
def test_the_snippet_marks_the_word_as_written(client, written, query):
    ArticleFactory(headline="Crews", body=f"<p>We {written} stop the ferry.</p>")

    (article,) = client.get("/news/search/", {"q": query}).context["articles"]

    shown = written.replace("'", "&#x27;")
    assert f"<mark>{shown}</mark> stop the ferry." in str(article.snippet)
