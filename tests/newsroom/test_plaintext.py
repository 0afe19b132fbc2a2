"""Rich text as plain text: one line for descriptions and search, lines for emails; either way
a superscript or subscript reads as on the page and keeps apart from the word before it."""

import pytest

from newsroom.plaintext import list_marker, plain_lines, plain_text


def test_plain_text_parts_blocks_and_keeps_inline_words_whole():
    html = (
        "<h2>Plans</h2><p>Take the ferry.</p><p>Re<strong>build</strong>ing&nbsp;starts "
        "&lt;now&gt;.<br>Then</p><ul><li>one</li><li>two</li></ul><blockquote><p>Quoted"
        "</p></blockquote><hr><p>End</p>"
    )

    assert plain_text(html) == (
        "Plans Take the ferry. Rebuilding starts <now>. Then one two Quoted End"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Unicode has a raised or lowered form of every character: it is used.
        ("<p>E = mc<sup>2</sup></p>", "E = mc²"),
        ("<p>H<sub>2</sub>O and CO<sub>2</sub></p>", "H₂O and CO₂"),
        ("<p>It was true.<sup>3</sup> Then</p>", "It was true.³ Then"),
        ("<p>It was true<sup>12</sup></p>", "It was true¹²"),
        (
            "<p>x<sup>(n)</sup> and x<sup>n+1</sup> and 10<sup>−3</sup></p>",
            "x⁽ⁿ⁾ and xⁿ⁺¹ and 10⁻³",
        ),
        ("<p><strong>mc<sup>2</sup></strong></p>", "mc²"),
        # A footnote's link: its number is what shows.
        ('<p>true<sup><a href="#note-3">3</a></sup></p>', "true³"),
        # Otherwise it is marked, the word before it kept whole.
        ("<p>true<sup>a</sup></p>", "true^(a)"),
        ("<p>C<sub>max</sub> rose</p>", "C_(max) rose"),
        ("<p>x<sup>2 &lt; y</sup></p>", "x^(2 < y)"),
        ("<p>E<sub>k</sub> = ½mv<sup>2</sup></p>", "E_(k) = ½mv²"),
        # Letters raised after a number are an ordinal's.
        (
            "<p>the 21<sup>st</sup> century, le 2<sup>e</sup> étage</p>",
            "the 21st century, le 2e étage",
        ),
        # An empty one leaves nothing.
        ("<p>true<sup> </sup>.</p>", "true."),
        ("<p>true<sup></sup>.</p>", "true."),
    ],
)
def test_superscripts_and_subscripts_read_as_on_the_page(html, expected):
    assert plain_text(html) == expected


@pytest.mark.parametrize(
    ("value", "numbering", "marker"),
    [
        (3, "", "3."),
        (1, "a", "a."),
        (26, "a", "z."),
        (27, "a", "aa."),
        (703, "A", "AAA."),
        (4, "i", "iv."),
        (1994, "I", "MCMXCIV."),
        (3999, "i", "mmmcmxcix."),
        (4000, "i", "4000."),
        (0, "I", "0."),
        (-2, "a", "-2."),
    ],
)
def test_a_numbered_point_is_counted_as_browsers_count_it(value, numbering, marker):
    assert list_marker(value, numbering) == marker


def test_lines_keep_the_captions_of_figures_side_by_side_apart():
    html = (
        '<figure class="figure"><img src="/media/a.jpg" alt="A"><figcaption class="figure-'
        'caption">One</figcaption></figure><figure class="figure"><img src="/media/b.jpg" '
        'alt="B"><figcaption class="figure-caption">Two</figcaption></figure><p>After.</p>'
    )

    assert plain_lines(html) == "One\n\nTwo\n\nAfter."


@pytest.mark.parametrize(
    ("start", "numbering", "first"),
    [("3rd", "a", "c. One"), ("0", "a", "0. One"), ("-1", "i", "-1. One"), ("x", "", "1. One")],
)
def test_lines_count_a_start_stored_before_the_sanitiser_checked_it_as_browsers_do(
    start, numbering, first
):
    html = f'<ol start="{start}" type="{numbering}"><li>One</li></ol>'

    assert plain_lines(html) == first
