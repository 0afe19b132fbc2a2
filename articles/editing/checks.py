"""The checks panel of the change form: how the piece reads, and whether it is ready to run.

Notes are advice an editor may overrule (a long title is cut, not refused); the checklist is
`articles.workflow.checklist`, whose problems block publishing. Readability is textstat's
Flesch reading ease (0 to 100, higher is easier), given from `MIN_WORDS_TO_SCORE` words on:
below that a score says little.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import textstat

from articles.editing.appearance import (
    CARD_DESCRIPTION_CHARS,
    CARD_TITLE_CHARS,
    SEARCH_DESCRIPTION_CHARS,
    SEARCH_TITLE_CHARS,
    Appearance,
)
from articles.workflow import checklist
from newsroom.plaintext import plain_text

MIN_WORDS_TO_SCORE = 50
# An adult's silent reading pace in words a minute, for the reading time.
WORDS_PER_MINUTE = 230
# Below this, search engines tend to write their own description from the page.
MIN_DESCRIPTION_CHARS = 50
# Flesch reading ease from which a band starts, easiest first; news reads well from 60.
READABILITY_BANDS = [
    (80, "easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
    (-math.inf, "very difficult"),
]
EASY_ENOUGH = 50

OK, ADVICE, INFO = "ok", "advice", "info"


@dataclass(frozen=True)
class Note:
    """One line of advice: `state` is OK, ADVICE (worth a look) or INFO (nothing to judge)."""

    topic: str
    text: str
    state: str = OK


@dataclass(frozen=True)
class TextStats:
    words: int

    @property
    def minutes(self) -> int:
        return math.ceil(self.words / WORDS_PER_MINUTE)

    @property
    def summary(self) -> str:
        """As shown under the text: "312 words · 2 min read"."""
        if not self.words:
            return "No words yet"
        return f"{self.words:,} word{'s' if self.words != 1 else ''} · {self.minutes} min read"


@dataclass(frozen=True)
class ChecksPanel:
    stats: TextStats
    notes: list[Note]
    checklist: list[checklist.Check]

    @property
    def problems(self) -> list[checklist.Check]:
        return [check for check in self.checklist if not check.passed]


def reading_text(article) -> str:
    """The words a reader reads: the editor's introduction, then the text, spoilers included."""
    parts = (plain_text(article.introduction), plain_text(article.body))
    return "\n".join(part for part in parts if part)


def text_stats(text: str) -> TextStats:
    return TextStats(words=textstat.lexicon_count(text))


def readability(text: str, stats: TextStats) -> Note:
    if stats.words < MIN_WORDS_TO_SCORE:
        return Note("Readability", f"Scored from {MIN_WORDS_TO_SCORE} words of text.", INFO)
    score = textstat.flesch_reading_ease(text)
    band = next(name for start, name in READABILITY_BANDS if score >= start)
    text = f"Flesch reading ease {score:.0f} of 100: {band}."
    if score < EASY_ENOUGH:
        return Note("Readability", f"{text} Shorter sentences and words would help.", ADVICE)
    return Note("Readability", text)


def length_note(topic: str, text: str, *, limit: int, where: str, fix: str) -> Note:
    if len(text) > limit:
        return Note(
            topic,
            f"{len(text)} characters: {where} show about {limit}, so the end is cut. {fix}",
            ADVICE,
        )
    return Note(topic, f"{len(text)} characters: fits what {where} show (about {limit}).")


def description_note(description: str) -> Note:
    if not description:
        return Note(
            "Description",
            "None yet: search engines and networks will pick text from the page. Write the "
            "summary (dek).",
            ADVICE,
        )
    if len(description) < MIN_DESCRIPTION_CHARS:
        return Note(
            "Description",
            f"{len(description)} characters: search engines often replace a description under "
            f"{MIN_DESCRIPTION_CHARS} with text of their own.",
            ADVICE,
        )
    return length_note(
        "Description",
        description,
        limit=SEARCH_DESCRIPTION_CHARS,
        where="search results",
        fix="Shorten the summary or write an SEO description.",
    )


def alt_text_note(article) -> Note:
    if not article.featured_image:
        return Note("Alt text", "No featured image: cards show the title alone.", INFO)
    if problem := checklist.image_alt_problem(article):
        return Note("Alt text", problem, ADVICE)
    return Note("Alt text", f"The featured image is described: “{article.featured_image_alt}”.")


def text_pictures_note(article) -> Note | None:
    """Pictures put in the text need their own alt text, as the featured image does."""
    alts = checklist.text_picture_alts(article)
    if not alts:
        return None
    if problem := checklist.text_pictures_problem(article):
        return Note("Pictures in the text", problem, ADVICE)
    count = len(alts)
    return Note(
        "Pictures in the text", f"{count} picture{'s' if count != 1 else ''}, each described."
    )


def origin_note(article) -> Note | None:
    """A cross-post links back to its original in the credit line."""
    if not article.is_cross_post:
        return None
    if article.origin_url:
        return Note("Original", f"The credit line links the original: {article.origin_url}")
    return Note(
        "Original",
        f"The credit line names {article.origin_platform} but cannot link it: add the original "
        "URL.",
        ADVICE,
    )


def checks_panel(article, *, appearance: Appearance, byline_names: Sequence[str]) -> ChecksPanel:
    """The panel for `article` as it stands, bylines as the form holds them."""
    text = reading_text(article)
    stats = text_stats(text)
    head = appearance.head
    notes = [
        readability(text, stats),
        length_note(
            "Title in search",
            head.title,
            limit=SEARCH_TITLE_CHARS,
            where="search results",
            fix="Shorten the headline or write an SEO title.",
        ),
        length_note(
            "Title on cards",
            head.card.title,
            limit=CARD_TITLE_CHARS,
            where="LinkedIn, Facebook and X cards",
            fix="Shorten the headline or write an SEO title.",
        ),
        description_note(head.description),
        length_note(
            "Description on cards",
            head.card.description,
            limit=CARD_DESCRIPTION_CHARS,
            where="LinkedIn and Facebook cards",
            fix="Warnings come first, then the summary.",
        ),
        alt_text_note(article),
    ]
    for note in (text_pictures_note(article), origin_note(article)):
        if note is not None:
            notes.append(note)
    checks = checklist.publication_checklist(article, byline_names=byline_names)
    return ChecksPanel(
        stats=stats, notes=notes, checklist=[check for check in checks if check.applies]
    )
