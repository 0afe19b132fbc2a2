"""What a paste's markup keeps: paragraphs at double line breaks, bold and italic where the
document (Google Docs, Word) shows them and nowhere else, inline spoilers, and no empty
elements."""

from articles.crosspost.cleaning import clean_paste


def test_double_line_breaks_split_paragraphs_and_formatting_carries_over():
    piece = clean_paste(
        html="<p>Title</p><div><strong>One<br><br>Two</strong><br>still two<br><br><br>Three</div>"
    )

    assert piece.body == (
        "<p><strong>One</strong></p><p><strong>Two</strong><br>still two</p><p>Three</p>"
    )


def test_empty_elements_are_dropped_and_counted():
    piece = clean_paste(html="<p>Title</p><p>Text</p><p>&nbsp;</p><p><br></p><h2> </h2><ul></ul>")

    assert piece.body == "<p>Text</p>"
    assert "Removed 3 empty paragraphs or elements." in piece.notes


def test_styled_bold_and_italic_from_documents_become_strong_and_em():
    piece = clean_paste(
        html='<p>Title</p><p><span style="font-weight:700">Bold</span> and '
        '<span style="font-style: italic">italic</span>, <u>plain</u></p>'
    )

    assert piece.body == "<p><strong>Bold</strong> and <em>italic</em>, plain</p>"


# As Google Docs puts a document on the clipboard: all of it inside one <b> that is not bold.
GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:20pt;font-family:Arial;font-weight:400;">'
    "What a TV show teaches us about work</span></p><br>"
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">'
    "Over the holidays, half of our office watched the same show.</span></p><br>"
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">It kept reminding me of '
    '</span><span style="font-size:11pt;font-family:Arial;font-weight:700;">'
    "what makes a team hold together</span>"
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;">.</span></p></b>'
)


def test_a_google_docs_paste_is_bold_only_where_the_document_is():
    piece = clean_paste(html=GOOGLE_DOCS, author_names=["Dana Whitfield"])

    assert piece.headline == "What a TV show teaches us about work"
    assert piece.body == (
        "<p>Over the holidays, half of our office watched the same show.</p>"
        "<p>It kept reminding me of <strong>what makes a team hold together</strong>.</p>"
    )


def test_bold_and_italic_tags_whose_style_undoes_them_are_plain_text():
    piece = clean_paste(
        html='<p>Title</p><p><b style="font-weight: 400">Plain</b>, '
        '<strong style="font-weight:normal; font-style:italic">italic</strong>, '
        '<em style="font-style:normal">plain</em> and <i>italic</i></p>'
    )

    assert piece.body == "<p>Plain, <em>italic</em>, plain and <em>italic</em></p>"


def test_inline_spoilers_survive_also_from_a_rendered_page_of_ours():
    stored = '<p>Title</p><p>Then <span class="spoiler">the ferry sinks</span>.</p>'
    rendered = (
        '<p>Title</p><p>Then <span class="spoiler" data-nosnippet><input type="checkbox" '
        'class="spoiler__toggle" id="spoiler-1"><label class="spoiler__label" for="spoiler-1">'
        '<span class="spoiler__show">Show spoiler</span><span class="spoiler__hide">Hide spoiler'
        '</span></label><span class="spoiler__text">the ferry sinks</span></span>.</p>'
    )

    # As pages rendered it before the box was a switch: the passage `hidden` until revealed.
    rendered_hidden = (
        '<p>Title</p><p>Then <span class="spoiler" data-nosnippet><input type="checkbox" '
        'class="spoiler__toggle" id="spoiler-1"><label class="spoiler__label" for="spoiler-1">'
        '<span class="spoiler__show">Show spoiler</span><span class="spoiler__hide" hidden>'
        'Hide spoiler</span></label><span class="spoiler__text" hidden>the ferry sinks</span>'
        "</span>.</p>"
    )

    # As pages render it now, without a script: a switch, on, its passage shown.
    rendered_switch = (
        '<p>Title</p><p>Then <span class="spoiler" data-nosnippet><input type="checkbox" '
        'role="switch" class="spoiler__toggle" id="spoiler-1" aria-controls="spoiler-1-text" '
        'checked><label class="spoiler__label" for="spoiler-1"><span class="spoiler__show">'
        'Show spoiler</span><span class="spoiler__hide" hidden>Hide spoiler</span></label>'
        '<span class="spoiler__text" id="spoiler-1-text">the ferry sinks</span></span>.</p>'
    )

    # As a browser running the page's script holds it, copied from there: a button, open.
    rendered_button = (
        '<p>Title</p><p>Then <span class="spoiler" data-nosnippet><button type="button" '
        'class="spoiler__label spoiler__button" aria-controls="spoiler-1-text" '
        'aria-expanded="true"><span class="spoiler__show" hidden>Show spoiler</span><span '
        'class="spoiler__hide">Hide spoiler</span></button><span class="spoiler__text" '
        'id="spoiler-1-text">the ferry sinks</span></span>.</p>'
    )

    expected = '<p>Then <span class="spoiler">the ferry sinks</span>.</p>'
    assert clean_paste(html=stored).body == expected
    assert clean_paste(html=rendered).body == expected
    assert clean_paste(html=rendered_hidden).body == expected
    assert clean_paste(html=rendered_switch).body == expected
    assert clean_paste(html=rendered_button).body == expected
