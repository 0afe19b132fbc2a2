"""Warning lines as people type them: their kind, their text and what they spoil."""

import pytest

from articles.crosspost.cleaning import clean_paste, read_warning
from articles.crosspost.cleaning.warnings import NO_SUBJECT, spoiler_subject
from articles.crosspost.importing import WarningDetails


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        (
            "(Warning: contains spoilers for season one)",
            "spoilers",
            "contains spoilers for season one",
        ),
        (
            "Warning: contains spoilers for season one.",
            "spoilers",
            "contains spoilers for season one",
        ),
        (
            "[Spoilers: the ending of the film Arrival]",
            "spoilers",
            "the ending of the film Arrival",
        ),
        ("Spoiler alert!", "spoilers", "contains spoilers"),
        ("(Spoilers!)", "spoilers", "contains spoilers"),
        ("Spoilers ahead for The Bear", "spoilers", "spoilers ahead for The Bear"),
        ("Spoiler alert — the finale of The Bear", "spoilers", "the finale of The Bear"),
        ("Content warning: discusses grief", "grief", "discusses grief"),
        ("CW: suicide", "self-harm", "suicide"),
        ("TW - domestic violence", "abuse", "domestic violence"),
        ("{Trigger warning: a shooting at a school}", "violence", "a shooting at a school"),
        (
            "⚠️ Warning: discusses the ending of the film Arrival",
            "spoilers",
            "discusses the ending of the film Arrival",
        ),
        ("Warning: strong language", "sensitive", "strong language"),
    ],
)
def test_a_warning_line_gives_its_kind_and_text_without_brackets_or_prefix(line, kind, text):
    found = read_warning(line)

    assert (found.kind, found.text) == (kind, text)


@pytest.mark.parametrize(
    "line",
    [
        "Warning signs we ignored",
        "Spoiled for choice: how we picked a vendor",
        "CW",
        "Content warnings are a kindness, not a burden.",
        "TW: " + "x" * 300,
        "",
    ],
)
def test_lines_that_are_not_warnings_are_left_alone(line):
    assert read_warning(line) is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("contains spoilers for the final season of Succession", "Succession"),
        ("discusses the ending of the film Arrival", "Arrival"),
        ("the finale of The Bear", "The Bear"),
        ("spoilers for season 2 of Severance below", "Severance"),
        ("spoilers for The Bear season 3", "The Bear"),
        ("major spoilers for Shōgun, episode ten", "Shōgun"),
        ("“The Last of Us”, episode three", "The Last of Us"),
        ("spoilers about ‘Slow Horses’ ahead", "Slow Horses"),
        ("contains spoilers for season one", ""),
        ("contains spoilers", ""),
        ("spoilers for my favourite show", ""),
        ("spoilers for Arrival and Dune", ""),
        ("spoilers for “Arrival” and “Dune”", ""),
    ],
)
def test_the_subject_comes_from_the_phrasing_people_use(text, subject):
    assert spoiler_subject(text) == subject


def test_an_italic_title_names_the_subject_but_an_italic_line_does_not():
    assert spoiler_subject("the ending of Arrival", html="the ending of <em>Arrival</em>") == (
        "Arrival"
    )
    italic_line = "<em>Spoilers for season 2 of Severance below.</em>"
    assert spoiler_subject("spoilers for season 2 of Severance below", html=italic_line) == (
        "Severance"
    )


def test_a_spoiler_warning_without_a_clear_subject_says_so():
    found = read_warning("Spoiler warning: I talk about the endings of two shows I loved")

    assert (found.subject, found.subject_note) == ("", NO_SUBJECT)
    assert read_warning("CW: grief").subject_note == ""


@pytest.mark.parametrize(
    "text",
    [
        "What a boardroom taught me\n(Warning: contains spoilers for the final season of "
        "Succession)\n\nThe text.",
        "(Warning: contains spoilers for the final season of Succession)\n\nWhat a boardroom "
        "taught me\n\nThe text.",
        "What a boardroom taught me\n\nWarning: contains spoilers for the final season of "
        "Succession\n\nThe text.",
    ],
)
def test_a_warning_in_the_first_three_lines_is_taken_wherever_it_is(text):
    piece = clean_paste(text=text)

    assert piece.headline == "What a boardroom taught me"
    assert (piece.warning.kind, piece.warning.subject) == ("spoilers", "Succession")
    assert piece.body == "<p>The text.</p>"


def test_a_warning_further_down_stays_in_the_text():
    piece = clean_paste(text="Headline\n\nOne.\n\nTwo.\n\nWarning: spoilers for Arrival")

    assert piece.warning is None
    assert "Warning: spoilers for Arrival" in piece.body


def test_a_warning_typed_under_a_formatted_headline_is_taken():
    piece = clean_paste(
        html="<span>A headline<br>(CW: grief)<br><br>The text, <em>with</em> formatting.</span>"
    )

    assert (piece.headline, piece.warning.kind, piece.warning.text) == (
        "A headline",
        "grief",
        "grief",
    )
    assert piece.body == "<p>The text, <em>with</em> formatting.</p>"


def test_imported_warnings_get_their_kind_and_subject_from_their_text():
    details = WarningDetails("contains spoilers for the finale of The Bear")

    assert (details.kind, details.subject) == ("spoilers", "The Bear")
    assert WarningDetails("discusses a bereavement").kind == "grief"
    assert WarningDetails("spoilers", subject="Given").subject == "Given"


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for Succession", "Succession"),
        ("Spoiler warning: Succession season 4", "Succession"),
        ("Spoiler warning: Succession’s finale", "Succession"),
        ("Spoilers: Slow Horses, season 4", "Slow Horses"),
        ("Spoiler alert — The Last of Us (episode three)", "The Last of Us"),
        ("Contains spoilers for The Bear season 3.", "The Bear"),
        ("This post contains spoilers for Severance", "Severance"),
        ("Spoilers ahead for The Bear", "The Bear"),
        ("Spoilers for Succession, which I loved", "Succession"),
        ("(Warning: contains spoilers for the final season of Succession)", "Succession"),
        ("Spoiler: what happens at the end of Succession", "Succession"),
        # Sentences that mention a title without saying it is the one spoiled, or name none.
        ("Spoiler: the ending of Succession is perfect", ""),
        ("Spoiler: the plot of Arrival explained", ""),
        ("Spoiler: the death of Logan Roy in Succession", ""),
        ("Spoiler: Logan dies", ""),
        ("Spoiler alert: Yes, Kendall loses", ""),
        ("Spoilers: the show I love most", ""),
        ("Spoilers: Major ones", ""),
        ("Spoilers: Season 4", ""),
        ("Spoilers: I finally watched it", ""),
        ("Spoiler alert!", ""),
        ("Contains spoilers", ""),
    ],
)
def test_a_subject_is_taken_only_where_the_first_line_clearly_names_one(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


@pytest.mark.parametrize(
    ("line", "text", "subject"),
    [
        ("Spoilers for Oppenheimer (2023)", "spoilers for Oppenheimer (2023)", "Oppenheimer"),
        ("(Spoilers for Oppenheimer (2023))", "spoilers for Oppenheimer (2023)", "Oppenheimer"),
        (
            "Warning: contains spoilers for Dune (2021).",
            "contains spoilers for Dune (2021)",
            "Dune",
        ),
        (
            "Spoilers: The Last of Us (episode three)",
            "The Last of Us (episode three)",
            "The Last of Us",
        ),
        (
            "Spoiler alert — The Last of Us (episode three)",
            "The Last of Us (episode three)",
            "The Last of Us",
        ),
        # A bracket left open is the typist's: the text keeps what they typed.
        ("(Spoilers for Oppenheimer (2023)", "spoilers for Oppenheimer (2023)", "Oppenheimer"),
        # A closing bracket nobody opened is dropped.
        ("Spoilers for Arrival)", "spoilers for Arrival", "Arrival"),
    ],
)
def test_a_bracket_inside_the_warning_keeps_its_closing_bracket(line, text, subject):
    found = read_warning(line)

    assert (found.kind, found.text, found.subject) == ("spoilers", text, subject)


def test_a_content_warning_keeps_its_brackets_too():
    assert read_warning("CW: grief (and loss)").text == "grief (and loss)"


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for Mission: Impossible", "Mission: Impossible"),
        ("Spoilers for Spider-Man: No Way Home", "Spider-Man: No Way Home"),
        ("Spoilers ahead for Spider-Man: No Way Home!", "Spider-Man: No Way Home"),
        ("(Warning: contains spoilers for Star Wars: Andor, season 2)", "Star Wars: Andor"),
        (
            "Spoilers for the ending of Glass Onion: A Knives Out Mystery",
            "Glass Onion: A Knives Out Mystery",
        ),
        ("Spoilers: Spider-Man: Across the Spider-Verse", "Spider-Man: Across the Spider-Verse"),
        ("Spoilers: Mission: Impossible", "Mission: Impossible"),
        # A colon before a sentence, a part or lower case ends the title.
        ("Spoilers for Succession: the finale", "Succession"),
        ("Spoilers for Succession: Season 4", "Succession"),
        ("Spoilers for Succession: Kendall loses", "Succession"),
        ("Spoilers for Succession: I loved it", "Succession"),
        ("Spoilers: Succession: Logan dies", ""),
    ],
)
def test_a_title_with_a_subtitle_after_a_colon_is_the_whole_subject(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


def test_a_pasted_warning_keeps_the_whole_title_and_its_brackets():
    piece = clean_paste(
        text="What a heist film taught me about deadlines\n"
        "(Spoilers for Mission: Impossible – Dead Reckoning (2023))\n\nThe text."
    )

    assert piece.warning.text == "spoilers for Mission: Impossible – Dead Reckoning (2023)"
    assert piece.warning.subject == "Mission: Impossible – Dead Reckoning"
    assert piece.body == "<p>The text.</p>"


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # A word that answers or opens a sentence after the colon is no subtitle.
        ("Spoilers for Succession: Yes, he dies", "Succession"),
        ("Spoilers for Succession: Yes", "Succession"),
        ("Spoilers for Succession: Sadly, Logan dies", "Succession"),
        ("(Warning: contains spoilers for Succession: No, he lives.)", "Succession"),
        # A subtitle may be followed by the part spoiled or a clause about the work.
        ("Spoilers for Mission: Impossible, which I loved", "Mission: Impossible"),
        ("Spoilers for Spider-Man: No Way Home, which I loved", "Spider-Man: No Way Home"),
        # A title-like word or phrase going on as a sentence: where the title ends is unclear.
        ("Spoilers for Succession: Kendall, he loses", ""),
        ("Spoilers for Glass Onion: A Knives Out Mystery, the killer is revealed", ""),
    ],
)
def test_an_answer_or_sentence_after_a_colon_is_not_a_subtitle(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # A numbered instalment after the colon is the film's own title.
        ("Spoilers for Dune: Part Two", "Dune: Part Two"),
        ("Spoilers ahead for Dune: Part 2!", "Dune: Part 2"),
        ("Contains spoilers for John Wick: Chapter 4.", "John Wick: Chapter 4"),
        ("(Spoilers for Kill Bill: Volume II)", "Kill Bill: Volume II"),
        ("Spoilers: Dune: Part Two", "Dune: Part Two"),
        # The season, episode or finale after the colon names the part spoiled.
        ("Spoilers for Succession: Season 4", "Succession"),
        ("Spoilers for Severance: Episode 3", "Severance"),
        ("Spoilers for Succession: The Finale", "Succession"),
        ("Spoilers for Dune: part two", "Dune"),
        ("Spoilers for part two of Dune", "Dune"),
        ("Spoilers: Part Two", ""),
    ],
)
def test_a_numbered_part_after_a_colon_is_part_of_the_title(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # "Inside", "Below", "Here" opening a title are the title's.
        ("Spoilers for Inside Out 2", "Inside Out 2"),
        ("Spoilers for Inside Out 2 inside", "Inside Out 2"),
        ("(Spoilers for Below Deck below)", "Below Deck"),
        ("Contains spoilers for Here.", "Here"),
        ("Spoilers ahead for Inside Man", "Inside Man"),
        ("Spoilers for the finale of Below Deck", "Below Deck"),
        # In lower case after the title they are the sentence's.
        ("Spoilers for The Bear inside", "The Bear"),
        ("Spoilers for Severance throughout", "Severance"),
        ("Spoilers for Slow Horses here, sorry", "Slow Horses"),
        ("Spoilers for The Bear in this post", "The Bear"),
        ("Spoilers inside for The Bear", "The Bear"),
        ("SPOILERS FOR THE BEAR AHEAD", "THE BEAR"),
        # Capitalised inside a title, the word may be the title's or the sentence's: unclear.
        ("Spoilers for The Road Ahead", ""),
        ("Spoilers For The Bear Below", ""),
        ("Spoilers for From Here to Eternity", ""),
        # Nothing after the word, or a sentence: no title.
        ("Spoilers inside", ""),
        ("Spoilers ahead", ""),
        ("Spoilers below!", ""),
        ("Spoilers inside: you have been warned", ""),
        ("Spoilers for inside jokes", ""),
    ],
)
def test_ahead_below_and_inside_end_the_title_only_as_the_sentence_s_words(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # An abbreviation's full stop followed by more of the title does not end it.
        ("Spoilers for Guardians of the Galaxy Vol. 3", "Guardians of the Galaxy Vol. 3"),
        ("Spoilers for Guardians of the Galaxy Vol. 3.", "Guardians of the Galaxy Vol. 3"),
        (
            "(Spoilers for Guardians of the Galaxy Vol. 3, which I loved)",
            "Guardians of the Galaxy Vol. 3",
        ),
        ("Spoilers for Dr. Strangelove", "Dr. Strangelove"),
        ("Spoilers for Mr. Robot season 2", "Mr. Robot"),
        ("Contains spoilers for St. Elsewhere.", "St. Elsewhere"),
        ("Spoilers for Harry Potter and the Deathly Hallows Pt. 2", ""),
        ("Spoilers for Kill Bill Pt. 2", "Kill Bill Pt. 2"),
        ("Spoilers for Star Wars: Ep. IV", "Star Wars"),
        ("Spoilers for Dr. No", "Dr. No"),
        ("Spoiler warning: Guardians of the Galaxy Vol. 3", "Guardians of the Galaxy Vol. 3"),
        ("Spoilers for Guardians of the Galaxy Vol. 3. I cried", "Guardians of the Galaxy Vol. 3"),
        # A full stop after any other word still ends the title.
        ("Spoilers for Succession. I loved it", "Succession"),
        # An abbreviation with no more of the title after it: where the title ends is unclear.
        ("Spoilers for Guardians of the Galaxy Vol.", ""),
        ("Spoilers for Kill Bill Pt. two of which I loved", ""),
    ],
)
def test_an_abbreviation_s_full_stop_inside_a_title_does_not_end_it(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)
