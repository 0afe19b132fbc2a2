"""A post whose lines are parted by new lines in its text, shown as lines by its style
(`white-space: pre-wrap`), as X and Bluesky show a post and Chromium copies it: its lines,
paragraphs and lists are the ones the reader saw, as its plain copy gives them."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form
from tests.factories import AuthorFactory

POST = (
    "Three things I got wrong as a first-time CEO:\n"
    "\n"
    "1. Hiring for speed\n"
    "2. Skipping the board memo\n"
    "3. Not saying no\n"
    "\n"
    "The third one cost us a year.\n"
    "The first one cost us two."
)
# A tweet's text as Chromium puts it on the clipboard: the element's computed style written
# into its `style`, the text's new lines as they are.
TWEET = (
    '<meta charset=\'utf-8\'><div dir="auto" lang="en" class="css-146c3p1 r-bcqeeo" '
    'data-testid="tweetText" style="text-overflow: unset; color: rgb(15, 20, 25); '
    "font-family: TwitterChirp, -apple-system, &quot;Segoe UI&quot;, sans-serif; "
    "line-height: 20px; overflow-wrap: break-word; min-width: 0px; white-space: pre-wrap; "
    'font-size: 15px;"><span class="css-1jxf684 r-bcqeeo" style="text-overflow: unset; '
    f'font-family: inherit; overflow-wrap: break-word;">{POST}</span></div>'
)


def test_a_tweet_copied_with_its_style_keeps_its_lines_paragraphs_and_list():
    piece = clean_paste(html=TWEET, base_url="https://x.com/dana/status/1870000000000000001")

    assert piece.headline == "Three things I got wrong as a first-time CEO:"
    assert piece.body == (
        "<ol><li>Hiring for speed</li><li>Skipping the board memo</li>"
        "<li>Not saying no</li></ol>"
        "<p>The third one cost us a year.<br>The first one cost us two.</p>"
    )
    assert piece.body == clean_paste(text=POST).body


@pytest.mark.parametrize("white_space", ["pre-line", "break-spaces", "pre"])
def test_every_style_that_shows_new_lines_keeps_them(white_space):
    html = f'<div style="white-space: {white_space}">Headline\n\nOne line.\nAnother.</div>'

    assert clean_paste(html=html).body == "<p>One line.<br>Another.</p>"


def test_a_part_whose_style_folds_new_lines_again_folds_them():
    html = (
        '<div style="white-space: pre-wrap">Headline\n\nKept\napart. '
        '<span style="white-space: normal">Run\ntogether.</span></div>'
    )

    assert clean_paste(html=html).body == "<p>Kept<br>apart. Run together.</p>"


def test_new_lines_in_markup_without_such_a_style_are_spaces_as_before():
    html = "<div>Headline</div><div>Run\ntogether\n\nstill.</div>"

    assert clean_paste(html=html).body == "<p>Run together still.</p>"


@pytest.mark.django_db
def test_a_pasted_tweet_makes_a_draft_with_the_posts_headline_and_paragraphs(admin_client):
    dana = AuthorFactory(name="Dana Whitfield")

    make_draft(
        admin_client,
        paste_form(
            origin_url="https://x.com/dana/status/1870000000000000001?s=46&t=abc",
            author=str(dana.pk),
            pasted_html=TWEET,
            pasted=POST,
        ),
    )

    article = Article.objects.get()
    assert article.headline == "Three things I got wrong as a first-time CEO:"
    assert article.body.startswith("<ol><li>Hiring for speed</li>")
    assert article.origin_url == "https://x.com/dana/status/1870000000000000001"
