"""Lines as a browser's innerText lays them out, and the platform's card and bars among them."""

import pytest

from articles.crosspost.cleaning import clean_paste

BODY = "<p>The first paragraph of the piece, long enough to read as a sentence.</p>"


@pytest.mark.parametrize(
    "card",
    [
        # Neighbouring inline spans, as LinkedIn marks its card up (no styles in the copy).
        '<div class="update-components-actor__meta">'
        '<span class="update-components-actor__title"><span>Priya Raman</span></span>'
        '<span class="update-components-actor__description">Chief Technology Officer at '
        "Fieldbook</span>"
        '<span class="update-components-actor__sub-description">2d • Edited •</span></div>',
        # The same spans with the display Chromium writes into a copy's styles.
        '<div><span style="display: block; font-weight: 600">Priya Raman</span>'
        '<span style="color: rgba(0,0,0,.6); display: block">Chief Technology Officer at '
        'Fieldbook</span><span style="display:block">2d • Edited •</span></div>',
        # Flex items are laid out as blocks, whatever their tag.
        '<div style="display: flex; flex-direction: column"><a href="/in/priya">Priya Raman</a>'
        "<span>Chief Technology Officer at Fieldbook</span><span>2d • Edited •</span></div>",
    ],
)
def test_an_author_card_in_inline_elements_is_lines_and_not_the_headline(card):
    piece = clean_paste(html=f"{card}<div><span>Why we plan in seasons<br><br>{BODY}</span></div>")

    assert piece.headline == "Why we plan in seasons"
    assert [line.text for line in piece.removed if line.why == "header"] == [
        "Priya Raman",
        "Chief Technology Officer at Fieldbook",
        "2d • Edited •",
    ]
    assert piece.body == BODY


def test_inline_display_keeps_a_block_element_on_the_line():
    piece = clean_paste(html='<p>Title</p><p>One <div style="display: inline">two</div> three</p>')

    assert piece.body == "<p>One two three</p>"


def test_hidden_text_is_dropped_and_aria_hidden_text_is_kept():
    piece = clean_paste(
        html='<p>Title</p><p>Seen <span style="display:none">gone</span>'
        '<span style="position:absolute;clip:rect(1px, 1px, 1px, 1px)">also gone</span>'
        '<span aria-hidden="true">and shown</span></p>'
    )

    assert piece.body == "<p>Seen and shown</p>"


def test_a_title_case_headline_above_the_card_is_not_the_authors_name():
    piece = clean_paste(
        text="Why Handoffs Fail\nPriya Raman\nChief Technology Officer\nPublished Jan 14, 2025\n"
        "\nThe piece starts here."
    )

    assert piece.headline == "Why Handoffs Fail"
    assert piece.body == "<p>The piece starts here.</p>"


def test_a_title_case_first_line_under_the_card_is_the_headline():
    piece = clean_paste(
        text="Priya Raman\nChief Technology Officer\n2d •\nFollow\nThank You, Lisbon\n\nText."
    )

    assert (piece.headline, piece.body) == ("Thank You, Lisbon", "<p>Text.</p>")


def test_a_short_post_between_the_card_and_its_reactions_is_kept():
    piece = clean_paste(
        text="Priya Raman • 2nd\nCTO at Fieldbook\n2d •\nProud of this team\nTen years today.\n"
        "like1,234\nLike Comment Repost Send"
    )

    assert piece.headline == "Proud of this team"
    assert piece.body == "<p>Ten years today.</p>"


def test_a_decorative_rule_under_the_first_line_does_not_make_a_card():
    piece = clean_paste(text="My Year In Review\n———\nFollow the money, I was told.\n\nI did.")

    assert piece.headline == "My Year In Review"
    assert piece.body == "<p>Follow the money, I was told.</p><p>I did.</p>"


def test_sentences_that_start_like_buttons_are_the_authors():
    text = (
        "Title\n\nShare of voice is not the goal.\n\nLike most teams, we learned late.\n\n"
        "Follow the money.\n\nMore from our customers next week.\n\nWritten by hand, every word."
    )

    piece = clean_paste(text=text)

    assert piece.removed[1:] == []
    assert piece.body.count("<p>") == 5


def test_removed_lines_can_be_put_back_where_they_were():
    piece = clean_paste(
        text="Priya Raman\nCTO at Fieldbook\n2d • Edited •\n\nHeadline\n\nFirst.\n\nLike\n\n"
        "Last.\n\n#one #two"
    )
    numbers = {line.text: number for number, line in enumerate(piece.removed)}

    assert piece.body == "<p>First.</p><p>Last.</p>"
    assert piece.body_with({numbers["Like"], numbers["#one #two"]}) == (
        "<p>First.</p><p>Like</p><p>Last.</p><p>#one #two</p>"
    )
    assert piece.body_with({numbers["Headline"], numbers["Priya Raman"]}) == (
        "<p>Priya Raman</p><p>Headline</p><p>First.</p><p>Last.</p>"
    )


def test_the_authors_card_repeated_under_the_piece_is_taken_out():
    long = "A paragraph of the piece that runs on long enough to be prose. " * 6
    piece = clean_paste(
        text=f"Title\n\n{long}\n\nThe last line.\n\nPriya Raman\nChief Technology Officer at "
        "Fieldbook\n4,210 followers\n\n#planning"
    )

    assert piece.body == f"<p>{long.strip()}</p><p>The last line.</p>"
    assert [line.text for line in piece.removed if line.why == "footer"] == [
        "Priya Raman",
        "Chief Technology Officer at Fieldbook",
        "4,210 followers",
    ]
    assert "Removed the author's card shown under the piece." in piece.notes


def test_a_signature_at_the_end_of_the_piece_stays():
    piece = clean_paste(text="Title\n\nThe text.\n\nPriya Raman\nLisbon, in January")

    assert piece.body == "<p>The text.</p><p>Priya Raman<br>Lisbon, in January</p>"


def test_a_card_under_a_short_piece_leaves_its_paragraph_in_the_text():
    piece = clean_paste(
        text="Headline\n\nThe only paragraph.\n\nPriya Raman\nCTO at Fieldbook\n4,210 followers"
    )

    assert (piece.headline, piece.dek) == ("Headline", "")
    assert piece.body == "<p>The only paragraph.</p>"
