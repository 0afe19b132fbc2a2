"""Lines that look blank but are not: LinkedIn keeps a post's empty lines only when they hold
a character, so posts (and the tools that format them) put a Braille blank or a zero-width
space on them. A paste reads them as the blank lines they show, and leaves out the zero-width
characters a reader never sees."""

import pytest

from articles.crosspost.cleaning import clean_paste

BODY = "<p>We closed the Tilburg plant.<br>It was the right call.</p><p>It still hurts.</p>"


@pytest.mark.parametrize(
    "blank",
    ["\u2800", "\u200b", "\ufeff", " \u2800 ", "\u3164"],
    ids=["braille-blank", "zero-width-space", "byte-order-mark", "spaced", "hangul-filler"],
)
def test_a_plain_copys_lines_of_a_blank_character_part_paragraphs(blank):
    text = (
        f"What closing a plant taught me\n{blank}\nWe closed the Tilburg plant.\n"
        f"It was the right call.\n{blank}\nIt still hurts."
    )

    piece = clean_paste(text=text)

    assert piece.headline == "What closing a plant taught me"
    assert piece.body == BODY


@pytest.mark.parametrize("blank", ["\u2800", "\u200b", "\ufeff", "\u3164"])
def test_a_formatted_copys_lines_of_a_blank_character_part_paragraphs(blank):
    html = (
        '<span class="break-words"><span dir="ltr">What closing a plant taught me<br>'
        f"{blank}<br>We closed the Tilburg plant.<br>It was the right call.<br>{blank}<br>"
        f"It still hurts.</span></span><p>{blank}</p>"
    )

    piece = clean_paste(html=html)

    assert piece.headline == "What closing a plant taught me"
    assert piece.body == BODY


@pytest.mark.parametrize("html", [True, False])
def test_zero_width_characters_in_words_are_left_out_not_made_spaces(html):
    line = "Ask Linked\u200bIn: the 12\u2060%\ufeff rise was ours."
    paste = {"html": f"<p>Headline</p><p>{line}</p>"} if html else {"text": f"Headline\n\n{line}"}

    assert clean_paste(**paste).body == "<p>Ask LinkedIn: the 12% rise was ours.</p>"


def test_joiners_that_make_emoji_and_words_are_kept():
    line = "Our team 👩\u200d💻 in Tehran: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"

    assert clean_paste(text=f"Headline\n\n{line}").body == f"<p>{line}</p>"
