"""A spoiler warning that names the part spoiled: never a work's name of its own.

Readers hide pieces by the exact subject: a subject that takes in more than the work's name
("The Bear: Ep. 3") is shown to a reader hiding "The Bear", and one made only of the words
around a title ("The" from "The Finale - Recap") names no work at all and asks no one for it.
"""

import pytest

from tests.articles.crosspost.test_warning_dashes import subject_of


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for The Bear: Ep. 3", "The Bear"),
        ("Spoilers: The Bear: Ep. 3", "The Bear"),
        ("Spoilers for The Last of Us: Ep. 3 – HBO", "The Last of Us"),
        ("Spoilers for Star Wars: Ep. IV", "Star Wars"),
    ],
)
def test_an_abbreviated_episode_after_a_colon_is_the_part_spoiled(line, subject):
    """As "Episode 3" written out: the subject is the show's name alone."""
    assert subject_of(line) == subject
    assert subject_of(line.replace("Ep.", "Episode")) == subject


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for Kill Bill: Vol. 2", "Kill Bill: Vol. 2"),
        ("Spoilers for Dune: Pt. 2", "Dune: Pt. 2"),
        ("Spoilers for Guardians of the Galaxy Vol. 3", "Guardians of the Galaxy Vol. 3"),
    ],
)
def test_an_abbreviated_film_instalment_stays_the_film_s_title(line, subject):
    """As "Volume" and "Part" written out after a colon: a film of its own."""
    assert subject_of(line) == subject


@pytest.mark.parametrize(
    "line",
    [
        "Spoilers: The Ending – Explained",
        "Spoilers: The Finale – Recap",
        "Spoilers for The Finale – Recap",
        "Spoilers: The Season Finale – Recap",
        "Spoilers: Season Finale – Full Review",
        "Spoilers: The Finale",
        "Spoilers for The Finale",
        "Spoilers for Season 4",
        "Spoilers: The Final Season",
    ],
)
def test_a_warning_naming_only_the_part_spoiled_has_no_subject(line):
    """No subject "The" or "Season": the subject is left empty with the note asking the
    editor to name the show, film or book."""
    assert subject_of(line) == ""


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Spoilers for Seven", "Seven"),
        ("Spoilers for 1917", "1917"),
        ("Spoilers for X", "X"),
        ("Spoilers for “The End”", "The End"),
    ],
)
def test_a_title_of_numbers_or_a_quoted_one_stays_the_subject(line, subject):
    """A number names a work of its own; a quoted title is the work's whatever its words."""
    assert subject_of(line) == subject
