"""Warning lines as people type them above a piece, and what they warn of.

"(Warning: contains spoilers for the final season of Succession)", "CW: grief", "[Spoilers:
the ending of the film Arrival]", "Spoiler alert!": `read_warning` gives the warning's kind
(spoilers, or the sensitive topic it names), its text without brackets or prefix, and for
spoilers the show, film or book it spoils, when the phrasing says which.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags

from articles.models import ContentWarning

from .title_ends import MINOR_WORDS, names_no_title, names_only_a_part, tells_what_happens

Kind = ContentWarning.Kind
TEXT_CHARS = 200
SUBJECT_CHARS = 120
NO_SUBJECT = (
    "Could not tell which show, film or book the warning is about: give it as the subject, "
    "or leave the subject empty."
)


@dataclass(frozen=True)
class FoundWarning:
    kind: str
    text: str
    subject: str = ""
    # For a spoiler warning without a subject: why, for the person who pasted.
    subject_note: str = ""


_OPENERS = "([{"
_CLOSERS = ")]}"
_LEAD = re.compile(r"^[\s⚠️🚨❗!*]+")
# A prefix ending in ":" or a dash; spoiler phrasing may also go straight on ("Spoilers for X").
_PREFIXED = re.compile(
    r"^(?P<prefix>content warning|trigger warning|spoiler warning|spoilers? alert|spoilers?|"
    r"warning|cw|tw)\s*(?:[:：]|\s[–—-]\s|[–—])\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SPOILER_ALERT = re.compile(r"^spoilers? alert\b\s*!*\s*(?P<rest>.*)$", re.IGNORECASE)
_SPOILERS_SENTENCE = re.compile(
    r"^(?:(?:this (?:post|piece|article|essay|review|thread) )?contains? "
    r"(?:(?:some|major|minor|mild|heavy|big) )?)?"
    r"spoilers?(?:\s*!+)?(?:\s+(?:ahead|below|follow|for|about|from|in|on|throughout|inside)\b.*)?$",
    re.IGNORECASE,
)

# What a warning that does not say "spoiler" names, most specific first.
TOPICS = [
    (Kind.SELF_HARM, r"suicid|self[- ]harm|self[- ]injur"),
    (Kind.ABUSE, r"abus|sexual assault|rape|domestic violence|harass"),
    (Kind.VIOLENCE, r"violen|shooting|\bguns?\b|\bwar\b|murder|killing|\bgore\b|\bblood"),
    (Kind.GRIEF, r"death|\bdied\b|dying|grief|griev|bereave|\bloss\b|funeral|miscarr|passed away"),
]
_SPOILER_CUES = re.compile(
    r"spoil|\b(?:ending|finale|final episode|last episode|twist|plot) of\b|"
    r"\b(?:season|series|episode|book)\s+\w+\s+of\b",
    re.IGNORECASE,
)


def _closes_nothing(text: str) -> bool:
    """Whether `text` ends in a bracket that no bracket before it opens: "Arrival)" does,
    "Oppenheimer (2023)" does not."""
    if not text or text[-1] not in _CLOSERS:
        return False
    opener = _OPENERS[_CLOSERS.index(text[-1])]
    return text.count(text[-1]) > text.count(opener)


def _strip_brackets(text: str) -> str:
    text = _LEAD.sub("", text).strip()
    while len(text) > 1 and text[0] in _OPENERS:
        inner = text[1:].rstrip(". ")
        if _closes_nothing(inner):
            inner = inner[:-1]
        text = inner.strip()
    return text


def _tidy(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .!")
    while _closes_nothing(text):
        text = text[:-1].rstrip(" .!")
    return text


def warning_kind(text: str) -> str:
    """Spoilers when the text speaks of them (or of an ending, a finale, a season of
    something); otherwise the sensitive topic it names, or "sensitive"."""
    if _SPOILER_CUES.search(text):
        return Kind.SPOILERS
    lowered = text.casefold()
    for kind, pattern in TOPICS:
        if re.search(pattern, lowered):
            return kind
    return Kind.SENSITIVE


def read_warning(line: str, *, html: str = "") -> FoundWarning | None:
    """The warning a line gives, or None when it is not a warning line.

    `html`, the line as pasted, lets an italic title name the subject.
    """
    line = " ".join(unescape(line).split())
    if not line or len(line) > TEXT_CHARS + 40:
        return None
    inner = _strip_brackets(line)
    spoiler_prefix = False
    if match := _PREFIXED.match(inner):
        text = _tidy(match["rest"])
        spoiler_prefix = "spoil" in match["prefix"].casefold()
    elif match := _SPOILER_ALERT.match(inner):
        text, spoiler_prefix = _tidy(match["rest"]), True
    elif _SPOILERS_SENTENCE.match(inner):
        words = _tidy(inner).split(" ", 1)
        text = " ".join([words[0].lower().rstrip("!"), *words[1:]]).strip()
        spoiler_prefix = True
        if text.casefold() in {"spoiler", "spoilers"}:
            text = ""
    else:
        return None
    if not text:
        if not spoiler_prefix:
            return None
        text = "contains spoilers"
    if len(text) > TEXT_CHARS:
        return None
    kind = Kind.SPOILERS if spoiler_prefix else warning_kind(text)
    if kind != Kind.SPOILERS:
        return FoundWarning(kind, text)
    subject = spoiler_subject(text, html=html)
    return FoundWarning(kind, text, subject, "" if subject else NO_SUBJECT)


# Where the name of what is spoiled follows ("spoilers for X", "the finale of X", …).
_LEADS_TO_SUBJECT = re.compile(
    r"\b(?:spoil(?:ers?|s)?(?:\s+(?:ahead|below|inside|throughout))?\s+(?:for|about|from|of|in|on)"
    r"|(?:ending|end|finale|final episode|last episode|conclusion|climax|twist)\s+of"
    r"|(?:season|series|episode|book|part|chapter)\s+\w+\s+of"
    r"|(?:final|last|first|latest|new)\s+(?:season|series|episode|book)\s+of"
    r"|the\s+(?:film|movie|show|series|tv show|tv series|book|novel|play|game|documentary)"
    r"|spoils)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# "Spoilers ahead — The Last of Us": what follows the colon or dash is what is spoiled.
_SPOILERS_AHEAD = re.compile(
    r"^spoilers?\s+(?:ahead|below|inside|throughout)\s*(?:[:：]|\s[–—-]\s|[–—])\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# Words around a title that are not part of it.
_LEADING_PARTS = re.compile(
    r"^(?:the\s+)?(?:(?:final|last|first|second|third|latest|new|whole)\s+)?"
    r"(?:(?:season|series|episode|book|part|chapter)(?:\s+\w+)?|ending|end|finale|plot|twist)"
    r"\s+of\s+|^the\s+(?:film|movie|show|series|tv show|tv series|book|novel|play|game|"
    r"documentary)\s+",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"\s*(?:[,;:：.!?()\[\]]|\s[–—-]\s|[–—]|\b(?P<word>ahead|below|throughout|inside|here|in "
    r"this (?:post|piece|article|essay|newsletter|thread))\b)",
    re.IGNORECASE,
)
# The part of a work after its title: "Succession season 4", "Succession’s finale",
# "Slow Horses, season 4", "The Last of Us (episode three)".
_PART = r"(?:(?:season|series|episode|book|part|chapter)\s+\w+|finale|ending|spoilers?)"
# Not straight after a colon or dash: "Dune: Part Two" is a title of its own (`_INSTALMENT`).
_TRAILING_PARTS = re.compile(
    rf"(?<![:：–—\s-])(?:['’]s)?(?:\s*[,(]\s*|\s+){_PART}\)?$", re.IGNORECASE
)
_ONLY_A_PART = re.compile(rf"^{_PART}$", re.IGNORECASE)
# A numbered instalment after a title's colon names a film of its own, as its poster does
# ("Dune: Part Two", "John Wick: Chapter 4", "Kill Bill: Volume 1"), where a season, an
# episode ("Ep. 3" too) or a finale names the part of the work spoiled.
_INSTALMENT = re.compile(r"(?:part|chapter|volume|(?:vol|pt)\.)\s+\w+", re.IGNORECASE)
# Abbreviations whose full stop goes on with the title ("Guardians of the Galaxy Vol. 3",
# "Dr. Strangelove") when more of it follows; those that number a part cannot end one.
_NUMBERING_ABBREVIATIONS = frozenset({"vol", "vols", "pt", "pts", "ep", "eps"})
_ABBREVIATIONS = _NUMBERING_ABBREVIATIONS | {
    "no", "nos", "dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "mt"
}  # fmt: skip
_LAST_WORD = re.compile(r"(\w+)$")
_SENTENCE_MARKS = re.compile(r"[,;.!?()\[\]]")
_QUOTED = re.compile(
    r"[“\"«](?P<title>[^”\"»]{1,120})[”\"»]|(?:^|(?<=\s))‘(?P<single>[^’]{1,120})’"
)
_ITALIC = re.compile(r"<(em|i|cite)\b[^>]*>(?P<title>.*?)</\1>", re.IGNORECASE | re.DOTALL)


def _title_cased(title: str) -> bool:
    """Whether every word but the minor ones starts in capitals, as titles are written: a
    sentence ("Succession is perfect") is not a title."""
    return all(
        word.casefold() in MINOR_WORDS or not word[0].isalpha() or word != word.lower()
        for word in title.split()[1:]
    )


def _as_title(candidate: str) -> str:
    """`candidate` when it reads as one title ("The Bear", "Succession"), else ""."""
    title = " ".join(candidate.split()).strip(" “”\"'‘’«».,:;!?")
    if not title or len(title) > SUBJECT_CHARS or len(title.split()) > 10:
        return ""
    if not (title[0].isupper() or title[0].isdigit()):
        return ""
    # Two works named at once ("Arrival and Dune") cannot be told from one title with "and".
    if re.search(r"\s(?:and|&|or)\s", title):
        return ""
    if title.split()[-1].rstrip(".").casefold() in _NUMBERING_ABBREVIATIONS:
        return ""  # "Guardians of the Galaxy Vol": the number is missing
    return title


def _abbreviated(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation that more of a title follows
    ("Vol. 3", "Dr. Strangelove"), rather than a sentence ("Succession. I loved it")."""
    word = _LAST_WORD.search(text, 0, stop)
    after = text[stop + 1 : stop + 3]
    return (
        text[stop] == "."
        and word is not None
        and word[1].casefold() in _ABBREVIATIONS
        and after[:1].isspace()
        and (after[1:].isupper() or after[1:].isdigit())
    )


def _has_sentence_marks(text: str) -> bool:
    return any(not _abbreviated(text, mark.start()) for mark in _SENTENCE_MARKS.finditer(text))


# What parts a title from its subtitle: a colon or a dash ("Mission: Impossible – Dead
# Reckoning"); a hyphen only with spaces around it ("Spider-Man" is one word).
_SUBTITLE_MARK = re.compile(r"\s*[:：]\s*|\s+-\s+|\s*[–—]\s*")
_COLON = re.compile(r"[:：]")


# One word after a title's colon that answers or opens a sentence: "Succession: Yes, he dies".
_SENTENCE_OPENERS = frozenset(
    {"yes", "yeah", "yep", "no", "nope", "well", "so", "sadly", "finally", "spoiler", "spoilers"}
    | {"sorry", "ok", "okay", "obviously", "honestly", "seriously", "really", "basically", "wow"}
)
# What may follow a title after a comma: the part spoiled, or a clause about the work.
_AFTER_A_TITLE = re.compile(
    rf"\s*,\s*(?:(?:the\s+)?{_PART}|(?:which|who|that|whose|where|when)\b)", re.IGNORECASE
)


def _is_subtitle(text: str) -> bool:
    """Whether `text`, after a title's colon or dash, goes on with the title ("Mission: Impossible",
    "Spider-Man: No Way Home", "Dune: Part Two") rather than a sentence or the part spoiled
    ("Succession: the finale", "Succession: Kendall loses", "Succession: Season 4",
    "Succession: Yes")."""
    text = text.strip()
    return (
        bool(text)
        and (text[0].isupper() or text[0].isdigit())
        and _title_cased(text)
        and (_INSTALMENT.fullmatch(text) or not re.fullmatch(rf"(?:the\s+)?{_PART}", text, re.I))
        and text.rstrip("!?.").casefold() not in _SENTENCE_OPENERS
    )


def _ends_the_title(text: str, *, colon: bool) -> bool:
    """Whether `text`, after a title's colon or dash, is the part spoiled, what the piece is
    or where the work is shown ("The Final Season", "Full Review", "HBO"), not a subtitle; a
    numbered instalment after a colon is the film's own ("Dune: Part Two")."""
    return names_no_title(text) and not (colon and _INSTALMENT.fullmatch(text.strip()))


def _goes_on_as_a_sentence(text: str) -> bool:
    """Whether `text`, what follows a subtitle, is a comma going on with a sentence ("Kendall,
    he loses") rather than with the part spoiled or a clause about the work."""
    return text.lstrip().startswith(",") and not _AFTER_A_TITLE.match(text)


def _clause_end(text: str, start: int) -> int | None:
    """Where the clause begun at `start` ends, or None when that cannot be told.

    "ahead", "below", "inside" and the like end it as the sentence's words ("The Bear
    inside"), not as a title's first word ("Inside Out 2"); capitalised after a title's first
    word they may be either ("The Road Ahead", "Spoilers For The Bear Below").
    """
    for end in _CLAUSE_END.finditer(text, start):
        word = end["word"]
        if _abbreviated(text, end.end() - 1):
            continue
        if not word:
            return end.start()
        if not text[start : end.start()].strip():
            continue
        return None if word[0].isupper() and not word.isupper() else end.start()
    return len(text)


def _first_clause(text: str) -> str:
    """`text` up to the end of its first clause, which a colon or dash before a subtitle does
    not end: a reader hiding "Spider-Man: No Way Home" must not be shown it as "Spider-Man",
    nor "Mission: Impossible - Dead Reckoning" as "Mission: Impossible". "" when where the
    title ends cannot be told, as when a title-like phrase after the mark goes on as a
    sentence."""
    end = _clause_end(text, 0)
    while end is not None:
        mark = _SUBTITLE_MARK.match(text, end)
        if not mark:
            return text[:end]
        stop = _clause_end(text, mark.end())
        if stop is None:
            return ""
        following, colon = text[mark.end() : stop], bool(_COLON.search(mark[0]))
        if not _is_subtitle(following) or _ends_the_title(following, colon=colon):
            return text[:end]
        # What happens ("Succession: Logan Dies") is no subtitle, though title-cased alike.
        if tells_what_happens(following):
            return text[:end]
        # A dash parts a subtitle only from a title with a colon ("Mission: Impossible – Dead
        # Reckoning"); elsewhere a title-like phrase after it may be either.
        if not colon and not _COLON.search(text[:end]):
            return ""
        if _goes_on_as_a_sentence(text[stop:]):
            return ""
        end = stop
    return ""


def _title_before_its_part(text: str) -> str:
    """`text` without the part spoiled, the kind of piece or the channel after its title's
    colon or dash ("The Bear - Season 3" is "The Bear"), as after "spoilers for". Not at a
    dash after a title with a colon: what lies between may be what happens, not a subtitle
    ("Succession: Logan Dies - Season 4"), and the whole line then names no title."""
    title = _first_clause(text)
    mark = _SUBTITLE_MARK.match(text, len(title))
    colon = bool(mark and _COLON.search(mark[0]))
    if not title or not mark or (not colon and _COLON.search(title)):
        return text
    return title if _ends_the_title(text[mark.end() :], colon=colon) else text


def _without_parts(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _TRAILING_PARTS.sub("", text.strip())
    return text


def spoiler_subject(text: str, *, html: str = "") -> str:
    """The show, film or book a spoiler warning names, or "" when it does not say clearly.

    A title is taken when it is marked (italic, quoted), when it follows words that lead to
    one ("spoilers for", "the finale of") and ends the clause, or when it is all the warning
    says ("Succession season 4"). A title followed by more of a sentence ("the ending of
    Succession is perfect") is not: where the title ends cannot be told.
    """
    marked = [strip_tags(m["title"]) for m in _ITALIC.finditer(html)]
    marked = [unescape(title).strip() for title in marked if title.strip()]
    whole = " ".join(strip_tags(html).split())
    if len(set(marked)) == 1 and _tidy(marked[0]) != _tidy(whole):
        return _as_title(marked[0])
    quoted = [m["title"] or m["single"] for m in _QUOTED.finditer(text)]
    if len(set(quoted)) == 1:
        return _as_title(quoted[0])
    if len(set(quoted)) > 1:
        return ""
    if ahead := _SPOILERS_AHEAD.match(text):
        text = ahead["rest"]
    if match := _LEADS_TO_SUBJECT.search(text):
        rest = match["rest"]
        previous = None
        while previous != rest:
            previous = rest
            rest = _LEADING_PARTS.sub("", rest.strip())
        rest = _without_parts(_first_clause(rest))
    elif "spoil" in text.casefold():
        return ""
    else:
        rest = _without_parts(_title_before_its_part(_without_parts(_tidy(text))))
        # Its subtitle, if any, is the title's as after "spoilers for", or there is no title.
        titled = _first_clause(rest) == rest
        if _has_sentence_marks(rest) or not titled or _ONLY_A_PART.match(rest):
            return ""
    title = _as_title(rest)
    # "The" left of "The Finale": a subject naming no work would hide nothing.
    return title if _title_cased(title) and not names_only_a_part(title) else ""
