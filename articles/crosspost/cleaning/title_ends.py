"""What may follow a title after a dash or colon without being any of it.

"Succession - The Final Season", "The Bear - Season 3 Ending Explained", "Succession - HBO":
after the mark come the part spoiled, what the piece is (a review, a recap) or where the work
is shown. Readers hide pieces by the exact subject, so these words end the title; they are
listed rather than guessed, as "Mission: Impossible - Dead Reckoning" shows a subtitle can look
like any other title-cased phrase. The same words alone, or with a title's lower-case words
("The Finale", "Season 4"), name no work at all. Nor does what happens in the work, told after
the mark as a name and a listed verb ("Succession: Logan Dies"); an event named without a verb
("Game of Thrones: The Red Wedding") cannot be told from a subtitle ("Star Wars: The Last
Jedi") without knowing the works, and stays in the subject.
"""

import re

# How a part is counted; alone, such a word may be a work's name ("Seven", "X").
_COUNTS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"eleven", "twelve", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
)
# The part of a work spoiled, and how a part is counted.
_PART_WORDS = _COUNTS | frozenset(
    {"season", "seasons", "series", "episode", "episodes", "ep", "eps", "part", "pt", "chapter"}
    | {"volume", "vol", "book", "finale", "premiere", "pilot", "ending", "endings", "end"}
    | {"the", "a", "final", "last", "first", "second", "third", "fourth", "fifth", "latest"}
    | {"new", "whole", "complete", "full", "entire", "mid-season", "midseason", "and", "&"}
)
# Words a title leaves in lower case ("The Lord of the Rings", "Killers of the Flower Moon").
MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "de", "del", "der", "des", "di", "du", "for"}
    | {"from", "in", "la", "le", "nor", "of", "on", "or", "the", "to", "van", "von", "vs", "with"}
)
# What the piece says of the work.
_COMMENTARY_WORDS = frozenset(
    {"explained", "explainer", "review", "reviews", "reviewed", "recap", "recaps", "reaction"}
    | {"reactions", "analysis", "breakdown", "discussion", "theories", "theory", "thoughts"}
    | {"verdict", "ranked", "spoilers", "spoiler", "spoiler-free", "twist", "twists", "plot"}
    | {"our", "my", "live", "blog", "podcast", "debrief", "deep", "dive", "all"}
)
# Where the work is shown: channels and streaming services, as their names are written.
_PLATFORM_WORDS = frozenset(
    {"hbo", "max", "netflix", "hulu", "disney+", "disney", "apple", "tv", "tv+", "prime"}
    | {"video", "amazon", "bbc", "itv", "itvx", "iplayer", "channel", "peacock"}
    | {"paramount+", "paramount", "showtime", "starz", "fx", "amc", "amc+", "sky", "crave"}
    | {"mubi", "cinema", "cinemas", "theaters", "theatres", "on"}
)
_NOT_THE_TITLE = _PART_WORDS | _COMMENTARY_WORDS | _PLATFORM_WORDS
_WORD = re.compile(r"[^\s,:;!?()]+")


def names_no_title(words: str) -> bool:
    """Whether `words`, after a title and its dash or colon, are only the part spoiled, what
    the piece is or where the work is shown ("The Final Season", "Season 3", "Ending
    Explained", "Full Review", "HBO"), so that the title ends before them."""
    found = [word.strip(".'’-–—").casefold() for word in _WORD.findall(words)]
    found = [word for word in found if word]  # a dash between them ("Season 3 – HBO")
    return bool(found) and all(word in _NOT_THE_TITLE or word.isdigit() for word in found)


# What happens in a plot, as a warning tells it after a name ("Logan Dies", "Snape Kills
# Dumbledore", "Dolores Is Wyatt"). Listed, not guessed: titles have verbs too ("The Empire
# Strikes Back", "The Force Awakens", "Dead Men Tell No Tales"), and words that may name a
# work ("Lost", "Left", "Lives") are left out.
_HAPPENING_VERBS = frozenset(
    {"dies", "died", "is", "was", "returns", "leaves", "kills", "killed", "murders", "loses"}
    | {"wins", "marries", "betrays", "survives", "escapes", "quits", "becomes"}
)
_ARTICLES = frozenset({"the", "a", "an"})


def tells_what_happens(words: str) -> bool:
    """Whether `words`, after a title and its colon or dash, tell what happens in the work: a
    name and then a listed verb ("Logan Dies", "Jon Snow Dies", "Kendall Loses Everything"),
    so that the title ends before them. A phrase opening with an article reads as a title
    ("The Empire Strikes Back") and is left as one."""
    found = [word.strip(".'’").casefold() for word in _WORD.findall(words)]
    found = [word for word in found if word]
    if len(found) < 2 or found[0] in _ARTICLES or found[0] in _HAPPENING_VERBS:
        return False
    return any(word in _HAPPENING_VERBS for word in found[1:])


def names_only_a_part(title: str) -> bool:
    """Whether `title` is only the part spoiled and a title's lower-case words ("The",
    "Season 4", "The Final Season"), naming no work; counting alone ("Seven", "1917", "X")
    may be a work's name."""
    found = [word.strip(".'’").casefold() for word in _WORD.findall(title)]
    found = [word for word in found if word]
    if all(word in _COUNTS or word.isdigit() for word in found):
        return False
    return all(word in _PART_WORDS or word in MINOR_WORDS or word.isdigit() for word in found)
