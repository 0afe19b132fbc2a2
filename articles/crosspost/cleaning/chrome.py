"""What the platform's own lines look like, one line at a time.

LinkedIn, Medium and Substack put buttons, counts, dates and the author's card around a piece.
Each predicate here looks at one line of text, as a formatted or a plain copy gives it: reaction
bars ("Like Comment Repost Send", "1,234", "56 comments"), "Follow", "…see more", the header's
relative dates ("2d • Edited •"), connection degrees, "6 min read", avatars' alt text, and the
lines after a piece that start the platform's own page ("More articles by …"). A screen
reader's copy of a line glued to the visible one ("Priya RamanPriya Raman") is read as one.
Whole lines only: a sentence that begins with "Share" or ends with a date is the author's.
"""

import re
from collections.abc import Sequence
from datetime import date

from articles.crosspost import credits

_ACTIONS = (
    r"like|liked|comment|comments|repost|reposts|send|share|share this post|reply|follow|"
    r"following|\+ ?follow|unfollow|listen|save|saved|subscribe|subscribed|sign in|sign up|"
    r"log in|join now|connect|message|copy link|report this (?:article|post)|open in app|"
    r"get the app|write|clap|celebrate|support|love|insightful|funny|curious|see translation|"
    r"translate|edited|restack|restacks|restacked|upgrade to paid|previous|next|top|latest|"
    r"discussions|more"
)
_COUNTED = (
    r"reactions?|likes?|comments?|reposts?|restacks?|shares?|followers?|following|claps?|"
    r"responses?|views?|impressions?|subscribers?|connections?|reads?|readers?|members?|"
    r"replies|reply"
)
# Unicode's currency signs (category Sc). A platform never prints one before its counts, and an
# author's stat callout on a line of its own ("$4.2M", "£300k") is no reaction icon.
_CURRENCY = (
    r"$\u00a2-\u00a5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u09fb\u0af1\u0bf9\u0e3f\u17db"
    r"\u20a0-\u20c0\ua838\ufdfc\ufe69\uff04\uffe0\uffe1\uffe5\uffe6"
    r"\U00011fdd-\U00011fe0\U0001e2ff\U0001ecb0"
)
# Reaction icons glued to a count in a plain copy ("like1,234"), or emoji in a formatted one.
_REACTIONS = (
    rf"(?:(?:like|celebrate|support|love|insightful|funny|curious|[^\w\s.,#+{_CURRENCY}])\s*)*"
)
# Possessive quantifiers: a run of digits or spaces is read one way only, so a long line of
# them cannot make the match backtrack exponentially.
_NUMBER = r"\d[\d.,]*+(?:[kKmM](?![a-z]))?\+?"
_SEP = r"\s*+(?:[·•|∙⋅]\s*+)?"
_DEGREE = r"(?:1st|2nd|3rd\+?)"
_RELATIVE = (
    r"(?:\d+\s*(?:s|m|h|d|w|mo|y|yr)|just now"
    r"|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago)"
)

CHROME_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?:(?:{_ACTIONS}){_SEP})+$",
        rf"^{_REACTIONS}(?:(?:{_NUMBER}\s*(?:{_COUNTED})|{_NUMBER}){_SEP})+$",
        rf"^{_REACTIONS}.{{1,80}}? and {_NUMBER} others?(?:{_SEP}{_NUMBER}\s*(?:{_COUNTED}))*$",
        r"^(?:…|\.\.\.)?\s*(?:see|show|read) (?:more|less)$",
        r"^(?:…|\.\.\.)?\s*more$",
        r"^[-–—·•|∙⋅★☆]+$",
        r"^\d+\s*min(?:ute)?s? read$",
        r"^(?:member-only story|top highlight|promoted|sponsored|pinned|published in)$",
        rf"^(?:•\s*)?{_DEGREE}$",
        rf"^{_RELATIVE}\s*(?:[·•]\s*(?:edited\s*)?)*(?:[·•]\s*)?$",
        r"^responses?\s*\(\d+\)$",
        r"^(?:sign in|sign up|create your free account).{0,80}$",
        r"^(?:view|see) (?:profile|more (?:posts|articles))$",
        r"^(?:visible to anyone on or off linkedin|out of network)$",
        r"^(?:first|second|third) degree connection$",
        r"^view .{1,80}?['’]s? graphic link$",
        r"^(?:view profile of|profile (?:photo|picture) of) .{1,80}$",
        r"^.{1,80}?['’]s? (?:avatar|profile (?:photo|picture))$",
        r"^.{1,80}? (?:reposted|likes|liked|loves|celebrates|supports|commented on|"
        r"finds this (?:insightful|funny)|is curious about) this$",
        r"^·?\s*writer for .{1,80}$",
        r"^thanks for reading .{1,80}! subscribe for free to receive new posts and support "
        r"(?:my|our) work\.?$",
        r"^type your email(?:…|\.\.\.)?$",
        r"^already have an account\? sign in$",
    )
]
# A line like this ends the piece: what follows is the platform's page, not the author's.
TRAILER_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^recommended from medium$",
        r"^to view or add a comment, sign in$",
        r"^others also viewed$",
        r"^explore topics$",
        r"^sign in to view more content$",
        r"^sign up to discover human stories.{0,80}$",
        r"^(?:help\s+)?status\s+about\s+careers\b.{0,120}$",
        r"^insights from the community$",
        r"^more relevant posts$",
        r"^discussion about this post$",
        r"^ready for more\?$",
    )
]
# …and so does one of these followed by the author's or publication's name.
_TRAILER_LEADS = re.compile(r"^(?:more articles by|written by)\s+(?P<name>.+)$", re.I)
# Header lines that name a date, a follow button, counts or a connection: they anchor the
# author's card, whose name and title sit beside them.
_META_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^{_RELATIVE}\s*[·•]",
        rf"^{_RELATIVE}$",
        rf"^(?:•\s*)?{_DEGREE}\b",
        r"^(?:\+ ?)?follow(?:ing)?$",
        r"^subscribed?$",
        r"^published in$",
        r"^\d+\s*min(?:ute)?s? read\b",
        rf"^{_NUMBER}\s*(?:followers?|subscribers?|connections?)$",
        r"^visible to anyone on or off linkedin$",
        r"^(?:daily|weekly|biweekly|fortnightly|monthly|quarterly) newsletter$",
    )
]
_RULE = re.compile(r"^[-–—·•|∙⋅★☆]+$")
# Words of headlines and job titles that names do not have.
# fmt: off
NOT_IN_NAMES = {
    "a", "an", "the", "of", "at", "in", "on", "for", "to", "and", "or", "with", "from", "by",
    "why", "how", "what", "when", "who", "we", "our", "my", "your", "is", "are", "not", "this",
    "chief", "officer", "head", "director", "manager", "founder", "co-founder", "president",
    "vice", "lead", "engineer", "partner", "editor", "writer", "ceo", "co-ceo", "cto", "cfo",
    "coo", "cmo", "vp", "svp", "evp", "senior", "principal", "board", "member", "advisor",
}
# fmt: on
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|[A-Z]\.|de|da|di|du|dos|das|del|van|von|der|den|la|le|al|"
    r"bin|ibn|y)$"
)
_DEGREE_SUFFIX = re.compile(
    rf"\s*•\s*{_DEGREE}(?:\s*(?:first|second|third) degree connection)?\s*$", re.IGNORECASE
)
_GLUED_PROFILE = re.compile(r"(?<=\S)view profile of .{1,80}$", re.IGNORECASE)
_PUBLISHED_LINE = re.compile(r"^(?:published|posted|updated)(?: on)?\s+(?P<date>.+)$", re.I)
_HASHTAG = r"#[^\W\d_][\w-]*"
# Opening with the ellipsis, not the spaces before it: searched from each of a long run of
# spaces, those would each be read to its end.
SEE_MORE_SUFFIX = re.compile(r"(?:…|\.\.\.)\s*(?:see|show) more\s*$", re.I)
ONLY_HASHTAGS = re.compile(rf"^(?:{_HASHTAG}\s*)+$")
# Hashtags at the end of a paragraph, matched on the reversed text: anchored at its start, the
# match takes time in proportion to the run, however long the paragraph.
REVERSED_HASHTAG_RUN = re.compile(r"\s*+(?:[\w-]*?[^\W\d_]#(?=\s|$)\s*+)+")
# A caption under a picture, in a plain copy (a formatted one drops the whole figure).
_CAPTION = re.compile(
    r"^(?:photo|image|illustration|picture|photograph|graphic)(?: by|:| credit:?)\s.{1,100}$",
    re.IGNORECASE,
)
TITLE_CHARS = 220


def is_chrome(text: str) -> bool:
    return any(pattern.match(text) for pattern in CHROME_PATTERNS)


def is_trailer(text: str) -> bool:
    if lead := _TRAILER_LEADS.match(text):
        names = re.split(r"\s+and\s+", lead["name"])
        return all(is_name_like(name) or (name.istitle() and " " not in name) for name in names)
    return any(pattern.match(text) for pattern in TRAILER_PATTERNS)


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text))


def undouble(text: str) -> str:
    """One copy of a line that repeats itself: "Priya RamanPriya Raman • 2nd" → "Priya Raman •
    2nd" (a visible label glued to its screen-reader twin in a plain copy)."""
    for size in range(min(len(text) // 2, 120), 2, -1):
        first = text[:size]
        if first.strip() and text.startswith(first, size):
            return (first + text[2 * size :]).strip()
    return text


def card_text(text: str) -> str:
    """A line of an author's card without what screen readers add to it: one copy of a doubled
    line, no connection degree ("Priya Raman • 2nd" → "Priya Raman"), no "View profile of…"."""
    text = _GLUED_PROFILE.sub("", undouble(text))
    return _DEGREE_SUFFIX.sub("", text).strip()


def is_rule(text: str) -> bool:
    """A separator on a line of its own: "·", "--", "—"."""
    return bool(_RULE.match(text))


def date_in(text: str) -> date | None:
    """The date a header line gives ("Jan 14, 2025", "Published Jan 14, 2025", "6 min read ·
    Jan 14, 2025"), if it gives one."""
    for part in re.split(r"[·•|∙]", text):
        candidate = part.strip()
        if match := _PUBLISHED_LINE.match(candidate):
            candidate = match["date"]
        if found := credits.parse_date(candidate):
            return found
    return None


def is_meta(text: str) -> bool:
    """A line of an author's card that is never prose: a date, a follow button, a degree."""
    text = undouble(text)
    return bool(date_in(text)) or any(pattern.match(text) for pattern in _META_PATTERNS)


def is_name_like(text: str) -> bool:
    """Two to five capitalised words as a person's or publication's name is written: not a
    job title ("Chief Technology Officer"), not a title-case headline ("Why Handoffs Fail")."""
    text = card_text(text)
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 50 or any(ch.isdigit() for ch in text):
        return False
    if {word.casefold().strip(".") for word in words} & NOT_IN_NAMES:
        return False
    return all(_NAME_WORD.match(word) for word in words) and words[0][0].isupper()


def is_author_line(text: str, author_names: Sequence[str]) -> bool:
    lowered = card_text(text).casefold()
    for name in author_names:
        name = " ".join(name.split()).casefold()
        if not name:
            continue
        if lowered in {name, f"by {name}", f"written by {name}", f"published by {name}"}:
            return True
        if lowered.startswith(name) and re.match(r"^\s*[·•|,]", lowered[len(name) :]):
            return True
    return False


def is_title_like(text: str) -> bool:
    """Short, and not a sentence: a job title, a publication's name, a newsletter's."""
    return 0 < len(text) <= TITLE_CHARS and not text.rstrip().endswith((".", "!", "?", ":"))
