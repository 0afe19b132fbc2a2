"""A dash after a title in a spoiler warning: a subtitle, or the part spoiled, or unclear.

Readers hide pieces by the exact subject, so a subject that takes in what follows the dash
("Succession - The Final Season") is not hidden from a reader hiding "Succession". A dash parts
a subtitle only from a title with a colon ("Mission: Impossible - Dead Reckoning"); the part
spoiled, what the piece is or where the work is shown never goes on with the title, and any
other title-like phrase after a dash leaves the subject for the editor.
"""

import pytest

from articles.crosspost.cleaning import read_warning
from articles.crosspost.cleaning.warnings import NO_SUBJECT


def subject_of(line: str) -> str:
    found = read_warning(line)
    assert found.kind == "spoilers"
    assert found.subject_note == ("" if found.subject else NO_SUBJECT)
    return found.subject


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # A subtitle after a dash is the title's where the title has a colon.
        (
            "Spoilers for Mission: Impossible – Dead Reckoning",
            "Mission: Impossible – Dead Reckoning",
        ),
        (
            "(Spoilers for Mission: Impossible - Dead Reckoning)",
            "Mission: Impossible - Dead Reckoning",
        ),
        # A title after "Spoilers ahead" and a dash or colon is the whole warning's.
        ("Spoilers ahead — The Last of Us", "The Last of Us"),
        ("Spoilers below: The Last of Us, season 2", "The Last of Us"),
        ("Spoilers ahead – the finale of The Bear", "The Bear"),
        # A part, a sentence or an answer after the dash ends the title.
        ("Spoilers for The Last of Us — episode three", "The Last of Us"),
        ("Spoilers for The Bear – Season 3", "The Bear"),
        ("Spoilers for Dune — Part Two", "Dune"),
        ("Spoilers for The Bear — I loved it", "The Bear"),
        ("Spoilers for The Bear – sorry", "The Bear"),
        ("Spoilers for Succession — Yes, he dies", "Succession"),
        # A title-like phrase going on as a sentence after the dash: unclear.
        ("Spoilers for Succession — Kendall, he loses", ""),
        ("Spoilers ahead — I loved it", ""),
    ],
)
def test_a_title_after_a_dash_is_taken_whole_or_not_at_all(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert (found.subject, found.subject_note) == (subject, "" if subject else NO_SUBJECT)


@pytest.mark.parametrize(
    "line",
    [
        "Spoilers for Succession – The Final Season",
        "Spoilers for Succession — Final Season",
        "(Spoilers for Succession - The Final Season)",
        "Spoilers for Succession – The Final Season, which I loved",
        "Spoilers for Succession – Ending Explained",
        "Spoilers for Succession – Full Review",
        "Spoilers for Succession - HBO",
        "Spoilers for Succession — Part 2",
        "Spoilers for Succession – Season 4 Finale Recap",
        # After a colon too, where no numbered instalment follows it.
        "Spoilers for Succession: The Final Season",
        "Spoilers for Succession：The Final Season",
    ],
)
def test_the_part_spoiled_a_review_or_a_channel_after_a_dash_leaves_the_title(line):
    """The subject a reader hides is "Succession", not "Succession - The Final Season"."""
    assert subject_of(line) == "Succession"


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for Mission: Impossible – Full Review", "Mission: Impossible"),
        ("Spoilers for Spider-Man: No Way Home - Ending Explained", "Spider-Man: No Way Home"),
        ("Spoilers for Dune: Part Two – HBO", "Dune: Part Two"),
    ],
)
def test_after_a_subtitle_the_same_words_end_the_title(line, subject):
    assert subject_of(line) == subject


@pytest.mark.parametrize(
    "line",
    [
        # "Star Wars" or "Star Wars: The Clone Wars"? Neither is guessed.
        "Spoilers for Star Wars – The Clone Wars",
        "Spoilers: Star Wars – The Clone Wars",
        "Spoilers for Doctor Who – The Day of the Doctor",
    ],
)
def test_a_title_like_phrase_after_a_dash_without_a_colon_gives_no_subject(line):
    assert subject_of(line) == ""


def test_a_warning_that_is_only_a_title_keeps_a_subtitle_after_a_colon_and_a_dash():
    assert subject_of("Spoilers: Mission: Impossible – Dead Reckoning") == (
        "Mission: Impossible – Dead Reckoning"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Spoiler warning: The Bear – Season 3",
        "Spoilers: The Bear - Season 3",
        "Spoiler alert: The Bear — season 3",
        "Spoiler warning: The Bear: Season 3",
        "Spoiler warning: The Bear：Season 3",
        "Spoilers: The Bear season 3 – Full Review",
        "Spoilers: The Bear – Season 3 – Hulu",
    ],
)
def test_a_warning_that_is_a_title_and_after_a_dash_its_part_names_the_title(line):
    """As "Spoiler warning: The Bear season 3" and "Spoilers for The Bear - Season 3" do."""
    assert subject_of(line) == "The Bear"


@pytest.mark.parametrize(
    "line",
    [
        "Spoilers: The Bear — I loved it",
        "Spoilers: The Bear – Season 3, I cried",
        "Spoilers: The Bear: Carmy leaves",
    ],
)
def test_a_warning_that_is_a_title_and_a_sentence_after_a_dash_names_none(line):
    assert subject_of(line) == ""


@pytest.mark.parametrize(
    "line",
    [
        "Spoilers for Succession – Logan Dies in Season 4",
        "Spoilers for Breaking Bad - Walt Dies In The Finale",
    ],
)
def test_what_happens_in_the_work_after_a_dash_never_joins_the_subject(line):
    # Title-cased, it reads like a subtitle once "Season 4" or "Finale" is taken off the end.
    assert subject_of(line) in ("", "Succession", "Breaking Bad")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Spoiler warning: Game of Thrones: Jon Snow Dies – Season 5 Finale", "Game of Thrones"),
        ("Spoiler warning: Succession: Logan Dies – Season 4", "Succession"),
        ("Spoilers: The Bear: Carmy Leaves – Season 3", "The Bear"),
    ],
)
def test_a_warning_that_is_a_title_with_a_colon_keeps_what_happens_out_before_a_dash(line, title):
    """What follows the colon may be what happens ("Logan Dies") rather than a subtitle, so
    the part spoiled after the dash does not settle where the title ends: the editor sees the
    work's name alone or no subject, never "Succession: Logan Dies"."""
    assert subject_of(line) in ("", title)
