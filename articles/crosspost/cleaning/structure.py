"""The platform's structure around a piece, recognised and taken out line by line.

Above the piece: the author's card (avatar text, name, title or headline, connection degree,
date or "2d • Edited •", "Follow", a newsletter's name and subscribers, Medium's "6 min read"
and claps, Substack's likes and "Share"). Around it: reaction bars and buttons. After it: the
author's card again (name, title, followers), the platform's own page ("More articles by …",
"Written by …", comments) and the hashtags. Every
line taken out is recorded in the report with why and where it was, so the editor sees it and
can put it back: nothing of the piece goes without being shown.

A card is found from its anchors, lines that are never prose (a date, a degree, "Follow", a
follower count, the author's known name): the name is the name-like line nearest above the
first anchor, what sits between them is the author's title, and the card runs on through the
anchors and chrome below. Short lines are taken with it only where a card has them (a title
under a name, a publication between "Published in" and its date), never a sentence.
"""

from collections.abc import Sequence
from datetime import date

from django.utils.html import strip_tags

from . import chrome
from .blocks import LISTS, Block, tidy_inline
from .report import Report

# How far down a paste a card is looked for; a long paragraph means the piece has begun.
CARD_ZONE = 24
PROSE_CHARS = 300
# How many lines at the end a card repeated under the piece may take.
CARD_AFTER = 6


def remove_chrome(
    blocks: list[Block], *, author_names: Sequence[str], report: Report
) -> tuple[list[Block], date | None, int | None]:
    """Take the platform's lines out of `blocks`.

    Returns the blocks left, the date found on the author's card, and how many blocks that are
    left stood above the card (the headline and a subtitle, on Medium and Substack).
    """
    blocks = _cut_trailer(blocks, report=report)
    card, found_date = _find_card(blocks, author_names=author_names)
    if card and min(card) >= 2 and all(_after_card(b) for b in blocks[max(card) + 1 :]):
        # Nothing of a short piece follows it: the card is under the piece, not above it.
        card = dict.fromkeys(card, "footer")
    else:
        card |= _card_after(blocks, after=max(card, default=0), author_names=author_names)
    kept: list[Block] = []
    above_card, last_reaction = None, None
    for index, block in enumerate(blocks):
        text = block.text
        if index in card:
            if above_card is None and card[index] == "header":
                above_card = len(kept)
            report.remove(card[index], text, html=_html(block), order=block.order)
            continue
        if block.preformatted:
            kept.append(block)  # the author's as typed, whatever its lines say
            continue
        if block.tag in {"p", "h2", "h3", "h4"} and chrome.is_chrome(text):
            report.remove("reactions", text, html=_html(block), order=block.order)
            last_reaction = len(kept)
            continue
        if block.tag == "p" and chrome.SEE_MORE_SUFFIX.search(block.html):
            block.html = tidy_inline(chrome.SEE_MORE_SUFFIX.sub("", block.html))
            report.remove("reactions", "…see more", order=block.order + 0.5)
        if block.tag in LISTS:
            _remove_chrome_items(block, report)
            if not block.items:
                continue
        if block.tag == "p" and text in report.tag_texts and not text.startswith("#"):
            report.remove("topics", text, html=_html(block), order=block.order)
            continue
        kept.append(block)
    _remove_tags_after_reactions(kept, last_reaction, report=report)
    _remove_hashtag_trailer(kept, report=report)
    while kept and kept[-1].tag == "hr":
        kept.pop()
    while kept and kept[0].tag == "hr":
        kept.pop(0)
    return kept, found_date, above_card


def _html(block: Block) -> str:
    return block.render() if block.tag != "hr" else ""


def _cut_trailer(blocks: list[Block], *, report: Report) -> list[Block]:
    """Everything from the first line that starts the platform's own page."""
    seen_prose = False
    for index, block in enumerate(blocks):
        text = block.text
        if seen_prose and block.tag != "hr" and not block.preformatted and chrome.is_trailer(text):
            for dropped in blocks[index:]:
                report.remove("trailer", dropped.text, html=_html(dropped), order=dropped.order)
            return blocks[:index]
        seen_prose = seen_prose or not _is_page_line(block)
    return blocks


def _kind(text: str, author_names: Sequence[str]) -> str:
    if chrome.is_author_line(text, author_names):
        return "name+meta"
    if chrome.is_rule(text):
        return "rule"
    if chrome.is_meta(text):
        return "name+meta" if chrome.is_name_like(chrome.card_text(text)) else "meta"
    if chrome.is_chrome(text):
        return "chrome"
    if chrome.is_name_like(text):
        return "name"
    return "other"


def _find_card(
    blocks: list[Block], *, author_names: Sequence[str]
) -> tuple[dict[int, str], date | None]:
    """The author's card above the piece: {block index: why} and the date it gives."""
    texts, kinds = [], []
    for block in blocks[:CARD_ZONE]:
        if _is_prose(block):
            break
        texts.append(block.text)
        kinds.append(_kind(block.text, author_names))
    anchor = next((i for i, kind in enumerate(kinds) if "meta" in kind), None)
    if anchor is None:
        return {}, None
    start = _name_above(anchor, texts, kinds)
    name = chrome.card_text(texts[start])
    while start > 0 and (
        kinds[start - 1] in {"chrome", "rule"} or chrome.card_text(texts[start - 1]) == name
    ):
        start -= 1
    end = _card_end(anchor, texts, kinds)
    card = dict.fromkeys(range(start, end + 1), "header")
    # A picture right under the card, in a plain copy: its description, then its caption.
    after = end + 1
    if after < len(texts) and chrome.is_caption(texts[after]):
        card[after] = "image"
    elif (
        after + 1 < len(texts)
        and chrome.is_caption(texts[after + 1])
        and chrome.is_title_like(texts[after])
    ):
        card[after] = card[after + 1] = "image"
    found = next((d for i in sorted(card) if (d := chrome.date_in(texts[i]))), None)
    return card, found


def _name_above(anchor: int, texts: list[str], kinds: list[str]) -> int:
    """Where the card starts: the name-like line nearest above its first anchor, over at most
    two title lines (and separators), or the anchor itself."""
    if kinds[anchor] == "name+meta":
        return anchor
    titles = 0
    for index in range(anchor - 1, max(anchor - 5, -1), -1):
        if kinds[index] in {"name", "name+meta"}:
            return index
        if kinds[index] in {"rule", "chrome"}:
            continue
        titles += 1
        if titles > 2 or not len(texts[index]) <= chrome.TITLE_CHARS:
            break
    return anchor


def _card_end(anchor: int, texts: list[str], kinds: list[str]) -> int:
    """The last line of the card: anchors and chrome below the first anchor, and short lines
    set between them (a publication's or newsletter's name), never a sentence."""
    end, index = anchor, anchor + 1
    while index < len(texts):
        if kinds[index] in {"meta", "name+meta", "chrome", "rule"}:
            end = index
            index += 1
            continue
        gap = index
        while gap < len(texts) and gap - index < 2 and kinds[gap] in {"name", "other"}:
            if not chrome.is_title_like(texts[gap]):
                break
            gap += 1
        closer = gap
        while closer < len(texts) and kinds[closer] == "rule":
            closer += 1
        if gap == index or closer >= len(texts) or "meta" not in kinds[closer]:
            break
        end, index = closer, closer + 1
    return end


def _card_after(blocks: list[Block], *, after: int, author_names: Sequence[str]) -> dict[int, str]:
    """The author's card repeated under the piece (a name, a title, a follower count): the last
    lines but the platform's, after the piece's last long paragraph and the card above it."""
    end = len(blocks) - 1
    while end > after and _after_card(blocks[end]):
        end -= 1
    prose = [i for i, block in enumerate(blocks[: end + 1]) if _is_prose(block)]
    # Never the first line of the piece, which becomes the headline.
    start = max(prose[-1] + 1 if prose else 0, end + 1 - CARD_AFTER, after + 2)
    card, _ = _find_card(blocks[start : end + 1], author_names=author_names)
    if not card or max(card) != end - start:
        return {}
    return {start + index: "footer" for index in card}


def _is_prose(block: Block) -> bool:
    """A block no card has: a list, a quote, a long paragraph, preformatted text."""
    if block.preformatted or block.tag in LISTS or block.tag == "blockquote":
        return True
    return len(block.text) > PROSE_CHARS


def _is_page_line(block: Block) -> bool:
    """A line of the platform's chrome or card, which preformatted text never is."""
    text = block.text
    return not block.preformatted and (chrome.is_chrome(text) or chrome.is_meta(text))


def _after_card(block: Block) -> bool:
    """A reaction bar, separator or hashtags: what may follow a card at the end of a paste."""
    text = block.text
    if block.preformatted or chrome.is_meta(text):
        return False
    return chrome.is_chrome(text) or chrome.is_rule(text) or bool(chrome.ONLY_HASHTAGS.match(text))


def _remove_chrome_items(block: Block, report: Report) -> None:
    """Take the platform's points out of a list; a point with preformatted text stays."""
    kept, preformatted = [], set()
    for number, item in enumerate(block.items):
        text = " ".join(strip_tags(item).split())
        if number in block.preformatted_items:
            preformatted.add(len(kept))
        elif chrome.is_chrome(text):
            report.remove("reactions", text, html=f"<p>{item}</p>", order=block.order + 0.5)
            continue
        kept.append(item)
    block.items, block.preformatted_items = kept, preformatted


def _remove_tags_after_reactions(
    kept: list[Block], last_reaction: int | None, *, report: Report
) -> None:
    """Short lines after the reaction bar that ends a piece are the platform's topic tags
    (Medium's, in a plain copy): a piece does not go on after its own reactions."""
    if last_reaction is None or last_reaction == 0:
        return
    tail = kept[last_reaction:]
    if not tail or len(tail) > 3:
        return
    if all(
        b.tag == "p" and not b.preformatted and len(b.text) <= 40 and chrome.is_title_like(b.text)
        for b in tail
    ):
        for block in tail:
            report.remove("topics", block.text, html=_html(block), order=block.order)
        del kept[last_reaction:]


def _is_paragraph(blocks: list[Block]) -> bool:
    """Whether the last of `blocks` is a paragraph that may end in hashtags (not code's)."""
    return bool(blocks) and blocks[-1].tag == "p" and not blocks[-1].preformatted


def _remove_hashtag_trailer(blocks: list[Block], *, report: Report) -> None:
    found: list[Block] = []
    while _is_paragraph(blocks) and chrome.ONLY_HASHTAGS.match(blocks[-1].text):
        found.insert(0, blocks.pop())
    if _is_paragraph(blocks):
        last = blocks[-1]
        match = chrome.REVERSED_HASHTAG_RUN.match(last.html[::-1])
        start = len(last.html) - match.end() if match else len(last.html)
        if match and strip_tags(last.html[:start]).strip():
            tags = last.html[start:].strip()
            found.insert(0, Block("p", tags, order=last.order + 0.5))
            last.html = tidy_inline(last.html[:start])
    for block in found:
        report.remove("hashtags", block.text, html=_html(block), order=block.order)
