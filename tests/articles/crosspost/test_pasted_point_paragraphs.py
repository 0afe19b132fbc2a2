"""A copied point of several paragraphs stays one point, its paragraphs its lines, as a point
with line breaks is. Saved from the editor or imported, such a point is kept as written: one
point of paragraphs (the editor writes every point as a paragraph in its `<li>`)."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from newsroom.richtext import sanitize_html
from tests.factories import ArticleFactory

HEADLINE = "<p>Five steps to a calmer Monday</p>"


def pasted(html: str) -> str:
    return clean_paste(html=f"{HEADLINE}{html}").body


def saved(html: str) -> str:
    return Article.objects.get(pk=ArticleFactory(body=html).pk).body


def points(html: str) -> int:
    return html.count("<li>")


@pytest.mark.parametrize(
    ("copied", "kept"),
    [
        pytest.param(
            "<ul><li><p>Write the agenda.</p><p>Send it a day ahead.</p></li>"
            "<li><p>Start on time.</p></li></ul>",
            "<ul><li>Write the agenda.<br>Send it a day ahead.</li><li>Start on time.</li></ul>",
            id="two paragraphs",
        ),
        pytest.param(
            "<ol><li><p>Write the <strong>agenda</strong>.</p>\n<p>Send it.</p>"
            "<p>Then wait.</p></li>"
            "<li>Start on time.</li></ol>",
            "<ol><li>Write the <strong>agenda</strong>.<br>Send it.<br>Then wait.</li>"
            "<li>Start on time.</li></ol>",
            id="three paragraphs, formatted",
        ),
        pytest.param(
            "<ul><li>Write the agenda.<p>Send it a day ahead.</p></li></ul>",
            "<ul><li>Write the agenda.<br>Send it a day ahead.</li></ul>",
            id="words, then a paragraph",
        ),
        pytest.param(
            "<ul><li><p>Write the agenda.</p><p>Send it.</p><ul><li>By email.</li></ul></li>"
            "<li>Start on time.</li></ul>",
            "<ul><li>Write the agenda.<br>Send it.<ul><li>By email.</li></ul></li>"
            "<li>Start on time.</li></ul>",
            id="paragraphs, then sub-points",
        ),
    ],
)
@pytest.mark.django_db
def test_a_point_of_several_paragraphs_stays_one_point_pasted_or_saved(copied, kept):
    assert pasted(copied) == kept
    assert points(saved(copied)) == points(kept)


@pytest.mark.django_db
def test_a_point_of_paragraphs_is_kept_as_a_point_with_line_breaks_is():
    with_breaks = "<ul><li>Write the agenda.<br>Send it a day ahead.</li></ul>"
    with_paragraphs = "<ul><li><p>Write the agenda.</p><p>Send it a day ahead.</p></li></ul>"

    assert pasted(with_paragraphs) == pasted(with_breaks) == with_breaks


def test_the_editor_s_points_are_saved_as_the_editor_wrote_them():
    # The rich-text editor writes each point as a paragraph in its <li>: saving a piece unchanged
    # must give back what the editor sent, or every save would read as a change to the text.
    written = "<ul><li><p>One</p></li><li><p>Two</p><p>and a second line</p></li></ul>"
    assert sanitize_html(written) == written


def test_paragraphs_of_a_list_copied_without_points_stay_points_of_their_own():
    # Some copies put a list's paragraphs straight in the <ul>, one a point.
    assert pasted("<ul><p>Write the agenda.</p><p>Start on time.</p></ul>") == (
        "<ul><li>Write the agenda.</li><li>Start on time.</li></ul>"
    )
