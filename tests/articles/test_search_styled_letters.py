"""Search reads letters styled with Unicode's mathematical alphabets, as posts pasted from
LinkedIn write their bold and italics, and full-width letters as the plain
letters a reader types, on PostgreSQL and in SQLite's plain search."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.search_folding import plain_letters
from tests.articles.searching import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_styled_letters_are_read_as_the_plain_ones():
    assert plain_letters("𝐅𝐞𝐫𝐫𝐲 𝘴𝘦𝘳𝘷𝘪𝘤𝘦 𝟐𝟎𝟐𝟔 ℎ𝑒𝑙𝑝 ＦＥＲＲＹ") == "Ferry service 2026 help FERRY"
    # Each keeps its place, so a match found in the plain text is at the same place.
    assert len(plain_letters("𝐅𝐞𝐫𝐫𝐲")) == len("𝐅𝐞𝐫𝐫𝐲")
    # Raised and lowered characters, ligatures and symbols are left as they are.
    assert plain_letters("true³ CO₂ ﬁne № ™ ½") == "true³ CO₂ ﬁne № ™ ½"


@pytest.mark.parametrize("query", ["ferry", "FERRY", "𝐅𝐞𝐫𝐫𝐲"])
@pytest.mark.parametrize(
    "styled",
    [
        {"headline": "𝐅𝐞𝐫𝐫𝐲 𝐬𝐞𝐫𝐯𝐢𝐜𝐞 resumes"},
        {"dek": "The 𝘧𝘦𝘳𝘳𝘺 is back."},
        {"body": "<p>𝗙𝗘𝗥𝗥𝗬 timetable for the 𝘪𝘴𝘭𝘢𝘯𝘥.</p>"},
        {"body": "<p>ＦＥＲＲＹ timetable.</p>"},
    ],
    ids=["bold-headline", "italic-dek", "sans-bold-text", "full-width-text"],
)
def test_a_piece_written_in_styled_letters_is_found_by_its_words(client, styled, query):
    ArticleFactory(slug="styled", **{"headline": "Weekend", "dek": "What is on.", **styled})
    ArticleFactory(slug="other", headline="Harbour news", dek="Buses.", body="<p>Buses.</p>")

    assert found(client, query) == ["styled"]


def test_a_piece_in_plain_letters_is_found_by_a_styled_query(client):
    ArticleFactory(slug="plain", headline="Ferry service resumes")

    assert found(client, "𝐅𝐞𝐫𝐫𝐲 𝐬𝐞𝐫𝐯𝐢𝐜𝐞") == ["plain"]


def test_the_snippet_marks_the_styled_word_the_search_found(client):
    ArticleFactory(headline="Weekend", body="<p>Take the 𝐟𝐞𝐫𝐫𝐲 to the island market.</p>")

    (article,) = client.get("/news/search/", {"q": "ferry"}).context["articles"]

    assert "the <mark>ferry</mark> to the island" in str(article.snippet)


@pytest.mark.postgres
def test_updating_the_search_index_rereads_pieces_indexed_before(client):
    ArticleFactory(slug="styled", headline="𝐅𝐞𝐫𝐫𝐲 news", body="<p>𝐈𝐬𝐥𝐚𝐧𝐝 market.</p>")
    # As rows saved before were indexed: the styled letters as they were written.
    Article.objects.update(search_text="𝐈𝐬𝐥𝐚𝐧𝐝 market.", search_vector=None)
    assert found(client, "island") == []

    call_command("update_search_index", stdout=io.StringIO())

    assert found(client, "island") == ["styled"]
    assert found(client, "ferry") == ["styled"]
