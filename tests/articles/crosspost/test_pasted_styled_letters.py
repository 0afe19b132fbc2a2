"""Bold and italic typed in Unicode's mathematical letters, as LinkedIn posts are written for
want of a bold button: the paste has plain letters in bold and italic, which screen readers
read as words, search finds and the headline shows as text."""

import pytest

from articles.crosspost.cleaning import clean_paste
from articles.models import Article
from tests.articles.crosspost.paste_page import make_draft, paste_form
from tests.factories import AuthorFactory

# A LinkedIn post as its plain copy gives it: the hook in sans-serif bold, a word in
# sans-serif italic, points numbered in bold digits.
POST = (
    "Dana Whitfield\n"
    "Co-CEO at Northwind Labs\n"
    "3d • Edited\n"
    "\n"
    "𝗛𝗲𝗿𝗲'𝘀 𝘄𝗵𝗮𝘁 𝗜 𝗹𝗲𝗮𝗿𝗻𝗲𝗱 𝗳𝗿𝗼𝗺 𝟭𝟬 𝘆𝗲𝗮𝗿𝘀 𝗼𝗻 𝗯𝗼𝗮𝗿𝗱𝘀\n"
    "\n"
    "Most boards fail quietly, 𝘯𝘰𝘵 loudly.\n"
    "\n"
    "𝟭. 𝗛𝗶𝗿𝗲 𝘀𝗹𝗼𝘄𝗹𝘆: the wrong director costs years.\n"
    "𝟮. Fire 𝘲𝘶𝘪𝘤𝘬𝘭𝘺.\n"
    "\n"
    "#leadership #boards"
)
BODY = (
    "<p>Most boards fail quietly, <em>not</em> loudly.</p>"
    "<ol><li><strong>Hire slowly</strong>: the wrong director costs years.</li>"
    "<li>Fire <em>quickly</em>.</li></ol>"
)
# The same post as a formatted copy gives it: one span, its lines parted by <br>.
POST_HTML = (
    '<div class="update-components-text"><span class="break-words"><span dir="ltr">'
    + POST.split("\n\n", 1)[1].replace("\n", "<br>")
    + "</span></span></div>"
)


def test_a_plain_copy_has_plain_letters_in_bold_and_italic_and_a_plain_headline():
    piece = clean_paste(text=POST, author_names=["Dana Whitfield"])

    assert piece.headline == "Here's what I learned from 10 years on boards"
    assert piece.body == BODY


def test_a_formatted_copy_reads_them_as_the_plain_copy_does():
    piece = clean_paste(html=POST_HTML, author_names=["Dana Whitfield"])

    assert piece.headline == "Here's what I learned from 10 years on boards"
    assert piece.body == BODY


def test_letters_already_in_bold_markup_are_not_made_bold_twice():
    piece = clean_paste(html="<h1>Headline</h1><p><strong>Now 𝗯𝗼𝗹𝗱 and 𝙗𝙤𝙡𝙙 𝙞𝙩𝙖𝙡𝙞𝙘</strong></p>")

    assert piece.body == "<p><strong>Now bold and <em>bold italic</em></strong></p>"


@pytest.mark.parametrize(
    ("typed", "html"),
    [
        # Serif italic has no small h of its own: Unicode's is the Planck constant.
        ("𝑇ℎ𝑒 𝑤𝑎𝑦 we work", "<em>The way</em> we work"),
        ("𝒮𝒸𝓇𝒾𝓅𝓉 and 𝚖𝚘𝚗𝚘 and 𝔻𝕠𝕦𝕓𝕝𝕖", "Script and mono and Double"),
        ("𝐒𝐞𝐫𝐢𝐟 𝐛𝐨𝐥𝐝, then plain", "<strong>Serif bold</strong>, then plain"),
        ("(𝗯𝗼𝗹𝗱) & <𝘪𝘵𝘢𝘭𝘪𝘤>", "(<strong>bold</strong>) &amp; &lt;<em>italic</em>&gt;"),
    ],
)
def test_every_style_of_mathematical_letters_becomes_plain_letters(typed, html):
    piece = clean_paste(text=f"Headline\n\n{typed}")

    assert piece.body == f"<p>{html}</p>"


@pytest.mark.django_db
def test_a_pasted_post_in_bold_letters_makes_a_draft_with_a_readable_headline(admin_client):
    dana = AuthorFactory(name="Dana Whitfield")

    make_draft(
        admin_client,
        paste_form(
            origin_url="https://www.linkedin.com/posts/dana-whitfield_boards-activity-7270000000000000000-AbCd",
            author=str(dana.pk),
            pasted_html=POST_HTML,
            pasted=POST,
        ),
    )

    article = Article.objects.get()
    assert article.headline == "Here's what I learned from 10 years on boards"
    assert article.slug == "heres-what-i-learned-from-10-years-on-boards"
    assert article.body == BODY
