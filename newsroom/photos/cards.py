"""Title cards: a 1200-by-630 picture for link previews of a page that has no photo of its own,
drawn from text (a headline and the site's name) on the site's colours.

A card is made once and stored through the default storage (local disk or S3) like a
rendition, under a name worked out from everything it shows: the same text gives the same file,
found again with one storage call; changed text gives a new file. Like renditions, cards of an
older text are kept. A card appears in the storage whole or not at all (`store_whole`), however
many processes draw it at once, and storing it again replaces it: one file per card, on a disk
as in object storage. A staged file a stopped process left of a card is removed by the card's
next drawing, or by any card of the same owner once it is an hour old; one a failure left is
removed at once.

Fonts are the system's, chosen for the letters of each text (`card_fonts`): Debian's DejaVu or
Liberation, Noto Sans CJK for Japanese, Chinese and Korean (each in its own face); where none
is installed, Pillow's own scalable font draws the card, so making one never fails for want of
a font.
"""

import contextlib
import hashlib
import json
import os
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import astuple, dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from newsroom.photos.card_fonts import FontFile, first_installed, font, typeface_for
from newsroom.photos.making import RENDITIONS_DIR, SOCIAL_CARD, encode
from newsroom.photos.renditions import Rendition

CARD_FORMAT = "png"
# Part of every card's name: changing how cards are drawn gives every piece a new one.
LAYOUT_VERSION = 1

MARGIN = 80
BAND_HEIGHT = 120
# The headline is set at the largest of these sizes that fits in MAX_LINES, else trimmed.
TITLE_SIZES = (72, 64, 56, 48)
MAX_LINES = 4
LINE_SPACING = 1.2
SITE_NAME_SIZE = 40
ELLIPSIS = "…"
# A staged file this old was left by a stopped process: no drawing takes as long.
STALE_PART_SECONDS = 3600


@dataclass(frozen=True)
class Palette:
    """The colours of a card, as CSS hex colours: its ground, the band along its foot that
    names the site, and the text on each."""

    background: str
    text: str
    band: str
    band_text: str


@dataclass(frozen=True)
class TitleCard:
    """What a card shows; `folder` groups the cards of one owner, e.g. "articles/12"."""

    title: str
    site_name: str
    palette: Palette
    folder: str

    @property
    def name(self) -> str:
        shown = [LAYOUT_VERSION, self.title, self.site_name, astuple(self.palette)]
        # A card in a font other than the first installed (one drawn as boxes before the font
        # for its letters was installed) is named anew; every other keeps its name.
        typefaces = [typeface_for(self.title), typeface_for(self.site_name)]
        if any(typeface != first_installed() for typeface in typefaces):
            shown.append([typeface.label for typeface in typefaces])
        # Right-to-left texts were once set flush left: their cards are drawn anew.
        if right_to_left(self.title) or right_to_left(self.site_name):
            shown.append("flush right")
        digest = hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:20]
        return f"{RENDITIONS_DIR}/cards/{self.folder}/{digest}.{CARD_FORMAT}"


def stored_card(card: TitleCard, *, storage: Storage | None = None) -> Rendition:
    """`card` as a stored rendition: found in `storage` (the default storage), or drawn and
    stored there the first time."""
    storage = storage or default_storage
    name = card.name
    size = stored_size(name, storage=storage)
    if size is None:
        content = draw(card)
        name = store_whole(name, content, storage=storage)
        size = len(content)
    return card_rendition(name=name, size=size, storage=storage)


def store_whole(name: str, content: bytes, *, storage: Storage) -> str:
    """Store `content` as `name`, where no reader can find it half-written, replacing a card
    stored there already (the same picture); the name stored.

    The task worker and a reader may draw the same card at once, and storing it again must not
    add a copy. `Storage.save` never replaces a file: given a name taken, it stores under a new
    one (`get_available_name`, and so does S3 with `file_overwrite` off). So the card is written
    under its own name: in object storage by opening it for writing, which uploads it as one
    object shown only once whole; on a disk under a name of its own beside its place, moved
    there in one step (a rename in the same folder), so that a reader finds the card whole or
    not at all. Then the card's staged files are removed (`remove_parts`).
    """
    try:
        path = storage.path(name)
    except NotImplementedError:
        with storage.open(name, "wb") as file:
            file.write(content)
    else:
        # A name of this process's own, so that a failure removes its staged file alone,
        # whatever `save` had written of it (a full disk fails it midway).
        staged = f"{name}.{secrets.token_hex(8)}.part"
        try:
            staged = storage.save(staged, ContentFile(content))
            os.replace(storage.path(staged), path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                storage.delete(staged)
            # Another process storing the card removed this staged file with its own leftovers
            # (`remove_parts`), while it was written (`save` sets its permissions last, on
            # its path) or before it was moved: it did so with the card in place.
            if not (isinstance(error, FileNotFoundError) and os.path.exists(path)):
                raise
    remove_parts(name, storage=storage)
    return name


def remove_parts(name: str, *, storage: Storage) -> None:
    """Delete the staged files of the card `name` beside it (`name.<random>.part`), on a disk
    or in object storage.

    A process stopped between staging a card and moving it into place leaves its staged file,
    which nothing would read or remove: the card's next drawing does, once the card is in
    place. A staged file of another process storing the card at that moment goes too, and
    that process finds the card stored (`store_whole`). A card that will not be drawn again (a
    worker stopped midway through the redraw after the site was renamed, and renamed again
    since) leaves one another card of the folder's owner removes, once it is an hour old. One
    listing of the card's folder (a LIST on S3), made only when a card is drawn.
    """
    folder, _, stem = name.rpartition("/")
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        staged = f"{folder}/{file}"
        if file.endswith(".part") and (file.startswith(stem) or left_long_ago(staged, storage)):
            storage.delete(staged)


def left_long_ago(staged: str, storage: Storage) -> bool:
    """Whether the staged file was written `STALE_PART_SECONDS` ago or more: by a process
    stopped before it moved the file into place, since no drawing takes that long."""
    try:
        written = storage.get_modified_time(staged)
    except FileNotFoundError:
        return False
    return written <= timezone.now() - timedelta(seconds=STALE_PART_SECONDS)


def stored_size(name: str, *, storage: Storage | None = None) -> int | None:
    """The byte count of a stored card, or None when there is none: one storage call (a HEAD
    on S3), asked by every page that shows a card when nothing is kept for it."""
    try:
        return (storage or default_storage).size(name)
    except FileNotFoundError:
        return None


def card_rendition(*, name: str, size: int, storage: Storage | None = None) -> Rendition:
    """A stored card as a rendition, from its name and byte count (what callers keep)."""
    width, height = SOCIAL_CARD
    return Rendition(
        name=name,
        width=width,
        height=height,
        format=CARD_FORMAT,
        size=size,
        storage=storage or default_storage,
    )


def draw(card: TitleCard) -> bytes:
    """The card as an encoded image: the title wrapped (and trimmed) on the ground, the site's
    name in the band below."""
    width, height = SOCIAL_CARD
    palette = card.palette
    picture = Image.new("RGB", SOCIAL_CARD, palette.background)
    pen = ImageDraw.Draw(picture)
    text_width = width - 2 * MARGIN
    band_top = height - BAND_HEIGHT

    pen.rectangle((0, band_top, width, height), fill=palette.band)
    site_name = " ".join(card.site_name.split())
    site_font = font(SITE_NAME_SIZE, typeface_for(site_name))
    site_name = trimmed(pen, site_name, site_font, text_width)
    # Right-to-left texts (Arabic, Hebrew) are set flush right, each on its own.
    start, side = (width - MARGIN, "r") if right_to_left(site_name) else (MARGIN, "l")
    pen.text(
        (start, band_top + BAND_HEIGHT // 2),
        site_name,
        font=site_font,
        fill=palette.band_text,
        anchor=f"{side}m",
    )

    typeface = typeface_for(card.title)
    size, lines = fitted_title(pen, card.title, text_width, typeface=typeface)
    title_font = font(size, typeface)
    line_height = round(size * LINE_SPACING)
    top = (band_top - line_height * len(lines)) // 2
    start, side = (width - MARGIN, "r") if right_to_left(card.title) else (MARGIN, "l")
    for number, line in enumerate(lines):
        pen.text(
            (start, top + number * line_height),
            line,
            font=title_font,
            fill=palette.text,
            anchor=f"{side}a",
        )
    return encode(picture, CARD_FORMAT)


def right_to_left(text: str) -> bool:
    """Whether `text` reads right to left: its first letter of a fixed direction does, as the
    Unicode bidirectional algorithm finds a paragraph's direction."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def fitted_title(
    pen: ImageDraw.ImageDraw, title: str, width: int, *, typeface: FontFile | None = None
) -> tuple[int, list[str]]:
    """The largest size at which `title` fits in `MAX_LINES` lines of `width` in `typeface` (the
    first font installed, by default), and its lines; at the smallest size, the first lines
    with an ellipsis ending the last."""
    for size in TITLE_SIZES:
        # One line more than fit shows it does not, and is all the trimming reads.
        lines = wrapped(pen, title, font(size, typeface), width, limit=MAX_LINES + 1)
        if len(lines) <= MAX_LINES:
            return size, lines
    last = f"{lines[MAX_LINES - 1]} {lines[MAX_LINES]}"
    kept = [*lines[: MAX_LINES - 1], trimmed(pen, last, font(size, typeface), width, force=True)]
    return size, kept


def wrapped(
    pen: ImageDraw.ImageDraw, text: str, face, width: int, *, limit: int | None = None
) -> list[str]:
    """`text` in lines no wider than `width`, broken between words; a word wider than a line
    is broken where it must. With `limit`, no more lines than that are made: each line is
    settled once the next begins, so they are the first lines of the whole text."""
    measure = measurer(pen, face)
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # A word too long for a line: the rest of it is measured up to twice the letters of
        # the line before, which is too wide already for any but the last line.
        reach = None
        while len(lines) != limit:
            cut = longest_start(measure, word, width, shortest=1, reach=reach)
            if cut == len(word):
                break
            lines.append(word[:cut])
            word, reach = word[cut:], 2 * cut
        if len(lines) == limit:
            return lines
        line = word
    if line:
        lines.append(line)
    return lines


def trimmed(pen: ImageDraw.ImageDraw, text: str, face, width: int, *, force=False) -> str:
    """`text` if it fits in `width`, else cut at a word (or, failing one, a letter) and ended
    with an ellipsis; `force` adds the ellipsis even when it fits, to show text was left out."""
    measure = measurer(pen, face)
    if not force and measure(text) <= width:
        return text
    words = text.split()
    while len(words) > 1 and measure(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    kept = " ".join(words)
    kept = kept[: longest_start(measure, kept, width, end=ELLIPSIS, shortest=0)]
    return kept.rstrip(" ,;:.-–—") + ELLIPSIS


def measurer(pen: ImageDraw.ImageDraw, face) -> Callable[[str], float]:
    """How wide `face` sets a text, each text measured once: breaking a line measures the
    word it breaks again."""
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        if text not in widths:
            widths[text] = pen.textlength(text, font=face)
        return widths[text]

    return measure


# Guesses of where a line ends from the widths measured, before halving the rest.
GUESSES = 3


def longest_start(
    measure: Callable[[str], float],
    text: str,
    width: int,
    *,
    end: str = "",
    shortest: int,
    reach: int | None = None,
) -> int:
    """The length of the longest start of `text` that, followed by `end`, is no wider than
    `width`: all of it when it fits, `shortest` when none does.

    A start is never narrower than a shorter one, so the length is searched for, a measurement
    a guess, instead of trying each in turn (a 200-letter word at four sizes took thousands,
    each as long as a line). The first guesses are where the widths measured so far put the
    line's end, two or three for text of even letters; the rest halve what is left. A start of
    `reach` letters is measured first, and when it is too wide already, nothing longer is.
    """
    fits, fits_width = 0, measure(end) if end else 0.0
    too_wide, too_wide_width = len(text), None
    if reach is not None and reach < len(text):
        reach_width = measure(text[:reach] + end)
        if reach_width > width:
            too_wide, too_wide_width = reach, reach_width
        else:
            fits, fits_width = reach, reach_width
    if too_wide_width is None:
        too_wide_width = measure(text + end)
        if too_wide_width <= width:
            return too_wide
    guesses = 0
    while too_wide - fits > 1:
        if guesses < GUESSES and too_wide_width > fits_width:
            share = (width - fits_width) / (too_wide_width - fits_width)
            guess = fits + int(share * (too_wide - fits))
        else:
            guess = (fits + too_wide) // 2
        guess = min(max(guess, fits + 1), too_wide - 1)
        guesses += 1
        guess_width = measure(text[:guess] + end)
        if guess_width <= width:
            fits, fits_width = guess, guess_width
        else:
            too_wide, too_wide_width = guess, guess_width
    return max(fits, shortest)
