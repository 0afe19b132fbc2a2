"""Lists in a paste keep their numbers and their nesting: a numbered list going on after a
paragraph, one starting past 1 in plain text, sub-points under their point, and lists pasted
from Word."""

import pytest

from articles.crosspost.cleaning import clean_paste
from tests.articles.crosspost.pastes import word_list_item


def test_a_numbered_list_that_goes_on_after_a_paragraph_keeps_its_numbers():
    piece = clean_paste(
        html="<p>Five steps to a calmer Monday</p>"
        "<ol><li><p>Write the agenda.</p></li><li><p>Send it a day ahead.</p></li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li><p>Start on time.</p></li><li><p>End early.</p></li></ol>'
    )

    assert piece.body == (
        "<ol><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li>Start on time.</li><li>End early.</li></ol>'
    )


def test_a_numbered_list_in_plain_text_starts_at_its_first_number():
    piece = clean_paste(
        text="Five steps to a calmer Monday\n\n"
        "1. Write the agenda.\n2. Send it a day ahead.\n\n"
        "Then, on the day itself:\n\n"
        "3) Start on time.\n4) End early."
    )

    assert piece.body == (
        "<ol><li>Write the agenda.</li><li>Send it a day ahead.</li></ol>"
        "<p>Then, on the day itself:</p>"
        '<ol start="3"><li>Start on time.</li><li>End early.</li></ol>'
    )


@pytest.mark.parametrize(
    "sub_points",
    [
        # Inside their point, as HTML has it.
        "<ul><li>They say the bad news early.<ul><li>At the morning briefing.</li>"
        "<li>In writing.</li></ul></li><li>They write things down.</li></ul>",
        # After it, as some editors copy them.
        "<ul><li><p>They say the bad news early.</p></li><ul><li><p>At the morning briefing.</p>"
        "</li><li><p>In writing.</p></li></ul><li><p>They write things down.</p></li></ul>",
    ],
)
def test_a_nested_list_keeps_its_sub_points_under_their_point(sub_points):
    piece = clean_paste(html=f"<p>Three things the crew gets right</p>{sub_points}")

    assert piece.body == (
        "<ul><li>They say the bad news early.<ul><li>At the morning briefing.</li>"
        "<li>In writing.</li></ul></li><li>They write things down.</li></ul>"
    )


def test_a_list_pasted_from_word_stays_a_list():
    piece = clean_paste(
        html="<p class=MsoNormal>Three things the crew gets right<o:p></o:p></p>"
        "<p class=MsoNormal>They do three things well:<o:p></o:p></p>"
        + word_list_item("They say the bad news early.")
        + word_list_item("They write things down.")
        + "<p class=MsoNormal>That is all.<o:p></o:p></p>"
    )

    assert piece.body == (
        "<p>They do three things well:</p>"
        "<ul><li>They say the bad news early.</li><li>They write things down.</li></ul>"
        "<p>That is all.</p>"
    )


def test_a_numbered_list_from_word_keeps_its_numbers_and_sub_points():
    piece = clean_paste(
        html="<p class=MsoNormal>Five steps to a calmer Monday<o:p></o:p></p>\n"
        + word_list_item("Start on time.", marker="3.")
        + word_list_item("With the agenda on screen.", marker="o", level=2)
        + "\n"
        + word_list_item("End early.", marker="4.")
        + word_list_item("Five minutes is enough.", marker="a)", level=2)
    )

    assert piece.body == (
        '<ol start="3"><li>Start on time.<ul><li>With the agenda on screen.</li></ul></li>'
        '<li>End early.<ol type="a"><li>Five minutes is enough.</li></ol></li></ol>'
    )
