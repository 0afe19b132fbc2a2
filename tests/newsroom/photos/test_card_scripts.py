"""Title cards in other scripts: a headline is drawn in the first installed font that has all
its letters (Noto Sans CJK for Japanese, Chinese and Korean), never as empty boxes where a
font has them; a Latin headline is drawn exactly as before."""

import hashlib
import json
from dataclasses import astuple, replace
from pathlib import Path

import pytest
from PIL import Image, ImageFont, features

from newsroom import theme
from newsroom.photos import card_fonts, cards
from tests.newsroom.photos.test_card_long_words import fresh_fonts  # noqa: F401 (a fixture)
from tests.newsroom.photos.test_cards import card, colours_in, decoded, rgb
from tests.parts import require

BAND_TOP = 630 - cards.BAND_HEIGHT
TITLE_AREA = (0, 0, 1200, BAND_TOP)
BAND = (0, BAND_TOP, 1200, 630)
DEJAVU, LIBERATION, NOTO_CJK = card_fonts.FONT_FILES
# Each pair has the same letters in another order: drawn as boxes, the two look the same.
REORDERED = {
    "japanese": ("進撃の巨人", "巨人の進撃"),
    "chinese": ("新闻编辑室的标题", "标题的新闻编辑室"),
    "korean": ("뉴스 제목", "제목 뉴스"),
}


@pytest.fixture
def dejavu():
    require(
        Path(DEJAVU.path).is_file(),
        "DejaVu Sans is not installed (apt-get install fonts-dejavu-core)",
    )


@pytest.fixture
def noto_cjk():
    require(
        Path(NOTO_CJK.path).is_file(),
        "Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)",
    )


def title_area(data: bytes) -> str:
    """A digest of the pixels of the area above the band, short in a failure's message."""
    return hashlib.sha256(decoded(data).crop(TITLE_AREA).tobytes()).hexdigest()


def drawn_with(files, shown) -> bytes:
    """`shown` drawn with only `files` installed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_fonts, "FONT_FILES", files)
        cards.font.cache_clear()
        try:
            return cards.draw(shown)
        finally:
            cards.font.cache_clear()


@pytest.mark.parametrize("titles", REORDERED.values(), ids=REORDERED.keys())
def test_a_cjk_headline_is_drawn_in_its_letters_not_in_boxes(noto_cjk, titles):
    title, reordered = titles

    drawn = cards.draw(card(title))

    assert card_fonts.typeface_for(title).path == NOTO_CJK.path
    assert rgb(theme.PAPER) in colours_in(decoded(drawn), TITLE_AREA)
    # Letters differ from one another, so the same letters in another order look different...
    assert title_area(drawn) != title_area(cards.draw(card(reordered)))
    # ...where the boxes of a font without them are all alike.
    boxes = drawn_with((DEJAVU,), card(title))
    assert title_area(boxes) == title_area(drawn_with((DEJAVU,), card(reordered)))
    assert title_area(drawn) != title_area(boxes)


def test_a_site_name_in_japanese_is_drawn_in_its_letters(noto_cjk):
    drawn = decoded(cards.draw(card(site_name="進撃ニュース")))
    reordered = decoded(cards.draw(card(site_name="ニュース進撃")))

    assert drawn.crop(BAND).tobytes() != reordered.crop(BAND).tobytes()  # not boxes
    assert rgb(theme.TINT) in colours_in(drawn, BAND)
    # The Latin headline above it is drawn as ever.
    assert title_area(cards.draw(card(site_name="進撃ニュース"))) == title_area(cards.draw(card()))


LATIN = [
    "What a TV show teaches us about work",
    "Op-ed: Why the board said no to a merger, and what the staff heard instead",
    "Café owners’ “fair” deal — €5 off, naïve? " * 3,
]


@pytest.mark.parametrize("title", LATIN)
def test_a_latin_card_is_drawn_byte_for_byte_as_in_the_first_font(dejavu, title):
    """With every font installed, a Latin card is the one DejaVu Sans Bold alone draws, and
    keeps its name, so cards stored already are found again."""
    shown = card(title)

    assert cards.draw(shown) == drawn_with((DEJAVU,), shown)
    old = [cards.LAYOUT_VERSION, shown.title, shown.site_name, astuple(shown.palette)]
    digest = hashlib.sha256(json.dumps(old).encode()).hexdigest()[:20]
    assert shown.name == f"renditions/cards/articles/7/{digest}.png"


def test_a_cjk_card_is_named_anew_once_a_font_draws_it(monkeypatch, noto_cjk):
    """A card stored as boxes before Noto Sans CJK was installed is drawn again after."""
    shown = card("進撃の巨人")
    with_noto = shown.name
    monkeypatch.setattr(card_fonts, "FONT_FILES", (DEJAVU, LIBERATION))

    assert shown.name != with_noto
    assert card().name == card().name


REGIONAL = {
    # Kana make a text Japanese, Hangul Korean; Han characters alone are read as Chinese.
    "進撃の巨人": 0,
    "Apple の新製品 iPhone 17 が発表": 0,
    "뉴스 제목": 1,
    "韓國 뉴스 제목": 1,
    "直播新闻编辑室的标题": 2,
    "直播": 2,
}


@pytest.mark.parametrize(("title", "face"), REGIONAL.items())
def test_han_characters_take_the_forms_of_the_language_they_are_written_in(noto_cjk, title, face):
    """Noto Sans CJK draws many Han characters differently for Japanese, Korean and Chinese
    readers (直, 骨): each headline is drawn in the face of its language."""
    regional = replace(NOTO_CJK, index=face)

    drawn = cards.draw(card(title))

    assert card_fonts.typeface_for(title) == regional
    assert title_area(drawn) == title_area(drawn_with((regional,), card(title)))


def test_a_chinese_card_drawn_in_the_japanese_forms_is_named_and_drawn_anew(noto_cjk):
    """Chinese cards stored before faces were chosen by language are drawn again."""
    shown = card("直播新闻")
    chinese = cards.draw(shown)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_fonts, "cjk_face", lambda text: card_fonts.JAPANESE_FACE)
        stored_name, stored = shown.name, cards.draw(shown)

    assert shown.name != stored_name
    assert title_area(chinese) != title_area(stored)


def test_a_headline_mixing_latin_and_cjk_is_drawn_in_one_font_having_both(noto_cjk):
    title = "Apple の新製品 iPhone 17 が発表"

    drawn = cards.draw(card(title))

    assert card_fonts.typeface_for(title) == NOTO_CJK
    assert title_area(drawn) == title_area(drawn_with((NOTO_CJK,), card(title)))
    assert title_area(drawn) != title_area(drawn_with((DEJAVU,), card(title)))


@pytest.mark.parametrize(
    "title", ["\ue000", "進撃の巨人 \ue000", "Private \ue000 use", "\ue000" * 300, "👩‍💻 ❤️"]
)
def test_a_character_no_font_has_is_drawn_as_a_box_in_the_font_with_the_most(dejavu, title):
    drawn = decoded(cards.draw(card(title, site_name=f"Northwind {title}")))

    assert drawn.size == (1200, 630)
    assert rgb(theme.PAPER) in colours_in(drawn, TITLE_AREA)
    expected = NOTO_CJK if "進" in title and Path(NOTO_CJK.path).is_file() else DEJAVU
    assert card_fonts.typeface_for(title) == expected


def test_right_to_left_headlines_are_drawn_in_their_letters(dejavu):
    """DejaVu has Arabic and Hebrew; laid out right to left and joined where Pillow has raqm
    (with libfribidi), in their letters all the same without it."""
    for title, reordered in [("عنوان الخبر", "الخبر عنوان"), ("כותרת החדשות", "החדשות כותרת")]:
        drawn = cards.draw(card(title))
        assert card_fonts.typeface_for(title) == DEJAVU
        assert title_area(drawn) != title_area(cards.draw(card(reordered)))


def inked_columns(picture, box, colour) -> tuple[int, int]:
    """The first and last columns of `box` where `colour` appears."""
    area = picture.crop(box).convert("RGB")
    pixels = area.tobytes()
    wanted = bytes(colour)
    mask = Image.new("L", area.size)
    mask.frombytes(
        bytes(255 if pixels[at : at + 3] == wanted else 0 for at in range(0, len(pixels), 3))
    )
    left, _, right, _ = mask.getbbox()
    return left, right


@pytest.mark.parametrize(
    ("title", "site_name"),
    [("عنوان الخبر", "أخبار نورثويند"), ("כותרת החדשות", "חדשות נורתווינד")],
)
def test_right_to_left_headlines_and_site_names_are_set_flush_right(dejavu, title, site_name):
    drawn = decoded(cards.draw(card(title, site_name=site_name)))
    latin = decoded(cards.draw(card("Short news", site_name="Northwind")))

    right_edge = 1200 - cards.MARGIN
    left, right = inked_columns(drawn, TITLE_AREA, rgb(theme.PAPER))
    assert right_edge - 12 <= right <= right_edge  # a letter's own margin
    assert left > 600
    left, right = inked_columns(drawn, BAND, rgb(theme.TINT))
    assert right_edge - 12 <= right <= right_edge  # a letter's own margin
    assert left > 600
    # Latin stays flush left.
    left, right = inked_columns(latin, TITLE_AREA, rgb(theme.PAPER))
    assert cards.MARGIN <= left <= cards.MARGIN + 12
    assert right < 600


def test_a_card_once_set_flush_left_in_a_right_to_left_script_is_named_anew(monkeypatch):
    names = [card("عنوان الخبر").name, card(site_name="חדשות נורתווינד").name, card().name]
    monkeypatch.setattr(cards, "right_to_left", lambda text: False)

    assert [card("عنوان الخبر").name, card(site_name="חדשות נורתווינד").name] != names[:2]
    assert card().name == names[2]


def test_the_cards_fonts_join_arabic_letters_right_to_left(dejavu):
    require(features.check("raqm"), "Pillow has no raqm here (apt-get install libfribidi0)")
    basic = ImageFont.truetype(DEJAVU.path, 64, layout_engine=ImageFont.Layout.BASIC)
    shaped = card_fonts.font(64, DEJAVU)

    # Laid out letter by letter, the word is its isolated letters from left to right.
    assert card_fonts.drawing(shaped, "عنوان") != card_fonts.drawing(basic, "عنوان")
    assert card_fonts.drawing(shaped, "abc") == card_fonts.drawing(basic, "abc")


def test_without_noto_cjk_a_cjk_card_is_still_drawn(monkeypatch, dejavu):
    monkeypatch.setattr(card_fonts, "FONT_FILES", (DEJAVU, LIBERATION))

    drawn = decoded(cards.draw(card("進撃の巨人")))

    assert card_fonts.typeface_for("進撃の巨人") == DEJAVU
    assert rgb(theme.PAPER) in colours_in(drawn, TITLE_AREA)


def test_fonts_are_loaded_once_not_per_card_or_letter(monkeypatch, noto_cjk):
    cards.draw(card("進撃の巨人が帰ってきた"))
    loaded = []
    real_truetype = ImageFont.truetype

    def truetype(*args, **kwargs):
        loaded.append(args)
        return real_truetype(*args, **kwargs)

    monkeypatch.setattr(ImageFont, "truetype", truetype)

    cards.draw(card("帰ってきた進撃の巨人が"))
    cards.draw(card("巨人が帰ってきた進撃の"))

    assert loaded == []
