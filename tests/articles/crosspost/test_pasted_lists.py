"""Lists in pasted plain text: bullets, numbers, and points counted in letters or roman
numerals ("a.", "b)", "(c)", "ii.", "IV."), which become lists only where at least two points
follow one another, so that a sentence starting "I. " or "a. " stays a sentence."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form
from tests.articles.crosspost.test_import_articles import run

TITLE = "Three things the crew gets right\n\n"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        pytest.param(
            "a. They say the bad news early.\nb. They write things down.\nc. They fix small "
            "problems.",
            '<ol type="a"><li>They say the bad news early.</li><li>They write things down.</li>'
            "<li>They fix small problems.</li></ol>",
            id="letters",
        ),
        pytest.param(
            "A) The engine.\nB) The hull.",
            '<ol type="A"><li>The engine.</li><li>The hull.</li></ol>',
            id="capitals",
        ),
        pytest.param(
            "(a) The engine.\n(b) The hull.",
            '<ol type="a"><li>The engine.</li><li>The hull.</li></ol>',
            id="letters in brackets",
        ),
        pytest.param(
            "i. The engine.\nii. The hull.\niii. The crew.",
            '<ol type="i"><li>The engine.</li><li>The hull.</li><li>The crew.</li></ol>',
            id="numerals",
        ),
        pytest.param(
            "I. Spring\nII. Summer\nIII. Autumn\nIV. Winter",
            '<ol type="I"><li>Spring</li><li>Summer</li><li>Autumn</li><li>Winter</li></ol>',
            id="capital numerals",
        ),
        pytest.param(
            "iv) The engine.\nv) The hull.",
            '<ol start="4" type="i"><li>The engine.</li><li>The hull.</li></ol>',
            id="numerals from four",
        ),
        pytest.param(
            "h. Eighth.\ni. Ninth.\nj. Tenth.",
            '<ol start="8" type="a"><li>Eighth.</li><li>Ninth.</li><li>Tenth.</li></ol>',
            id="i after h is a letter",
        ),
        pytest.param(
            "viii. Eighth.\nix. Ninth.\nx. Tenth.",
            '<ol start="8" type="i"><li>Eighth.</li><li>Ninth.</li><li>Tenth.</li></ol>',
            id="x after ix is a numeral",
        ),
        pytest.param(
            "a. The engine.\n\nb. The hull.",
            '<ol type="a"><li>The engine.</li><li>The hull.</li></ol>',
            id="points parted by a blank line, as numbered ones",
        ),
        pytest.param(
            "a. Write the agenda.\nb. Send it a day ahead.\n\nThen, on the day itself:\n\n"
            "c. Start on time.",
            '<ol type="a"><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>'
            "<p>Then, on the day itself:</p>"
            '<ol start="3" type="a"><li>Start on time.</li></ol>',
            id="a point going on after a paragraph",
        ),
        pytest.param(
            "1. The engine.\n2. The hull.\na. Its paint.\nb. Its rust.",
            "<ol><li>The engine.</li><li>The hull.</li></ol>"
            '<ol type="a"><li>Its paint.</li><li>Its rust.</li></ol>',
            id="numbers then letters",
        ),
        pytest.param(
            "c. 1900 the harbour opened.\nd. Smith ran it.",
            '<ol start="3" type="a"><li>1900 the harbour opened.</li><li>Smith ran it.</li></ol>',
            id="two in sequence are points whatever they say",
        ),
        pytest.param(
            "- The engine.\n- The hull.",
            "<ul><li>The engine.</li><li>The hull.</li></ul>",
            id="bullets",
        ),
        pytest.param(
            "(1) The engine.\n(2) The hull.",
            "<ol><li>The engine.</li><li>The hull.</li></ol>",
            id="numbers in brackets",
        ),
    ],
)
def test_points_counted_in_letters_or_numerals_make_a_list_that_counts_so(text, body):
    piece = clean_paste(text=TITLE + text)

    assert piece.headline == "Three things the crew gets right"
    assert piece.body == body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        pytest.param(
            "I. M. Pei designed the pyramid at the Louvre.\nIt opened in 1989.",
            "<p>I. M. Pei designed the pyramid at the Louvre.<br>It opened in 1989.</p>",
            id="initials",
        ),
        pytest.param(
            "A. Lincoln said it first.\nC. Darwin agreed.",
            "<p>A. Lincoln said it first.<br>C. Darwin agreed.</p>",
            id="initials out of sequence",
        ),
        pytest.param(
            "I. Introduction\n\nWe tried an experiment this winter.",
            "<p>I. Introduction</p><p>We tried an experiment this winter.</p>",
            id="a lone heading",
        ),
        pytest.param(
            "c. 1900 the harbour opened.\n\nThe ferry came later.",
            "<p>c. 1900 the harbour opened.</p><p>The ferry came later.</p>",
            id="circa",
        ),
        pytest.param(
            "v. Smith was decided in 1990.",
            "<p>v. Smith was decided in 1990.</p>",
            id="versus",
        ),
        pytest.param(
            "I. The end.\nI. The end again.",
            "<p>I. The end.<br>I. The end again.</p>",
            id="a repeated marker",
        ),
        pytest.param(
            "Mr. Smith came.\nDr. Jones left.\nMix. Stir. Serve.",
            "<p>Mr. Smith came.<br>Dr. Jones left.<br>Mix. Stir. Serve.</p>",
            id="abbreviations",
        ),
        pytest.param(
            "aa. Past z.\nbb. Further.",
            "<p>aa. Past z.<br>bb. Further.</p>",
            id="letters past z",
        ),
        pytest.param(
            "a. The engine.\nIt is old.\nb. The hull.",
            "<p>a. The engine.<br>It is old.<br>b. The hull.</p>",
            id="points not next to each other",
        ),
    ],
)
def test_lines_that_only_look_like_points_stay_paragraphs(text, body):
    piece = clean_paste(text=TITLE + text)

    assert piece.body == body


@pytest.mark.django_db
def test_a_draft_made_from_a_plain_text_paste_keeps_its_lettered_list(admin_client):
    make_draft(
        admin_client,
        paste_form(
            new_author_name="Dana Whitfield",
            pasted="Five steps to a calmer Monday\n\nI. M. Pei planned his days.\n\n"
            "iv) Write the agenda.\nv) Send it a day ahead.",
        ),
    )

    assert Article.objects.get().body == (
        "<p>I. M. Pei planned his days.</p>"
        '<ol start="4" type="i"><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>'
    )


@pytest.mark.django_db
def test_a_plain_text_export_imported_keeps_its_lettered_list(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "Jan 17, 2025\nNews: A note\nSteps:\nA. Write the agenda.\nB. Send it a day ahead.\n"
        "A. Lincoln would approve.\n",
        encoding="utf-8",
    )

    run(str(path), "--author", "Ruth Calloway")

    assert Article.objects.get().body == (
        '<p>Steps:</p><ol type="A"><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>'
        "<p>A. Lincoln would approve.</p>"
    )
