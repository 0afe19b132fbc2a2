"""Tabs between the words of a preformatted line are kept, pasted or saved alike, as far as the
next of every four columns, as a line's indentation is: a table laid out by tabs keeps its
columns."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from newsroom.richtext import sanitize_html
from tests.factories import ArticleFactory

NBSP = "\u00a0"
HEADLINE = "<p>Five steps to a calmer Monday</p>"


@pytest.mark.parametrize(
    "pre",
    [
        "<pre>name\trole\tsince\nDana\tCo-CEO\t2019\n\tMarcus\tCTO</pre>",
        "<pre><b>name</b>\trole\tsince<br>Dana<span>\tCo-CEO</span>\t2019\n\tMarcus\tCTO</pre>",
    ],
)
@pytest.mark.django_db
def test_tabs_in_a_preformatted_line_are_kept_saved_or_pasted(pre):
    kept = (
        f"name{NBSP * 4}role{NBSP * 4}since<br>Dana{NBSP * 4}Co-CEO{NBSP * 2}2019<br>"
        f"{NBSP * 4}Marcus{NBSP * 2}CTO"
    )
    saved = Article.objects.get(pk=ArticleFactory(body=pre).pk).body
    pasted = clean_paste(html=f"{HEADLINE}{pre}").body

    assert saved == pasted
    assert pasted.replace("<strong>", "").replace("</strong>", "") == f"<p>{kept}</p>"


@pytest.mark.parametrize(
    ("pre", "kept"),
    [
        # To the next of every four columns, counted from the line's start.
        ("<pre>a\tb\tcde\tf</pre>", f"a{NBSP * 3}b{NBSP * 3}cde{NBSP}f"),
        # A character written as an entity is one column.
        ("<pre>a&amp;b\tc</pre>", f"a&amp;b{NBSP}c"),
        # Spaces and tabs in one run.
        ("<pre>ab  \tc</pre>", f"ab{NBSP * 2}{NBSP * 4}c"),
        # Each line counts from its start.
        ("<pre>abcdef\tg\nab\tg</pre>", f"abcdef{NBSP * 2}g<br>ab{NBSP * 2}g"),
    ],
)
@pytest.mark.django_db
def test_a_tab_reaches_the_next_column_of_four(pre, kept):
    assert sanitize_html(pre) == f"<p>{kept}</p>"
    assert clean_paste(html=f"{HEADLINE}{pre}").body == f"<p>{kept}</p>"


def test_a_tab_outside_preformatted_text_is_still_a_space():
    assert clean_paste(html=f"{HEADLINE}<p>name\trole</p>").body == "<p>name role</p>"
