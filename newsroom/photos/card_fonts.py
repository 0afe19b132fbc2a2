"""The fonts title cards are drawn in: of the system fonts installed, the first that has a glyph
for every character of a text, so that a headline in Japanese, Chinese or Korean is drawn in
letters, not in empty boxes.

Pillow tells nothing of which characters a font has, and a character a font lacks is drawn as
its first glyph, `.notdef` (a box). So a character counts as drawn by a font when its drawing
differs from that of a character no font has; what is learnt is kept per font and character,
and the choice per text. Where no system font is installed, Pillow's own scalable font draws
the card.
"""

import contextlib
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class FontFile:
    """A font on disk; `index` picks the face of a collection (.ttc)."""

    path: str
    index: int = 0

    @property
    def label(self) -> str:
        return f"{Path(self.path).name}#{self.index}"


# Noto Sans CJK (Debian's fonts-noto-cjk) has Latin and the Japanese, Chinese and Korean
# scripts, with a face per language: many Han characters (直, 骨) are drawn differently for
# each. Every face has every character, so the first stands for all when letters are counted.
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
JAPANESE_FACE, KOREAN_FACE, CHINESE_FACE = 0, 1, 2
# Tried in order; bold sans faces read best at thumbnail size in a feed. DejaVu also has Greek,
# Cyrillic, Arabic and Hebrew.
FONT_FILES = (
    FontFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    FontFile("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    FontFile(NOTO_CJK, index=JAPANESE_FACE),
)
# Large enough that a glyph and the box differ in their pixels.
PROBE_SIZE = 32
# A noncharacter: no font maps it, so it is drawn as `.notdef`.
NO_GLYPH = "\U0010ffff"


@lru_cache(maxsize=32)
def font(
    size: int, typeface: FontFile | None = None
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """`typeface` (the first system font installed, by default) at `size` pixels; Pillow's own
    when it cannot be loaded."""
    typeface = typeface or first_installed()
    if typeface is not None:
        with contextlib.suppress(OSError):
            return ImageFont.truetype(typeface.path, size, index=typeface.index)
    return ImageFont.load_default(size=size)


def typeface_for(text: str) -> FontFile | None:
    """The first system font that draws every character of `text`, else the one drawing the
    most of them (the first of those), in the face of the text's language where the font has
    one; None when none is installed."""
    typeface = chosen_typeface(text, FONT_FILES)
    if typeface is not None and typeface.path == NOTO_CJK:
        return replace(typeface, index=cjk_face(text))
    return typeface


def cjk_face(text: str) -> int:
    """The face of Noto Sans CJK for `text`: kana make it Japanese and Hangul Korean; Han
    characters alone are read as Chinese, as a Japanese headline without kana is rare."""
    if any(is_kana(char) for char in text):
        return JAPANESE_FACE
    if any(is_hangul(char) for char in text):
        return KOREAN_FACE
    return CHINESE_FACE


def is_kana(char: str) -> bool:
    # Hiragana, katakana and their extensions; half-width katakana.
    return (
        "\u3040" <= char <= "\u30ff" or "\u31f0" <= char <= "\u31ff" or "\uff66" <= char <= "\uff9f"
    )


def is_hangul(char: str) -> bool:
    # Syllables, the jamo and their compatibility forms.
    return (
        "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@lru_cache(maxsize=1024)
def chosen_typeface(text: str, files: tuple[FontFile, ...]) -> FontFile | None:
    # Whitespace is never drawn: text is split into words before it is set.
    counts = Counter(char for char in text if not char.isspace())
    wanted = sum(counts.values())
    best, best_drawn = None, -1
    for typeface in files:
        if probe(typeface) is None:
            continue
        drawn = sum(count for char, count in counts.items() if draws(typeface, char))
        if drawn == wanted:
            return typeface
        if drawn > best_drawn:
            best, best_drawn = typeface, drawn
    return best


def first_installed() -> FontFile | None:
    """The font cards were drawn in before fonts were chosen by their letters."""
    return first_of(FONT_FILES)


@lru_cache(maxsize=1)
def first_of(files: tuple[FontFile, ...]) -> FontFile | None:
    return next((typeface for typeface in files if probe(typeface) is not None), None)


@lru_cache(maxsize=16)
def probe(typeface: FontFile) -> tuple[ImageFont.FreeTypeFont, tuple] | None:
    """`typeface` at `PROBE_SIZE` with its drawing of a missing character; None when it is
    not installed or cannot be read."""
    if not Path(typeface.path).is_file():
        return None
    try:
        face = ImageFont.truetype(typeface.path, PROBE_SIZE, index=typeface.index)
    except OSError:
        return None
    return face, drawing(face, NO_GLYPH)


@lru_cache(maxsize=65536)
def draws(typeface: FontFile, char: str) -> bool:
    """Whether `typeface` has a glyph for `char` (or draws it as nothing, as the layout does a
    joiner or a variation selector), rather than its box."""
    face, missing = probe(typeface)
    return drawing(face, char) != missing


def drawing(face: ImageFont.FreeTypeFont, text: str) -> tuple:
    """Where `face` inks `text` and its pixels."""
    left, top, right, bottom = face.getbbox(text)
    picture = Image.new("L", (max(right - left, 1), max(bottom - top, 1)))
    ImageDraw.Draw(picture).text((-left, -top), text, font=face, fill=255)
    return (left, top, right, bottom), picture.tobytes()
