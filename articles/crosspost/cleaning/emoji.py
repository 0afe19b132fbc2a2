"""Emoji that pages draw as pictures (X, Facebook, WordPress): the character is the picture's
alt text, and a copy keeps it as text, as the plain copy does."""

import re
import unicodedata

from bs4 import Tag

from .layout import is_hidden

# What an emoji is made of: symbols, and the joiners, variation selectors, skin tones and
# keycaps that combine them ("👨‍👩‍👧", "❤️", "1️⃣", "#️⃣"); arrows and geometric shapes, which
# pages also draw as pictures of their own, are symbols too, but no emoji without a selector.
_EMOJI_PARTS = {"So", "Sk", "Mn", "Me", "Cf", "Nd", "Po"}
_NOT_EMOJI = re.compile(r"^[\u2190-\u21ff\u25a0-\u25ff]+$")


def emoji_of(node: Tag) -> str:
    """The emoji a shown picture draws, as X, Facebook and WordPress draw them: its alt text,
    when that is one or a few emoji (symbols, with their joiners, skin tones and keycaps) and
    no words, not even an arrow or a bullet, which are as likely a page's decoration."""
    alt = (node.get("alt") or "").strip()
    if not alt or len(alt) > 16 or is_hidden(node):
        return ""
    kinds = {unicodedata.category(character) for character in alt}
    if not kinds & {"So", "Me"} or not kinds <= _EMOJI_PARTS or _NOT_EMOJI.search(alt):
        return ""
    return alt
