"""The platform's own lines around and inside a piece: reactions, "see more", follow buttons,
the byline and date above it, what comes after it and its hashtag trailer."""

import re
from collections.abc import Sequence
from datetime import date
from html import unescape

from django.utils.html import strip_tags

from articles.crosspost import origins

from .blocks import LISTS, Block, tidy_inline
from .report import Report

_ACTIONS = (
    r"like|liked|comment|comments|repost|reposts|send|share|reply|follow|following|\+ ?follow|"
    r"unfollow|listen|save|saved|subscribe|subscribed|sign in|sign up|log in|join now|connect|"
    r"message|copy link|report this (?:article|post)|open in app|get the app|write|clap|"
    r"celebrate|support|love|insightful|funny|curious|see translation|translate|edited"
)
_COUNTED = (
    r"reactions?|likes?|comments?|reposts?|shares?|followers?|following|claps?|responses?|"
    r"views?|impressions?|subscribers?|connections?|reads?|readers?|members?|replies|reply"
)
# Possessive quantifiers: a run of digits or spaces is read one way only, so a long line of
# them cannot make the match backtrack exponentially.
_NUMBER = r"\d[\d.,]*+(?:[kKmM](?![a-z]))?\+?"
_SEP = r"\s*+(?:[·•|]\s*+)?"
CHROME_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?:(?:{_ACTIONS}){_SEP})+$",
        rf"^(?:(?:{_NUMBER}\s*(?:{_COUNTED})|{_NUMBER}){_SEP})+$",
        rf"^.{{1,80}} and {_NUMBER} others?$",
        r"^(?:…|\.\.\.)?\s*(?:see|show|read) (?:more|less)$",
        r"^(?:…|\.\.\.)?\s*more$",
        r"^[-–—·•|]+$",
        r"^\d+\s*min(?:ute)?s? read$",
        r"^(?:member-only story|top highlight|promoted|sponsored|pinned)$",
        r"^(?:•\s*)?(?:1st|2nd|3rd\+?)$",
        r"^\d+\s*(?:s|m|h|d|w|mo|y|yr)\s*(?:[·•]\s*(?:edited\s*)?)*(?:[·•]\s*)?$",
        r"^responses?\s*\(\d+\)$",
        r"^(?:sign in|sign up|create your free account).{0,80}$",
        r"^(?:view|see) (?:profile|more (?:posts|articles))$",
    )
]
# A block starting like this ends the piece: what follows is the platform's, not the author's.
TRAILER_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^more articles by\b",
        r"^more from\b",
        r"^written by\b",
        r"^recommended from medium\b",
        r"^to view or add a comment, sign in\b",
        r"^others also viewed\b",
        r"^explore topics\b",
        r"^sign in to view more content\b",
        r"^sign up to discover human stories\b",
        r"^(?:help\s+)?status\s+about\s+careers\b",
        r"^insights from the community\b",
        r"^more relevant posts\b",
        # The reactions bar under a post: "Marcus Ellis and 342 others", "128 reactions".
        rf"^.{{1,80}}? and {_NUMBER} others?",
        rf"^{_NUMBER}\s*(?:reactions?|likes?|claps?)\b",
        r"^like\s*[·•]?\s*comment\b",
    )
]
_HASHTAG = r"#[^\W\d_][\w-]*"
# Hashtags at the end of a paragraph, matched on the reversed text: anchored at its start, the
# match takes time in proportion to the run, however long the paragraph.
_REVERSED_HASHTAG_RUN = re.compile(r"\s*+(?:[\w-]*?[^\W\d_]#(?=\s|$)\s*+)+")
_ONLY_HASHTAGS = re.compile(rf"^(?:{_HASHTAG}\s*)+$")
_SEE_MORE_SUFFIX = re.compile(r"\s*(?:…|\.\.\.)\s*(?:see|show) more\s*$", re.I)
_PUBLISHED_LINE = re.compile(r"^(?:published|posted|updated)(?: on)?\s+(?P<date>.+)$", re.I)


def is_chrome(text: str) -> bool:
    return any(pattern.match(text) for pattern in CHROME_PATTERNS)


def _is_chrome_item(item_html: str, report: Report) -> bool:
    text = " ".join(unescape(strip_tags(item_html)).split())
    if is_chrome(text):
        report.removed_chrome(text)
        return True
    return False


def _is_topic_line(text: str, report: Report) -> bool:
    """A line made only of links to the platform's topic pages (Medium's tag pills)."""
    if not text or text.startswith("#") or text not in report.tag_texts:
        return False
    report.topics.append(text)
    return True


def _date_line(text: str) -> date | None:
    """The date a header line gives ("Jan 14, 2025", "Published Jan 14, 2025", "6 min read ·
    Jan 14, 2025"), if it gives one."""
    for part in re.split(r"[·•|]", text):
        candidate = part.strip()
        if match := _PUBLISHED_LINE.match(candidate):
            candidate = match["date"]
        if found := origins.parse_date(candidate):
            return found
    return None


def _is_author_line(text: str, author_names: Sequence[str]) -> bool:
    lowered = text.casefold()
    for name in author_names:
        name = name.casefold().strip()
        if not name:
            continue
        if lowered in {name, f"by {name}", f"written by {name}", f"published by {name}"}:
            return True
        if lowered.startswith(name) and re.match(r"^\s*[·•|,]", lowered[len(name) :]):
            return True
    return False


def remove_chrome(
    blocks: list[Block], *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None]:
    """Drop the platform's own lines around and inside the piece; returns the blocks left and
    a date found among the lines above it."""
    kept: list[Block] = []
    for block in blocks:
        if block.tag == "p" and _SEE_MORE_SUFFIX.search(block.html):
            block.html = _SEE_MORE_SUFFIX.sub("", block.html)
            report.removed_chrome("…see more")
        text = block.text
        if block.tag != "hr" and any(p.match(text) for p in TRAILER_PATTERNS) and kept:
            report.count("trailer")
            break
        if block.tag in {"p", "h2", "h3", "h4"} and is_chrome(text):
            report.removed_chrome(text)
            continue
        if block.tag in LISTS:
            block.items = [item for item in block.items if not _is_chrome_item(item, report)]
            if not block.items:
                continue
        if block.tag == "p" and _is_topic_line(text, report):
            continue
        kept.append(block)

    found_date = _remove_header(kept, author_names=author_names, report=report)
    _remove_hashtag_trailer(kept, report=report)
    while kept and kept[-1].tag == "hr":
        kept.pop()
    while kept and kept[0].tag == "hr":
        kept.pop(0)
    return kept, found_date


HEADER_ZONE = 8


def _remove_header(blocks: list[Block], *, author_names: Sequence[str], report: Report):
    """Lines above the piece naming its author and date, with what sits between them (their
    title on the platform), are the platform's byline: drop them, keep the date."""
    markers, found_date, after_name = [], None, False
    for index, block in enumerate(blocks[:HEADER_ZONE]):
        if block.tag in LISTS or block.tag == "blockquote":
            break
        text = block.text
        when = _date_line(text)
        is_name = _is_author_line(text, author_names)
        # Right under the name, platforms show the author's own headline ("Co-CEO at …").
        is_title = after_name and len(text) <= 100 and not text.endswith((".", "!", "?", ":"))
        if when or is_name or is_title:
            markers.append(index)
            found_date = found_date or when
        elif markers and len(text) > 120:
            break  # the piece has started
        after_name = is_name
    if not markers:
        return None
    first, last = markers[0], markers[-1]
    if last - first > 4:
        last = first
    del blocks[first : last + 1]
    report.count("header")
    return found_date


def _remove_hashtag_trailer(blocks: list[Block], *, report: Report) -> None:
    while blocks and blocks[-1].tag == "p" and _ONLY_HASHTAGS.match(blocks[-1].text):
        report.hashtags[:0] = blocks.pop().text.split()
    if not blocks or blocks[-1].tag != "p":
        return
    last = blocks[-1]
    match = _REVERSED_HASHTAG_RUN.match(last.html[::-1])
    if not match:
        return
    start = len(last.html) - match.end()
    if strip_tags(last.html[:start]).strip():
        report.hashtags[:0] = last.html[start:].split()
        last.html = tidy_inline(last.html[:start])
