"""Plain text in a JSON Lines import ("body_text", "introduction_text") is read as a plain-text
paste is: the same paragraphs, line breaks, lists and links, so a piece imported from a file
has the body it would have had pasted."""

import json

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form
from tests.articles.crosspost.test_import_articles import run

pytestmark = pytest.mark.django_db

HEADLINE = "Three things the crew gets right"

TEXTS = [
    pytest.param(
        "Our crew does three things.\n\n1. They say the bad news early.\n2. They write things "
        "down.\n3. They fix small problems.",
        "<p>Our crew does three things.</p><ol><li>They say the bad news early.</li>"
        "<li>They write things down.</li><li>They fix small problems.</li></ol>",
        id="numbers",
    ),
    pytest.param(
        "Steps:\n\na. Write the agenda.\nb. Send it a day ahead.\n\nThen, on the day:\n\n"
        "c. Start on time.",
        '<p>Steps:</p><ol type="a"><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>'
        '<p>Then, on the day:</p><ol start="3" type="a"><li>Start on time.</li></ol>',
        id="letters going on after a paragraph",
    ),
    pytest.param(
        "ii. The hull.\niii. The crew.\n\n- Paint\n- Rust",
        '<ol start="2" type="i"><li>The hull.</li><li>The crew.</li></ol>'
        "<ul><li>Paint</li><li>Rust</li></ul>",
        id="numerals and bullets",
    ),
    pytest.param(
        "The harbour opened in spring.\nThe ferry came later.\n\nRead more at "
        "https://example.com/harbour?utm_source=linkedin.",
        "<p>The harbour opened in spring.<br>The ferry came later.</p>"
        '<p>Read more at <a href="https://example.com/harbour" rel="noopener noreferrer">'
        "https://example.com/harbour</a>.</p>",
        id="paragraphs, a line break and a link",
    ),
    pytest.param(
        "I. M. Pei designed the pyramid.\nA. Lincoln said it first.\n\nc. 1900 the harbour "
        "opened.\n\nv. Smith was decided in 1990.",
        "<p>I. M. Pei designed the pyramid.<br>A. Lincoln said it first.</p>"
        "<p>c. 1900 the harbour opened.</p><p>v. Smith was decided in 1990.</p>",
        id="sentences that only look like points",
    ),
    pytest.param(
        "One line.\nAnother line.\nA third.",
        "<p>One line.</p><p>Another line.</p><p>A third.</p>",
        id="no blank line: a paragraph a line",
    ),
    pytest.param(
        "Three rules:\n1. Say it early.\n2. Write it down.\nThat is all.",
        "<p>Three rules:</p><ol><li>Say it early.</li><li>Write it down.</li></ol>"
        "<p>That is all.</p>",
        id="no blank line: the points of a list stay one list",
    ),
]


def pasted(text: str) -> str:
    """`text` pasted under its headline, parted from it as its own paragraphs are."""
    return f"{HEADLINE}\n\n{text}" if "\n\n" in text else f"{HEADLINE}\n{text}"


def import_json_line(tmp_path, **record) -> Article:
    path = tmp_path / "pieces.jsonl"
    path.write_text(json.dumps({"headline": HEADLINE, "author": "Dana Whitfield"} | record))
    _, err = run(str(path))
    assert err == "", err
    return Article.objects.get()


@pytest.mark.parametrize(("text", "body"), TEXTS)
def test_body_text_imported_from_json_lines_is_the_body_its_paste_gives(
    admin_client, tmp_path, text, body
):
    imported = import_json_line(tmp_path, body_text=text)
    assert imported.body == body

    author = imported.lead_author
    imported.delete()
    make_draft(admin_client, paste_form(author=author.pk, pasted=pasted(text)))
    assert Article.objects.get().body == imported.body


@pytest.mark.parametrize(("text", "introduction"), TEXTS)
def test_an_introduction_typed_as_text_reads_the_same_in_a_file_and_in_the_paste_form(
    admin_client, tmp_path, text, introduction
):
    imported = import_json_line(tmp_path, body_text="The piece.", introduction_text=text)
    assert imported.introduction == introduction

    author = imported.lead_author
    imported.delete()
    make_draft(
        admin_client,
        paste_form(
            author=author.pk,
            pasted=f"{HEADLINE}\n\nThe piece.",
            introduction=text,
        ),
    )
    assert Article.objects.get().introduction == introduction


def test_markup_typed_as_body_text_is_kept_as_the_text_it_is(tmp_path):
    article = import_json_line(
        tmp_path, body_text="1. Use <b> for bold & <script> never.\n2. Check 3 < 4."
    )

    assert article.body == (
        "<ol><li>Use &lt;b&gt; for bold &amp; &lt;script&gt; never.</li>"
        "<li>Check 3 &lt; 4.</li></ol>"
    )


def test_bold_and_italic_imported_as_html_are_stored_as_the_editor_writes_them(tmp_path):
    imported = import_json_line(tmp_path, body="<p><b>Bold</b> and <i>italic</i></p>")

    assert imported.body == "<p><strong>Bold</strong> and <em>italic</em></p>"


def test_struck_and_cited_words_imported_as_html_are_stored_as_a_paste_makes_them(tmp_path):
    body = "<p><strike>Sold</strike> <del>out</del> in <cite>The Times</cite></p>"
    imported = import_json_line(tmp_path, body=body)

    assert imported.body == "<p><s>Sold</s> <s>out</s> in <em>The Times</em></p>"
    assert imported.body == clean_paste(html=f"<p>{HEADLINE}</p>{body}").body
