"""The subject an editor expects from a spoiler warning whose title is followed by a colon.

After a title's colon comes either more of the title ("Star Wars: Andor", "Dune: Part Two") or
what the warning gives away ("Succession: Logan Dies"); a subject is shown to every reader (the
index offers "Hide spoilers for …"), and a reader hiding "Succession" must not be shown a piece
filed under "Succession: Logan Dies". What happens is told apart by a listed verb
of what happens in a plot after a name ("Logan Dies", "Snape Kills Dumbledore"), and a title
said bare with what happens after it gives no subject, as a sentence after one does; an event's
name ("The Red Wedding") reads exactly like a subtitle ("The Last Jedi"), and only knowing the
works could tell them apart: those are the known failures, marked below.
"""

import pytest

from articles.crosspost.cleaning import read_warning
from articles.crosspost.cleaning.warnings import NO_SUBJECT

KNOWN_LIMIT = pytest.mark.xfail(
    strict=True,
    reason="an event's name after a colon reads as a subtitle: only knowing the "
    "works could tell them apart",
)

TABLE = [
    # What happens, after the colon: the work is the title before it.
    ("Spoilers for Succession: Logan Dies", "Succession"),
    ("(Warning: contains spoilers for Succession: Logan Dies)", "Succession"),
    ("Spoilers for Succession: Kendall Loses Everything", "Succession"),
    ("Spoilers for Breaking Bad: Walt Dies", "Breaking Bad"),
    ("Spoilers for Game of Thrones: Jon Snow Dies", "Game of Thrones"),
    ("[Spoilers for Harry Potter: Snape Kills Dumbledore]", "Harry Potter"),
    ("Spoilers for Westworld: Dolores Is Wyatt", "Westworld"),
    ("Spoilers for Succession: Logan dies", "Succession"),
    ("Spoilers for Succession - Logan Dies", "Succession"),
    # A bare title and then what happens, as with any sentence after a bare title: no subject,
    # for the editor to fill, and never the spoiler.
    ("Spoiler alert: Sherlock: Moriarty Returns", ""),
    ("Spoilers ahead: Better Call Saul: Kim Leaves", ""),
    # The part spoiled after the colon: the title before it.
    ("Spoilers for Succession: Season 4", "Succession"),
    ("Spoilers for Succession: the finale", "Succession"),
    # A title with a colon of its own, verbs in it included.
    ("Spoilers for Star Wars: Andor", "Star Wars: Andor"),
    ("Spoilers for Star Trek: Picard", "Star Trek: Picard"),
    ("Spoilers for Star Wars: The Empire Strikes Back", "Star Wars: The Empire Strikes Back"),
    ("Spoilers for Star Wars: The Force Awakens", "Star Wars: The Force Awakens"),
    (
        "Spoilers for Pirates of the Caribbean: Dead Men Tell No Tales",
        "Pirates of the Caribbean: Dead Men Tell No Tales",
    ),
    ("Spoilers for Spider-Man: No Way Home", "Spider-Man: No Way Home"),
    ("Spoilers for Dune: Part Two", "Dune: Part Two"),
    ("Spoilers for Avatar: The Way of Water", "Avatar: The Way of Water"),
    (
        "This review contains spoilers for Glass Onion: A Knives Out Mystery",
        "Glass Onion: A Knives Out Mystery",
    ),
    ("Spoilers for Mission: Impossible – Dead Reckoning", "Mission: Impossible – Dead Reckoning"),
    # Known failures: what happens, named as an event.
    pytest.param(
        "Spoilers for Game of Thrones: The Red Wedding", "Game of Thrones", marks=KNOWN_LIMIT
    ),
    pytest.param(
        "Spoilers for The Last of Us: Bill and Frank", "The Last of Us", marks=KNOWN_LIMIT
    ),
]


@pytest.mark.parametrize(("line", "subject"), TABLE)
def test_the_subject_is_the_work_an_editor_would_file_the_warning_under(line, subject):
    found = read_warning(line)

    assert found.kind == "spoilers"
    assert found.subject == subject
    assert found.subject_note == ("" if found.subject else NO_SUBJECT)
