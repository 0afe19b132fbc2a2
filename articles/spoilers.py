"""Keeping spoilers hidden: finding marked passages repeated where they would show, and
describing an article to the outside world without them."""

import re

from django.utils.html import strip_tags

from newsroom.plaintext import plain_text
from newsroom.spoiler_markup import spoiler_passages, strip_spoilers

# A run of this many words from a spoiler passage is enough to give it away.
LEAK_WORDS = 5
# Passages shorter than this ("he", "yes") appear everywhere; only whole words count for them.
MIN_PASSAGE_CHARS = 4

DESCRIPTION_CHARS = 160

# An article's fields shown outside its hidden passages (page title, link previews, feeds,
# cards, and the address in all of them and in sitemaps): none may give a passage away,
# whatever path the piece is published by.
SPOILER_FREE_FIELDS = [
    "headline",
    "slug",
    "dek",
    "introduction",
    "seo_title",
    "seo_description",
    "featured_image_alt",
    "featured_image_caption",
]

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def leaked_passage(text: str, passages: list[str]) -> str | None:
    """The first spoiler passage that `text` gives away, whole or as a long enough run of words."""
    words = _words(strip_tags(text or ""))
    if not words:
        return None
    haystack = f" {' '.join(words)} "
    for passage in passages:
        passage_words = _words(passage)
        if len("".join(passage_words)) < MIN_PASSAGE_CHARS:
            continue
        runs = [passage_words]
        if len(passage_words) > LEAK_WORDS:
            runs = [
                passage_words[start : start + LEAK_WORDS]
                for start in range(len(passage_words) - LEAK_WORDS + 1)
            ]
        if any(f" {' '.join(run)} " in haystack for run in runs):
            return passage
    return None


def find_leaks(
    *, body: str, fields: dict[str, str], introduction: str | None = None
) -> dict[str, str]:
    """Map each field name whose text gives away a spoiler passage of `body` or `introduction`
    to that passage.

    The introduction, given, is checked as the field "introduction" without its own passages,
    which its page hides as it hides the text's: it may mark the passage the text marks.
    """
    passages = spoiler_passages(body or "") + spoiler_passages(introduction or "")
    if not passages:
        return {}
    if introduction is not None:
        fields = {**fields, "introduction": strip_spoilers(introduction)}
    leaks = {}
    for name, text in fields.items():
        if passage := leaked_passage(text, passages):
            leaks[name] = passage
    return leaks


def warning_leak(
    warnings: list[tuple[str, str]], *, body: str, introduction: str | None = None
) -> str | None:
    """The first spoiler passage of `body` or `introduction` that a warning gives away, in its
    text or its subject, given as (text, subject) pairs: a warning is shown before everything
    else, on the page and wherever the piece is described (link previews, feeds, cards)."""
    fields = {
        f"{number}:{part}": words
        for number, pair in enumerate(warnings)
        for part, words in zip(("text", "subject"), pair, strict=True)
    }
    leaks = find_leaks(body=body, fields=fields, introduction=introduction)
    return next(iter(leaks.values()), None)


def public_excerpt(html: str, *, length: int = DESCRIPTION_CHARS) -> str:
    """Plain text from rich text with every spoiler passage removed, cut at a word boundary.

    Entities are decoded here and escaped where the text is written (an attribute, a feed), so
    a cut falls between words, never inside an `&amp;`, and nothing is escaped twice.
    """
    text = plain_text(strip_spoilers(html or ""))
    if len(text) <= length:
        return text
    # The last whole word that leaves room for the ellipsis; a single longer word is cut.
    head = text[:length]
    kept = head.rsplit(" ", 1)[0] if " " in head else head[: length - 1]
    return f"{kept.rstrip(' ,.;:–-')}…"


def warned_description(article) -> str:
    """How the article is summed up where it is shared or subscribed to (link previews, feeds):
    its warnings first, then its spoiler-free `meta_description`."""
    parts = [f"(Warning: {warning.text})" for warning in article.ordered_warnings]
    if article.meta_description:
        parts.append(article.meta_description)
    return " ".join(parts)
