"""Formatting a paste keeps beyond paragraphs and bold: how a list counts, Word's numbered
headings, preformatted lines, superscripts and subscripts; and the draft made from it keeps
them too."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form
from tests.articles.crosspost.pastes import word_list_item

TITLE = "<p class=MsoNormal>Five steps to a calmer Monday<o:p></o:p></p>"


@pytest.mark.parametrize(
    ("markers", "opening"),
    [
        (["a.", "b."], '<ol type="a">'),
        (["A)", "B)"], '<ol type="A">'),
        (["(a)", "(b)"], '<ol type="a">'),
        (["i.", "ii."], '<ol type="i">'),
        (["I.", "II."], '<ol type="I">'),
        (["c.", "d."], '<ol start="3" type="a">'),
        (["iv.", "v."], '<ol start="4" type="i">'),
        (["XIV.", "XV."], '<ol start="14" type="I">'),
        # Past z Word goes on with "aa.": counted from where the list is.
        (["aa.", "bb."], "<ol>"),
        (["1.", "2."], "<ol>"),
    ],
)
def test_a_word_list_counts_with_the_letters_or_numerals_it_shows(markers, opening):
    piece = clean_paste(
        html=TITLE
        + word_list_item("Write the agenda.", marker=markers[0])
        + word_list_item("Send it a day ahead.", marker=markers[1])
    )

    assert piece.body == f"{opening}<li>Write the agenda.</li><li>Send it a day ahead.</li></ol>"


def test_a_word_list_numbered_with_lettered_sub_points_keeps_both_numberings():
    piece = clean_paste(
        html=TITLE
        + word_list_item("Start on time.", marker="1.")
        + word_list_item("With the agenda on screen.", marker="a)", level=2)
        + word_list_item("And the door closed.", marker="b)", level=2)
        + word_list_item("End early.", marker="2.")
        + word_list_item("Five minutes is enough.", marker="i.", level=2)
    )

    assert piece.body == (
        '<ol><li>Start on time.<ol type="a"><li>With the agenda on screen.</li>'
        "<li>And the door closed.</li></ol></li>"
        '<li>End early.<ol type="i"><li>Five minutes is enough.</li></ol></li></ol>'
    )


ITEMS = "<li>Write the agenda.</li><li>Send it a day ahead.</li>"


@pytest.mark.parametrize(
    ("pasted_list", "opening"),
    [
        (f'<ol type="a">{ITEMS}</ol>', '<ol type="a">'),
        (f'<ol type="I" start="3">{ITEMS}</ol>', '<ol start="3" type="I">'),
        (f'<ol style="list-style-type: lower-roman">{ITEMS}</ol>', '<ol type="i">'),
        # Google Docs styles each point, not the list.
        (
            '<ol style="margin:0"><li style="list-style-type:upper-alpha">Write the agenda.</li>'
            '<li style="list-style-type:upper-alpha">Send it a day ahead.</li></ol>',
            '<ol type="A">',
        ),
        # What a reader's browser would not count with, or counts with anyway.
        (f'<ol type="1">{ITEMS}</ol>', "<ol>"),
        (f'<ol type="disc">{ITEMS}</ol>', "<ol>"),
        (f'<ol type="a&quot; onclick=&quot;x()">{ITEMS}</ol>', "<ol>"),
        (f'<ol style="list-style-type: lower-greek">{ITEMS}</ol>', "<ol>"),
        (f'<ul type="a">{ITEMS}</ul>', "<ul>"),
    ],
)
def test_a_pasted_list_keeps_the_way_it_counts(pasted_list, opening):
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pasted_list}")

    assert piece.body == f"{opening}{ITEMS}{'</ul>' if opening == '<ul>' else '</ol>'}"


@pytest.mark.django_db
def test_a_draft_made_from_a_word_paste_counts_its_list_as_the_document_does(admin_client):
    make_draft(
        admin_client,
        paste_form(
            new_author_name="Dana Whitfield",
            pasted_html=TITLE
            + word_list_item("Write the agenda.", marker="iv.")
            + word_list_item("Send it a day ahead.", marker="v."),
            pasted="Five steps to a calmer Monday",
        ),
    )

    assert Article.objects.get().body == (
        '<ol start="4" type="i"><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>'
    )


def word_heading(text: str, *, number: str, level: int = 1) -> str:
    """A heading of a Word document whose headings are numbered automatically, as Word puts
    it on the clipboard: its number is text only browsers without list support show."""
    return (
        f"<h{level} style='margin-left:.3in;text-indent:-.3in;mso-list:l0 level{level} lfo1'>"
        "<![if !supportLists]><span style='mso-fareast-font-family:\"Calibri Light\"'>"
        f"<span style='mso-list:Ignore'>{number}<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
        f"{text}<o:p></o:p></h{level}>"
    )


def test_word_headings_numbered_automatically_lose_the_number_and_say_so():
    piece = clean_paste(
        html=TITLE
        + word_heading("Why Mondays drag", number="1.")
        + "<p class=MsoNormal>Most of us start the week behind.<o:p></o:p></p>"
        + word_heading("What the agenda does", number="1.1", level=2)
        + "<p class=MsoNormal>It says what the meeting is for.<o:p></o:p></p>"
        + word_heading("What to try", number="2.")
    )

    assert piece.headline == "Five steps to a calmer Monday"
    assert piece.body == (
        "<h2>Why Mondays drag</h2><p>Most of us start the week behind.</p>"
        "<h2>What the agenda does</h2><p>It says what the meeting is for.</p>"
        "<h2>What to try</h2>"
    )
    assert "Removed Word's automatic numbers from 3 headings." in piece.notes


def test_a_numbered_word_heading_at_the_top_is_the_headline_without_its_number():
    piece = clean_paste(
        html=word_heading("Five steps to a calmer Monday", number="1.")
        + "<p class=MsoNormal>Most of us start the week behind.<o:p></o:p></p>"
    )

    assert piece.headline == "Five steps to a calmer Monday"
    assert piece.body == "<p>Most of us start the week behind.</p>"


@pytest.mark.parametrize(
    "heading",
    [
        "<h2>1. Why Mondays drag<o:p></o:p></h2>",
        "<h2 class=MsoNormal>1.2 Why Mondays drag</h2>",
        "<h2><span style='mso-bidi-font-weight:normal'>1. Why Mondays drag</span></h2>",
    ],
)
def test_a_heading_number_typed_as_text_stays(heading):
    piece = clean_paste(html=TITLE + heading + "<p>Most of us start the week behind.</p>")

    number = "1.2" if "1.2" in heading else "1."
    assert (
        piece.body == f"<h2>{number} Why Mondays drag</h2><p>Most of us start the week behind.</p>"
    )
    assert not any("automatic number" in note for note in piece.notes)


def test_one_numbered_word_heading_is_told_in_the_singular():
    piece = clean_paste(html=TITLE + word_heading("Why Mondays drag", number="1.") + "<p>Text</p>")

    assert "Removed Word's automatic number from 1 heading." in piece.notes


@pytest.mark.parametrize(
    "pre",
    [
        "<pre>Monday: agenda\nTuesday: notes\n\nThen rest.\n</pre>",
        "<pre>\r\nMonday: agenda\r\nTuesday: notes\r\n\r\nThen rest.</pre>",
        # As a page styles a block of code: each line its own spans, the breaks between them.
        '<pre class="highlight"><code><span class="k">Monday</span>: agenda\n'
        '<span class="k">Tuesday</span>: notes\n\n<span>Then rest.</span></code></pre>',
    ],
)
def test_preformatted_text_keeps_its_lines(pre):
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}")

    assert piece.body == "<p>Monday: agenda<br>Tuesday: notes</p><p>Then rest.</p>"


def test_preformatted_text_keeps_its_formatting_on_each_line():
    piece = clean_paste(
        html="<p>Five steps to a calmer Monday</p>"
        "<pre><b>Monday</b>: agenda\n    <i>Tuesday: notes</i>\nThen rest.</pre>"
    )

    assert piece.body == (
        "<p><strong>Monday</strong>: agenda<br>\u00a0\u00a0\u00a0\u00a0<em>Tuesday: notes</em>"
        "<br>Then rest.</p>"
    )


@pytest.mark.parametrize(
    "pre",
    [
        "<pre>steps:\n  plan: weekly\n    owner: Dana\n\tnotes:  none\n</pre>",
        "<pre>\n  steps:\n  plan: weekly\n    owner: Dana\n\tnotes:  none\n</pre>",
        # Each line its own spans, as a page styles a block of code.
        '<pre><code><span class="k">steps</span>:\n  <span>plan: weekly</span>\n'
        "<span>    owner</span>: Dana\n\t<span>notes:  none</span></code></pre>",
    ],
)
def test_preformatted_text_keeps_the_indentation_of_each_line(pre):
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}")

    nbsp = "\u00a0"
    first = nbsp * 2 if "  steps" in pre else ""
    assert piece.body == (
        f"<p>{first}steps:<br>{nbsp * 2}plan: weekly<br>{nbsp * 4}owner: Dana<br>"
        f"{nbsp * 4}notes:{nbsp * 2}none</p>"
    )


NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("pre", "kept"),
    [
        pytest.param(
            "<pre>steps:\n  - plan\n  - owner\n</pre>",
            f"<p>steps:<br>{NBSP * 2}- plan<br>{NBSP * 2}- owner</p>",
            id="hyphens, indented",
        ),
        pytest.param("<pre>* plan\n* owner</pre>", "<p>* plan<br>* owner</p>", id="asterisks"),
        pytest.param(
            "<pre>1. Roses are red\n2. Violets are blue</pre>",
            "<p>1. Roses are red<br>2. Violets are blue</p>",
            id="numbers",
        ),
        pytest.param(
            "<pre>a) Roses are red\nb) Violets are blue</pre>",
            "<p>a) Roses are red<br>b) Violets are blue</p>",
            id="letters",
        ),
        pytest.param(
            "<pre><b>1.</b> plan\n\n- owner</pre>",
            "<p><strong>1.</strong> plan</p><p>- owner</p>",
            id="parted by a blank line",
        ),
    ],
)
def test_lines_of_preformatted_text_are_never_read_as_points(pre, kept):
    """Code, a poem or a table laid out by spaces: its lines stay lines, as the page showed
    them, whatever they open with."""
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}")

    assert piece.body == kept


def test_points_around_preformatted_text_are_still_lists():
    piece = clean_paste(
        html="<p>Five steps to a calmer Monday</p><p>• Plan</p><pre>- not a point</pre>"
        "<p>• Owner</p>"
    )

    assert piece.body == ("<ul><li>Plan</li></ul><p>- not a point</p><ul><li>Owner</li></ul>")


def test_preformatted_lines_indented_absurdly_far_keep_their_indentation():
    # Such lines made the cleaning take minutes, its time growing with the square of the
    # indentation.
    indent = " " * 30_000
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p><pre>{indent}x\n{indent}y</pre>")

    assert piece.body == f"<p>{NBSP * 30_000}x<br>{NBSP * 30_000}y</p>"


def test_indentation_in_preformatted_text_is_only_spaces():
    piece = clean_paste(
        html="<p>Five steps to a calmer Monday</p>"
        "<pre>plan:\n  &lt;script&gt;alert(1)&lt;/script&gt;\n\t<b>x</b></pre>"
    )

    assert piece.body == (
        "<p>plan:<br>\u00a0\u00a0&lt;script&gt;alert(1)&lt;/script&gt;<br>"
        "\u00a0\u00a0\u00a0\u00a0<strong>x</strong></p>"
    )


def test_the_same_lines_pasted_as_plain_text_keep_their_lines_too():
    piece = clean_paste(
        text="Five steps to a calmer Monday\n\nMonday: agenda\nTuesday: notes\n\nThen rest.\n"
    )

    assert piece.body == "<p>Monday: agenda<br>Tuesday: notes</p><p>Then rest.</p>"


def test_line_breaks_in_the_source_of_other_elements_are_spaces_as_browsers_show_them():
    piece = clean_paste(html="<p>Five steps to a calmer Monday</p><p>Monday:\nagenda</p>")

    assert piece.body == "<p>Monday: agenda</p>"


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("E = mc<sup>2</sup>, and H<sub>2</sub>O", "E = mc<sup>2</sup>, and H<sub>2</sub>O"),
        # Word's footnote reference, a superscript number in a link to the note.
        (
            "Most meetings run long.<a style='mso-footnote-id:ftn1' href=\"#_ftn1\" "
            'name="_ftnref1"><span class=MsoFootnoteReference><sup>[1]</sup></span></a> So',
            "Most meetings run long.<sup>[1]</sup> So",
        ),
        # Google Docs styles them instead.
        (
            'E = mc<span style="vertical-align:super;font-size:0.6em">2</span>, '
            'H<span style="vertical-align: sub">2</span>O',
            "E = mc<sup>2</sup>, H<sub>2</sub>O",
        ),
        ('mc<sup style="vertical-align:baseline">2</sup>', "mc2"),
        ('mc<sub style="vertical-align:super">2</sub>', "mc<sup>2</sup>"),
    ],
)
def test_superscripts_and_subscripts_are_kept(pasted, kept):
    piece = clean_paste(html=f"<p>Five steps to a calmer Monday</p><p>{pasted}</p>")

    assert piece.body == f"<p>{kept}</p>"


@pytest.mark.django_db
def test_a_draft_made_from_a_paste_keeps_its_superscripts_and_lines(admin_client):
    make_draft(
        admin_client,
        paste_form(
            new_author_name="Dana Whitfield",
            pasted_html="<p>Five steps to a calmer Monday</p><p>E = mc<sup>2</sup></p>"
            "<pre>Monday: agenda\n  Tuesday: notes</pre>",
            pasted="Five steps to a calmer Monday",
        ),
    )

    assert Article.objects.get().body == (
        "<p>E = mc<sup>2</sup></p><p>Monday: agenda<br>\u00a0\u00a0Tuesday: notes</p>"
    )
