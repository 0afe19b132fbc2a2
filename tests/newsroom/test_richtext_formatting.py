"""The sanitiser keeps the formatting the editor offers beyond paragraphs and bold: how a
numbered list counts, a preformatted text's lines and their indentation, superscripts and
subscripts, and other tags for its marks written as the editor writes them."""

import pytest
from django_prose_editor.config import allowlist_from_extensions

from articles.crosspost.cleaning import clean_paste
from articles.crosspost.cleaning.marks import INLINE as PASTED_MARKS
from articles.models import Article
from newsroom.richtext import EDITOR_EXTENSIONS, sanitize_html
from tests.factories import ArticleFactory

ITEMS = "<li>One</li><li>Two</li>"
NBSP = "\u00a0"


@pytest.mark.parametrize("numbering", ["a", "A", "i", "I"])
def test_a_numbered_list_keeps_the_letters_or_numerals_it_counts_with(numbering):
    html = f'<ol start="3" type="{numbering}">{ITEMS}</ol>'

    assert sanitize_html(html) == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Numbers are what a list counts with anyway, as the editor stores it.
        (f'<ol type="1">{ITEMS}</ol>', f"<ol>{ITEMS}</ol>"),
        (f'<ol type="disc">{ITEMS}</ol>', f"<ol>{ITEMS}</ol>"),
        (f'<ol type="a b">{ITEMS}</ol>', f"<ol>{ITEMS}</ol>"),
        (f'<ol type=" a">{ITEMS}</ol>', f"<ol>{ITEMS}</ol>"),
        (f'<ul type="a">{ITEMS}</ul>', f"<ul>{ITEMS}</ul>"),
        ('<p type="a">One</p><li type="A">Two</li>', "<p>One</p><li>Two</li>"),
    ],
)
def test_any_other_type_is_dropped_and_the_list_kept(html, expected):
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    ("start", "kept"),
    [
        ("2", ' start="2"'),
        ("9999", ' start="9999"'),
        # Written as the editor writes it back: a whole number, no zeros or spaces before it.
        ("007", ' start="7"'),
        (" 12 ", ' start="12"'),
        # A list starts at 1 anyway, and the editor writes no start for it.
        ("1", ""),
        ("01", ""),
        # No number a page can count from: the list starts at 1.
        ("x", ""),
        ("", ""),
        ("3rd", ""),
        ("3.5", ""),
        ("+3", ""),
        ("²", ""),
        ("٣", ""),
        ("0", ""),
        ("-2", ""),
        ("10000", ""),
        ("12345678901234567890", ""),
        pytest.param("9" * 5000, "", id="thousands of digits"),
    ],
)
def test_a_numbered_list_keeps_a_start_only_when_it_is_a_number_the_page_counts_from(start, kept):
    assert sanitize_html(f'<ol start="{start}" type="a">{ITEMS}</ol>') == (
        f'<ol{kept} type="a">{ITEMS}</ol>'
    )
    assert sanitize_html(f'<ol start="{start}">{ITEMS}</ol>') == f"<ol{kept}>{ITEMS}</ol>"


def test_a_start_on_anything_but_a_numbered_list_is_dropped():
    assert sanitize_html(f'<ul start="3">{ITEMS}</ul><p start="2">Three</p>') == (
        f"<ul>{ITEMS}</ul><p>Three</p>"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<pre>Monday: agenda\nTuesday: notes\n</pre>", "<p>Monday: agenda<br>Tuesday: notes</p>"),
        (
            "<pre>\nMonday: agenda\r\n\r\nTuesday: notes</pre>",
            "<p>Monday: agenda<br><br>Tuesday: notes</p>",
        ),
        (
            '<pre><code class="x"><b>Monday</b>: agenda\n<span>Tuesday</span>: notes</code></pre>',
            "<p><strong>Monday</strong>: agenda<br>Tuesday: notes</p>",
        ),
        # Each line's indentation, as spaces that are not folded.
        (
            "<pre>steps:\n  plan\n\t<b>owner</b>:  Dana\n<code>    notes</code></pre>",
            "<p>steps:<br>\u00a0\u00a0plan<br>\u00a0\u00a0\u00a0\u00a0<strong>owner</strong>:\u00a0\u00a0Dana<br>"
            "\u00a0\u00a0\u00a0\u00a0notes</p>",
        ),
        # Elsewhere a line break in the source is a space, as browsers show it.
        ("<div>Monday:\nagenda</div>", "<p>Monday:\nagenda</p>"),
    ],
)
def test_preformatted_text_keeps_its_lines_in_a_paragraph(html, expected):
    assert sanitize_html(html) == expected
    assert sanitize_html(expected) == expected


PRE_IN_BOLD = (
    "<p>Intro</p><pre>    <strong>Monday</strong>: agenda\n    <em>Tuesday</em>: notes</pre>"
)
KEPT_IN_BOLD = (
    "<p>Intro</p><p>\u00a0\u00a0\u00a0\u00a0<strong>Monday</strong>: agenda<br>"
    "\u00a0\u00a0\u00a0\u00a0<em>Tuesday</em>: notes</p>"
)


def test_the_first_preformatted_line_keeps_its_indentation_when_formatting_follows_it():
    """Highlighted code opens its lines with formatting: the first line's indentation is in
    its paragraph like the others', not loose between the paragraphs."""
    assert sanitize_html(PRE_IN_BOLD) == KEPT_IN_BOLD


@pytest.mark.django_db
def test_a_saved_body_keeps_the_first_preformatted_line_s_indentation():
    article = ArticleFactory(body=PRE_IN_BOLD)

    assert Article.objects.get(pk=article.pk).body == KEPT_IN_BOLD


def test_preformatted_lines_parted_by_line_breaks_keep_their_indentation_as_a_paste_does():
    """Some editors and exports part a code block's lines with <br>: saved or imported, each
    line keeps its indentation, as the same block pasted does."""
    pre = "<pre>steps:<br>  plan: weekly<br/>\towner: Dana</pre>"
    kept = "<p>steps:<br>\u00a0\u00a0plan: weekly<br>\u00a0\u00a0\u00a0\u00a0owner: Dana</p>"

    assert sanitize_html(pre) == kept
    assert sanitize_html(kept) == kept
    assert clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}").body == kept


def test_a_line_after_a_line_break_keeps_its_indentation_before_formatting():
    assert sanitize_html("<pre>notes:<br>  <b>Monday</b><br>\n  <i>Tuesday</i></pre>") == (
        "<p>notes:<br>\u00a0\u00a0<strong>Monday</strong><br>\u00a0\u00a0<em>Tuesday</em></p>"
    )


@pytest.mark.parametrize(
    "pre",
    [
        "<pre>notes:<br>\n  <strong>Monday</strong><br>\n  <em>Tuesday</em></pre>",
        "<pre>notes:<br/>\r\n  <strong>Monday</strong><br> \n  <em>Tuesday</em>\n</pre>",
    ],
)
@pytest.mark.django_db
def test_a_line_break_and_a_new_line_after_it_are_one_line_break_saved_or_pasted(pre):
    """As editors and exports write a code block's lines ("<br>" and, for its source's sake,
    a new line): the author's lines, saved through the form or pasted, not a blank line
    between each two."""
    kept = "<p>notes:<br>\u00a0\u00a0<strong>Monday</strong><br>\u00a0\u00a0<em>Tuesday</em></p>"

    article = ArticleFactory(body=pre)

    assert Article.objects.get(pk=article.pk).body == kept
    assert clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}").body == kept


@pytest.mark.parametrize(
    "pre",
    [
        "<pre>name     role\nDana     Co-CEO\n  Marcus   CTO   \nlast  line  </pre>",
        "<pre><b>name</b>     role<br>Dana<span>     Co-CEO</span>\n  Marcus   CTO   \n"
        "last  line  </pre>",
    ],
)
@pytest.mark.django_db
def test_runs_of_spaces_in_a_preformatted_line_are_kept_saved_or_pasted(pre):
    """A table laid out by spaces keeps its columns: each run of spaces between a line's words
    is kept as no-break spaces, as its indentation is; spaces ending a line show nothing."""
    kept = (
        f"name{NBSP * 5}role<br>Dana{NBSP * 5}Co-CEO<br>{NBSP * 2}Marcus{NBSP * 3}CTO   "
        f"<br>last{NBSP * 2}line"
    )
    saved = Article.objects.get(pk=ArticleFactory(body=pre).pk).body
    pasted = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}").body

    assert saved == pasted
    assert pasted.replace("<strong>", "").replace("</strong>", "") == f"<p>{kept}</p>"


def test_a_long_run_of_spaces_in_a_preformatted_line_is_kept_in_time():
    spaces = " " * 100_000

    assert sanitize_html(f"<pre>a{spaces}b{spaces}</pre>") == f"<p>a{NBSP * 100_000}b</p>"
    assert clean_paste(html=f"<p>Five steps</p><pre>a{spaces}b{spaces}\nc</pre>").body == (
        f"<p>a{NBSP * 100_000}b{spaces}<br>c</p>"
    )


@pytest.mark.django_db
def test_a_blank_line_after_a_line_break_in_preformatted_text_is_still_a_blank_line():
    pre = "<pre>Monday: agenda<br>\n\nTuesday: notes</pre>"

    assert ArticleFactory(body=pre).body == "<p>Monday: agenda<br><br>Tuesday: notes</p>"
    assert clean_paste(html=f"<p>Five steps to a calmer Monday</p>{pre}").body == (
        "<p>Monday: agenda</p><p>Tuesday: notes</p>"
    )


@pytest.mark.parametrize("space", [" ", "\u00a0", "&nbsp;"])
def test_a_paragraph_with_a_long_run_of_spaces_is_kept(space):
    # Such a paragraph made the check for an empty document take minutes, its time growing
    # with the square of the run.
    spaces = space * 100_000

    assert sanitize_html(f"<p>{spaces}x</p>") == f"<p>{spaces.replace('&nbsp;', NBSP)}x</p>"
    assert sanitize_html(f"<p>{spaces}<br>{spaces}</p>") == ""


def test_a_no_break_space_between_blocks_in_a_container_is_a_line_of_its_own():
    """As a page shows it: a blank line, in a paragraph, not text between paragraphs."""
    assert sanitize_html("<div><p>One</p>&nbsp;<p>Two</p></div>") == (
        "<p>One</p><p>\u00a0</p><p>Two</p>"
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>E = mc<sup>2</sup>, and H<sub>2</sub>O is water.</p>",
        "<p>Most meetings run long.<sup>1</sup></p>",
        "<p><strong>mc<sup>2</sup></strong></p>",
    ],
)
def test_superscripts_and_subscripts_are_kept(html):
    assert sanitize_html(html) == html


def test_superscripts_and_subscripts_keep_no_attribute():
    html = '<p>mc<sup style="x" onclick="x()" class="fn">2</sup><sub data-x="t">0</sub></p>'

    assert sanitize_html(html) == "<p>mc<sup>2</sup><sub>0</sub></p>"


def test_a_spoiler_with_a_superscript_in_it_is_one_passage():
    html = '<p>It was <span class="spoiler">E = mc<sup>2</sup> all along</span>.</p>'

    assert sanitize_html(html) == html


# Bold and italic in any tag HTML has for them, and as the editor writes them.
MARKED = "<p><b>Bold</b>, <i>italic</i>, <B>shouted</B> and <b><i>both</i></b>.</p>"
AS_THE_EDITOR_WRITES = (
    "<p><strong>Bold</strong>, <em>italic</em>, <strong>shouted</strong> and "
    "<strong><em>both</em></strong>.</p>"
)


def test_bold_and_italic_are_stored_as_the_editor_writes_them_saved_or_pasted():
    assert sanitize_html(MARKED) == AS_THE_EDITOR_WRITES
    assert clean_paste(html=f"<p>Five steps to a calmer Monday</p>{MARKED}").body == (
        AS_THE_EDITOR_WRITES
    )


def test_bold_and_italic_keep_the_attributes_their_editor_tags_would():
    html = '<p><b class="x" id="y" style="color:red">Bold</b> <i title="t" lang="fr">italic</i></p>'
    kept = '<p><strong>Bold</strong> <em title="t" lang="fr">italic</em></p>'

    assert sanitize_html(html) == kept
    assert sanitize_html(kept) == kept


@pytest.mark.django_db
def test_a_saved_piece_s_bold_and_italic_are_stored_as_the_editor_writes_them():
    article = ArticleFactory(body=MARKED, introduction="<p><i>Our</i> co-CEO, <b>Dana</b>.</p>")

    saved = Article.objects.get(pk=article.pk)
    assert saved.body == AS_THE_EDITOR_WRITES
    assert saved.introduction == "<p><em>Our</em> co-CEO, <strong>Dana</strong>.</p>"


EDITOR_WRITTEN = (
    "<h2>Plan</h2><p><strong>Bold</strong>, <em>italic</em>, <strong><em>both</em></strong>, "
    '<s>struck</s> and <span class="spoiler">a <strong>hidden</strong> turn</span>.</p>'
    "<ul><li><p><em>One</em> point</p></li></ul><p>A <strong>bold<br>line</strong> break</p>"
)


@pytest.mark.django_db
def test_a_body_the_editor_wrote_is_stored_as_written_so_saving_it_again_changes_nothing():
    assert sanitize_html(EDITOR_WRITTEN) == EDITOR_WRITTEN
    article = ArticleFactory(body=EDITOR_WRITTEN)
    article.save()

    assert Article.objects.get(pk=article.pk).body == EDITOR_WRITTEN


# Struck-through words and a cited title in any tag HTML has for them: the editor offers
# strike-through (`<s>`) and italic (`<em>`), and writes them so.
STRUCK_AND_CITED = (
    "<p><s>Sold</s>, <strike>out</strike>, <del>gone</del>, <DEL>GONE</DEL> in "
    "<cite>The Times</cite>.</p>"
)
STRUCK_AND_CITED_AS_THE_EDITOR_WRITES = (
    "<p><s>Sold</s>, <s>out</s>, <s>gone</s>, <s>GONE</s> in <em>The Times</em>.</p>"
)


def test_a_paste_makes_only_marks_the_editor_offers():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)

    assert {"s", "em"} <= editor["tags"]
    assert set(PASTED_MARKS.values()) <= editor["tags"]


@pytest.mark.django_db
def test_struck_and_cited_words_are_stored_as_the_editor_writes_them_saved_or_pasted():
    saved = Article.objects.get(pk=ArticleFactory(body=STRUCK_AND_CITED).pk).body
    pasted = clean_paste(html=f"<p>Five steps to a calmer Monday</p>{STRUCK_AND_CITED}").body

    assert sanitize_html(STRUCK_AND_CITED) == STRUCK_AND_CITED_AS_THE_EDITOR_WRITES
    assert sanitize_html(saved) == saved
    assert saved == STRUCK_AND_CITED_AS_THE_EDITOR_WRITES
    assert pasted == saved


def test_struck_and_cited_words_keep_the_attributes_their_editor_tags_would():
    html = (
        '<p><del datetime="2024-01-01" cite="https://x.example/" title="t">gone</del> '
        '<strike class="x" lang="fr">out</strike> <cite title="c" style="x">Le Monde</cite></p>'
    )
    kept = '<p><s title="t">gone</s> <s lang="fr">out</s> <em title="c">Le Monde</em></p>'

    assert sanitize_html(html) == kept
    assert sanitize_html(kept) == kept


def test_struck_words_in_a_spoiler_are_one_passage_outside_their_mark():
    html = '<p>It <del>was <span class="spoiler">the butler</span></del>.</p>'

    assert (
        sanitize_html(html)
        == '<p>It <s>was </s><span class="spoiler"><s>the butler</s></span>.</p>'
    )
