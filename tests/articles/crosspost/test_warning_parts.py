"""A spoiler warning that names the part spoiled: never a work's name of its own.

Readers hide pieces by the exact subject: a subject that takes in more than the work's name
("The Bear: Ep. 3") is shown to a reader hiding "The Bear", and one made only of the words
around a title ("The" from "The Finale - Recap") names no work at all and asks no one for it.
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
