"""Title cards: real 1200-by-630 pictures of a headline and the site's name, stored once."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image, ImageDraw

from newsroom import theme
from newsroom.photos import card_fonts, cards

ROOT = Path(__file__).resolve().parents[3]
PALETTE = theme.TITLE_CARD


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def card(title="What a TV show teaches us about work", **overrides) -> cards.TitleCard:
    fields = {"site_name": "Northwind News", "palette": PALETTE, "folder": "articles/7"}
    return cards.TitleCard(title=title, **(fields | overrides))


def decoded(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def colours_in(picture: Image.Image, box) -> set[tuple[int, int, int]]:
    return {colour for _, colour in picture.crop(box).getcolors(maxcolors=1_000_000)}


def text_rows(picture: Image.Image, colour) -> list[int]:
    """The rows of the area above the band where `colour` (the title's) appears."""
    title_area = picture.crop((0, 0, 1200, 630 - cards.BAND_HEIGHT))
    pixels = title_area.load()
    return [
        y
        for y in range(title_area.height)
        if any(pixels[x, y] == colour for x in range(title_area.width))
    ]


@pytest.fixture(autouse=True)
def fresh_fonts():
    cards.font.cache_clear()
    yield
    cards.font.cache_clear()


def test_a_card_is_a_real_png_of_the_headline_and_site_name_on_the_sites_colours():
    picture = decoded(cards.draw(card()))

    assert (picture.format, picture.size, picture.mode) == ("PNG", (1200, 630), "RGB")
    assert picture.getpixel((5, 5)) == rgb(theme.ACCENT)
    assert picture.getpixel((5, 625)) == rgb(theme.ACCENT_DARK)
    title_colours = colours_in(picture, (0, 0, 1200, 630 - cards.BAND_HEIGHT))
    band_colours = colours_in(picture, (0, 630 - cards.BAND_HEIGHT, 1200, 630))
    assert rgb(theme.PAPER) in title_colours  # the headline, in white
    assert rgb(theme.TINT) in band_colours  # the site's name
    assert len(title_colours) > 10  # letters, smoothed: not a blank ground


def test_a_long_headline_is_wrapped_inside_the_margins_and_trimmed():
    long = "A headline that goes on " * 12
    short_picture = decoded(cards.draw(card("Short")))
    long_picture = decoded(cards.draw(card(long)))

    pen = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    size, lines = cards.fitted_title(pen, long, 1200 - 2 * cards.MARGIN)
    assert size == cards.TITLE_SIZES[-1]
    assert len(lines) == cards.MAX_LINES
    assert lines[-1].endswith("…")
    for line in lines:
        assert pen.textlength(line, font=cards.font(size)) <= 1200 - 2 * cards.MARGIN
    # Nothing is drawn in the side margins.
    for picture in (short_picture, long_picture):
        for box in [(0, 0, cards.MARGIN - 4, 630), (1200 - cards.MARGIN + 4, 0, 1200, 630)]:
            assert rgb(theme.PAPER) not in colours_in(picture, box)
    white = rgb(theme.PAPER)
    assert len(text_rows(long_picture, white)) > 2 * len(text_rows(short_picture, white))


def test_a_word_longer_than_a_line_is_broken_to_fit():
    pen = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    face = cards.font(72)

    lines = cards.wrapped(pen, "Supercalifragilisticexpialidocious" * 2, face, 400)

    assert len(lines) > 1
    assert "".join(lines) == "Supercalifragilisticexpialidocious" * 2
    assert all(pen.textlength(line, font=face) <= 400 for line in lines)


def test_a_card_is_drawn_without_any_system_font(monkeypatch):
    monkeypatch.setattr(card_fonts, "FONT_FILES", (card_fonts.FontFile("/no/such/font.ttf"),))

    picture = decoded(cards.draw(card()))

    assert picture.size == (1200, 630)
    assert rgb(theme.PAPER) in colours_in(picture, (0, 0, 1200, 630 - cards.BAND_HEIGHT))


def test_a_card_is_stored_once_and_a_new_text_gets_a_new_file(monkeypatch):
    drawn = []
    real_draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda shown: drawn.append(shown) or real_draw(shown))

    first = cards.stored_card(card())
    again = cards.stored_card(card())
    renamed = cards.stored_card(card("A new headline"))

    assert drawn == [card(), card("A new headline")]
    assert first == again
    assert first.name.startswith("renditions/cards/articles/7/")
    assert first.name.endswith(".png")
    assert renamed.name != first.name
    assert (first.width, first.height, first.format) == (1200, 630, "png")
    assert first.size == default_storage.size(first.name)
    with default_storage.open(first.name) as file:
        assert Image.open(file).size == (1200, 630)


class CountingStorage(FileSystemStorage):
    """A storage on disk that notes each call a page could make of it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.calls = []

    def exists(self, name):
        self.calls.append("exists")
        return super().exists(name)

    def size(self, name):
        self.calls.append("size")
        return super().size(name)


def test_a_stored_card_is_found_again_with_one_storage_call(tmp_path):
    storage = CountingStorage(location=tmp_path)
    made = cards.stored_card(card(), storage=storage)
    storage.calls.clear()

    found = cards.stored_card(card(), storage=storage)

    assert storage.calls == ["size"]
    assert found == made
    assert found.size == (tmp_path / made.name).stat().st_size
    assert cards.stored_size("renditions/cards/articles/7/missing.png", storage=storage) is None


def test_a_cards_name_follows_everything_it_shows():
    names = {
        card().name,
        card("Another headline").name,
        card(site_name="Another site").name,
        card(palette=cards.Palette("#000000", "#ffffff", "#111111", "#eeeeee")).name,
        card(folder="articles/8").name,
    }

    assert len(names) == 5
    assert card().name == card().name


def test_the_card_colours_are_the_stylesheets():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    root = css[css.index(":root") : css.index("}", css.index(":root"))]
    declared = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", root))

    for variable, colour in theme.CSS_VARIABLES.items():
        assert declared[variable].lower() == colour, variable


def whole_or_missing(storage, name: str) -> str:
    """What a reader finds under `name`: "missing", "whole" (a complete PNG) or "broken"."""
    if stored_size := cards.stored_size(name, storage=storage):
        with storage.open(name) as file:
            data = file.read()
        try:
            picture = decoded(data)
        except OSError:
            return "broken"
        return "whole" if len(data) == stored_size and picture.size == (1200, 630) else "broken"
    return "missing"


def test_a_card_being_stored_is_never_found_half_written(tmp_path, monkeypatch):
    """A reader asking for the card while another process is still writing it finds no card
    (and draws its own), never part of one."""
    storage = FileSystemStorage(location=tmp_path)
    name = card().name
    found_meanwhile = []
    real_chunks = File.chunks

    def slow_chunks(self, chunk_size=None):
        # The write goes in two halves, and a reader looks between them.
        data = b"".join(real_chunks(self))
        yield data[: len(data) // 2]
        found_meanwhile.append(whole_or_missing(storage, name))
        yield data[len(data) // 2 :]

    monkeypatch.setattr(File, "chunks", slow_chunks)

    stored = cards.stored_card(card(), storage=storage)

    assert found_meanwhile == ["missing"]
    assert stored.name == name
    assert whole_or_missing(storage, name) == "whole"
    assert [path.name for path in (tmp_path / name).parent.iterdir()] == [Path(name).name]


def test_a_card_names_the_site_in_its_band_under_the_headline():
    """Two cards of one headline differ where the site's name is, in the band, and nowhere else."""
    band_top = 630 - cards.BAND_HEIGHT
    northwind = decoded(cards.draw(card(site_name="Northwind News")))
    renamed = decoded(cards.draw(card(site_name="Northwind Newsroom & Press Office")))
    nameless = decoded(cards.draw(card(site_name="")))

    title_area = (0, 0, 1200, band_top)
    band = (0, band_top, 1200, 630)
    assert northwind.crop(title_area).tobytes() == renamed.crop(title_area).tobytes()
    assert northwind.crop(band).tobytes() != renamed.crop(band).tobytes()
    # Without a name the band is bare: its lettering is the site's name.
    assert colours_in(nameless, band) == {rgb(theme.ACCENT_DARK)}
    assert rgb(theme.TINT) in colours_in(northwind, band)
