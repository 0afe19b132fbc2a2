"""Search snippets: whole words only, cut between words with an ellipsis, whole words marked,
everything the article or the reader wrote escaped."""

import re
from html import unescape

import pytest

from articles import snippets
from articles.snippets import FRAGMENT_DELIMITER as CUT
from articles.snippets import START, STOP
from tests.factories import ArticleFactory

HARBOUR = (
    "Crews are back at work. The well-known ferry-men of the island market sail daily, "
    "and Dana’s supermarkets close early."
)


def words_of(html: str) -> list[str]:
    """The words a reader sees in a snippet, marks and ellipses left out."""
    text = re.sub(r"</?mark>", "", html).replace("…", " ")
    return text.split()


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_a_term_marks_whole_words_starting_with_it():
    html = snippets.around_terms("Take the ferry-men to the markets today.", ["market", "ferry"])

    assert html == "Take the <mark>ferry-men</mark> to the <mark>markets</mark> today."


def test_a_term_found_only_inside_words_marks_those_words_whole():
    html = snippets.around_terms(HARBOUR, ["permarket", "ana"])

    assert marked(html) == ["Dana’s", "supermarkets"]


def test_a_word_starting_with_the_term_is_preferred_to_one_containing_it():
    html = snippets.around_terms(HARBOUR, ["market"])

    assert marked(html) == ["market"]


def test_a_phrase_is_marked_whole():
    html = snippets.around_terms(HARBOUR, ["ISLAND  market"])

    assert marked(html) == ["island market"]


def test_a_long_text_is_cut_between_words_around_the_first_match_with_ellipses():
    text = " ".join(f"word{n}" for n in range(100)).replace("word50", "ferryboat")

    html = snippets.around_terms(text, ["ferry"], words=12)

    assert words_of(html) == text.split()[46:58]
    assert html.startswith("… word46 ")
    assert html.endswith(" word57 …")
    assert marked(html) == ["ferryboat"]


def test_a_snippet_at_the_start_or_the_end_of_the_text_has_no_ellipsis_there():
    text = " ".join(f"word{n}" for n in range(40))

    first = snippets.around_terms(text, ["word1"], words=10)
    last = snippets.around_terms(text, ["word39"], words=10)

    assert first == "word0 <mark>word1</mark> word2 word3 word4 word5 word6 word7 word8 word9 …"
    assert (
        last
        == "… word30 word31 word32 word33 word34 word35 word36 word37 word38 <mark>word39</mark>"
    )


def test_without_a_match_in_the_text_the_snippet_is_its_first_words():
    assert snippets.around_terms(HARBOUR, ["zeppelin"], words=4) == "Crews are back at …"
    assert snippets.around_terms("", ["ferry"]) == ""


@pytest.mark.parametrize(
    "query",
    ["<script>", '"><img src=x onerror=alert(1)>', "mark", "</mark><b>", "&amp;", "\\w+", "(.*)"],
)
def test_hostile_text_and_queries_never_become_markup(query):
    text = (
        'Before <script>alert("x")</script> and <mark>fake</mark> & "><img src=x onerror=alert(1)>'
        " mark &amp; (.*) \\w+ after"
    )

    html = snippets.around_terms(text, [query, "after"])

    assert set(re.findall(r"<\s*/?\s*(\w+)", html)) <= {"mark"}
    unmarked = re.sub("</?mark>", "", html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in unmarked
    assert "&lt;mark&gt;fake&lt;/mark&gt; &amp; &quot;&gt;&lt;img src=x" in unmarked
    assert marked(html)[-1] == "after"


def test_a_headline_cut_inside_a_word_is_widened_to_whole_words():
    headline = f"known {START}ferry{STOP}-men of the island {START}market{STOP} sail"

    html = snippets.from_headline(HARBOUR, headline)

    assert html == "… well-known <mark>ferry-men</mark> of the island <mark>market</mark> sail …"


def test_headline_passages_are_joined_with_an_ellipsis_in_the_texts_order():
    text = "Ferry news. " + "Nothing here. " * 20 + "The last ferry-boat leaves at ten."
    headline = f"{START}Ferry{STOP} news.{CUT}last {START}ferry{STOP}-boat leaves at ten."

    html = snippets.from_headline(text, headline)

    assert html == "<mark>Ferry</mark> news. … last <mark>ferry-boat</mark> leaves at ten."


def test_passages_next_to_each_other_are_shown_as_one():
    text = "Take the ferry. " * 3
    headline = f"Take the {START}ferry{STOP}.{CUT}Take the {START}ferry{STOP}."

    html = snippets.from_headline(text.strip(), headline)

    assert html == "Take the <mark>ferry</mark>. Take the <mark>ferry</mark>. …"


def test_a_repeated_passage_is_shown_once():
    headline = f"Take the {START}ferry{STOP}.{CUT}Take the {START}ferry{STOP}."

    assert snippets.from_headline("Take the ferry.", headline) == "Take the <mark>ferry</mark>."


def test_a_headline_is_escaped_like_the_text():
    text = 'A <b>bold</b> "ferry" & more'
    headline = f'<b>bold</b> "{START}ferry{STOP}" &'

    html = snippets.from_headline(text, headline)

    assert html == "… &lt;b&gt;bold&lt;/b&gt; &quot;<mark>ferry</mark>&quot; &amp; …"


def test_a_headline_is_found_where_the_text_holds_what_postgresql_reads_as_tags():
    # ts_headline writes a space for "<b>" and "</b>" in the text.
    text = "The crew says <b>now</b> the ferry leaves."
    headline = f"says  now  the {START}ferry{STOP} leaves."

    html = snippets.from_headline(text, headline)

    assert html == "… says &lt;b&gt;now&lt;/b&gt; the <mark>ferry</mark> leaves."


def test_a_formula_typed_with_digits_marks_the_formula_with_lowered_digits():
    text = "Less CO₂ and H₂O, more CO2 typed."

    html = snippets.around_terms(text, ["co2", "H₂O"])

    assert html == "Less <mark>CO₂</mark> and <mark>H₂O</mark>, more <mark>CO2</mark> typed."


def test_a_headline_read_with_digits_as_typed_marks_the_formula_as_the_text_has_it():
    # ts_headline is given the text with lowered digits made digits, the same length.
    text = "Less CO₂ in the H₂O of the harbour."
    headline = f"Less {START}CO2{STOP} in the H2O of"

    html = snippets.from_headline(text, headline)

    assert html == "Less <mark>CO₂</mark> in the H₂O of …"


def test_a_headline_not_found_in_the_text_gives_no_snippet():
    assert snippets.from_headline(HARBOUR, f"{START}zeppelin{STOP} field") == ""
    assert snippets.from_headline("", "") == ""


# Snippets on the results page, from either search.


FERRY_TEXT = (
    "Crews are back at work after a long winter on the quays. The well-known ferry-men of the "
    "island market sail daily again, and Dana’s crew keeps its supermarkets stocked. "
    + "Nothing else happened that week in the harbour town. " * 8
    + "The last ferry-boat leaves at ten."
)


def snippet_of(client, query: str) -> str:
    (article,) = client.get("/news/search/", {"q": query}).context["articles"]
    return str(article.snippet)


def assert_whole_words(snippet: str, text: str) -> None:
    """Every word of `snippet` is a word of `text`, and every mark covers whole words."""
    words = set(text.split())
    shown = re.sub(r"</?mark>", "", snippet).replace("…", " ")
    assert set(unescape(shown).split()) <= words, snippet
    for mark in re.findall(r"<mark>(.*?)</mark>", snippet):
        found = re.search(rf"(?<![\w’'-]){re.escape(unescape(mark))}(?![\w’'-])", text)
        assert found, f"{mark!r} is not a whole word in {snippet!r}"


@pytest.mark.parametrize("query", ["ferry", "market", "known", "dana", "crew", "ten"])
@pytest.mark.django_db
def test_snippets_start_and_end_between_words_and_mark_whole_words(client, query):
    ArticleFactory(headline="Weekend plans", body=f"<p>{FERRY_TEXT}</p>")

    snippet = snippet_of(client, query)

    assert_whole_words(snippet, FERRY_TEXT)
    assert "<mark>" in snippet
    # An ellipsis wherever the text was cut.
    shown = re.sub(r"</?mark>", "", snippet)
    assert shown.startswith(("… ", "Crews are"))
    assert shown.endswith((" …", "at ten."))


@pytest.mark.django_db
def test_snippets_mark_a_hyphenated_word_whole(client):
    ArticleFactory(headline="Weekend plans", body=f"<p>{FERRY_TEXT}</p>")

    assert "<mark>ferry-men</mark>" in snippet_of(client, "ferry")


@pytest.mark.django_db
def test_a_hostile_query_and_text_never_become_markup_in_snippets(client):
    ArticleFactory(
        headline="Weekend plans",
        body="<p>The ferry script says &lt;script&gt;alert(1)&lt;/script&gt; and "
        "&lt;b onmouseover=alert(2)&gt;now&lt;/b&gt; &amp; “then”.</p>",
    )

    # Found by both searches: PostgreSQL's parser reads "<script>" as a tag and leaves it out.
    response = client.get("/news/search/", {"q": "ferry <script>"})

    snippet = str(response.context["articles"][0].snippet)
    assert set(re.findall(r"<\s*/?\s*(\w+)", snippet)) == {"mark"}
    assert "<mark>ferry</mark>" in snippet
    assert re.sub("</?mark>", "", snippet).endswith(
        "ferry script says &lt;script&gt;alert(1)&lt;/script&gt; and "
        "&lt;b onmouseover=alert(2)&gt;now&lt;/b&gt; &amp; “then”."
    )
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b onmouseover" not in html


@pytest.mark.django_db
def test_the_last_word_of_a_paragraph_and_the_first_of_the_next_are_found_apart(client):
    ArticleFactory(headline="Weekend plans", body="<p>Take the ferry.</p><p>Island market</p>")

    assert snippet_of(client, "island") == "Take the ferry. <mark>Island</mark> market"


@pytest.mark.django_db
def test_a_snippet_shows_superscripts_and_subscripts_as_the_page_does(client):
    ArticleFactory(
        headline="Weekend plans",
        body="<p>The claim was true<sup>3</sup>, as E = mc<sup>2</sup> and CO<sub>2</sub> are.</p>",
    )

    snippet = snippet_of(client, "true")

    # The footnote's number is shown raised, and marked with the word it belongs to.
    assert "was <mark>true³</mark>," in snippet
    assert "3" not in snippet
