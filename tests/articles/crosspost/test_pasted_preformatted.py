"""Preformatted text in a paste (code, a poem, a table laid out by spaces) is the author's as
typed: none of its lines is taken out as the platform's, in a list's point too."""

import pytest

from articles.crosspost.cleaning import clean_paste

HEADLINE = "<p>Five steps to a calmer Monday</p>"


@pytest.mark.parametrize(
    ("pre", "kept"),
    [
        pytest.param("<pre>Like</pre>", "<p>Like</p>", id="a reaction"),
        pytest.param(
            "<pre>buttons:\n\nLike\n\nComment · Share\n\n1,234\n\n12 comments</pre>",
            "<p>buttons:</p><p>Like</p><p>Comment · Share</p><p>1,234</p><p>12 comments</p>",
            id="a reaction bar and counts",
        ),
        pytest.param(
            "<pre>  label: Read the rest… see more</pre>",
            "<p>\u00a0\u00a0label: Read the rest… see more</p>",
            id="a see-more suffix",
        ),
        pytest.param(
            "<pre>More articles by Dana Whitfield</pre>",
            "<p>More articles by Dana Whitfield</p>",
            id="the platform's page after it",
        ),
    ],
)
def test_lines_of_preformatted_text_are_never_taken_out_as_the_platform_s(pre, kept):
    piece = clean_paste(
        html=f"{HEADLINE}<p>Here is what the page shows.</p>{pre}<p>That is all of it.</p>"
    )

    assert piece.body == f"<p>Here is what the page shows.</p>{kept}<p>That is all of it.</p>"
    assert [line.text for line in piece.removed if line.why != "moved"] == []


def test_preformatted_hashtags_and_short_lines_ending_a_piece_are_kept():
    piece = clean_paste(
        html=f"{HEADLINE}<p>The commands, in order.</p><p>Like</p><pre>#include\n\nmake all</pre>"
    )

    assert piece.body == "<p>The commands, in order.</p><p>#include</p><p>make all</p>"
    assert [line.text for line in piece.removed if line.why != "moved"] == ["Like"]


def test_the_platform_s_lines_around_preformatted_text_are_still_taken_out():
    piece = clean_paste(
        html=f"{HEADLINE}<p>Here is the code.</p><pre>Like</pre><p>Like</p><p>12 comments</p>"
    )

    assert piece.body == "<p>Here is the code.</p><p>Like</p>"
    assert [line.text for line in piece.removed if line.why != "moved"] == ["Like", "12 comments"]


@pytest.mark.parametrize(
    ("points", "kept"),
    [
        pytest.param(
            "<li><pre>Like</pre></li><li>12 comments</li>",
            "<li>Like</li>",
            id="a point of code alone",
        ),
        pytest.param(
            "<li>Run:<pre>  make all\n  make   check</pre></li><li>Like</li>",
            "<li>Run:<br>\u00a0\u00a0make all<br>\u00a0\u00a0make\u00a0\u00a0\u00a0check</li>",
            id="code under a point's words",
        ),
    ],
)
def test_preformatted_text_in_a_list_s_point_stays_in_it_as_typed(points, kept):
    piece = clean_paste(html=f"{HEADLINE}<p>Two steps.</p><ul>{points}</ul><p>Done.</p>")

    assert piece.body == f"<p>Two steps.</p><ul>{kept}</ul><p>Done.</p>"
    assert [line.text for line in piece.removed if line.why != "moved"] == [
        "12 comments" if "12" in points else "Like"
    ]
