"""Title cards of headlines with no spaces (a long compound word, an address, CJK text) are
broken mid-word inside the card's margins, with a few measurements a line, where each line cost
one per letter; ordinary headlines are broken as before."""

import pytest
from PIL import Image, ImageDraw, ImageFont

from newsroom import theme
from newsroom.photos import cards
from tests.newsroom.photos.test_cards import card, colours_in, decoded, rgb

TEXT_WIDTH = 1200 - 2 * cards.MARGIN
BAND_TOP = 630 - cards.BAND_HEIGHT
SPACELESS = {
    "letters": "A" * 200,
    "compound": "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen" * 3,
    "address": "https://example.com/" + "newsroom/articles/2025/01/" * 7,
    "cjk": "日本語の見出しは空白なしで長く続きます" * 10,
}
ORDINARY = [
    "What a TV show teaches us about work",
    "Short",
    "Op-ed: Why the board said no to a merger, and what the staff heard instead",
    "Quarterly results beat expectations as cloud revenue doubles in the third quarter again",
    "Supercalifragilisticexpialidocious and other words a headline writer fears to set at all",
    "A headline that goes on " * 8,
]


@pytest.fixture(autouse=True)
def fresh_fonts():
    cards.font.cache_clear()
    yield
    cards.font.cache_clear()


@pytest.fixture
def pen():
    return ImageDraw.Draw(Image.new("RGB", (1, 1)))


@pytest.fixture
def measured(monkeypatch):
    """The texts the card's fonts are asked to measure, in order."""
    texts = []
    real_getlength = ImageFont.FreeTypeFont.getlength

    def getlength(self, text, *args, **kwargs):
        texts.append(text)
        return real_getlength(self, text, *args, **kwargs)

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", getlength)
    return texts


@pytest.mark.parametrize("title", SPACELESS.values(), ids=SPACELESS.keys())
def test_a_headline_without_spaces_fills_the_card_inside_its_margins(title):
    picture = decoded(cards.draw(card(title)))

    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    ground, white = {rgb(theme.ACCENT)}, rgb(theme.PAPER)
    assert white in colours_in(picture, (cards.MARGIN, 0, 1200 - cards.MARGIN, BAND_TOP))
    # The headline's ground is bare beside it, and its letters stay out of the band.
    assert colours_in(picture, (0, 0, cards.MARGIN - 4, BAND_TOP)) == ground
    assert colours_in(picture, (1200 - cards.MARGIN + 4, 0, 1200, BAND_TOP)) == ground
    assert white not in colours_in(picture, (0, BAND_TOP, 1200, 630))


@pytest.mark.parametrize("title", SPACELESS.values(), ids=SPACELESS.keys())
def test_a_headline_without_spaces_is_broken_mid_word_and_trimmed(pen, title):
    size, lines = cards.fitted_title(pen, title, TEXT_WIDTH)

    assert size == cards.TITLE_SIZES[-1]
    assert len(lines) == cards.MAX_LINES
    assert lines[-1].endswith(cards.ELLIPSIS)
    assert title.startswith("".join(lines)[: -len(cards.ELLIPSIS)])
    for line in lines:
        assert pen.textlength(line, font=cards.font(size)) <= TEXT_WIDTH


@pytest.mark.parametrize("title", SPACELESS.values(), ids=SPACELESS.keys())
def test_a_headline_without_spaces_is_measured_about_as_much_as_one_with_spaces(measured, title):
    """Each line is found with a few measurements, not one per letter (thousands, each as
    long as the line): about as many as a headline of words as long, trimmed at the smallest
    size too."""
    cards.draw(card(ORDINARY[-1]))
    calls, letters = len(measured), sum(map(len, measured))
    measured.clear()

    cards.draw(card(title))

    assert len(measured) <= 2 * calls
    assert sum(map(len, measured)) <= 4 * letters


def test_a_long_site_name_without_spaces_is_trimmed_with_few_measurements(measured):
    name = "NorthwindNewsroomAndPressOffice" * 6

    picture = decoded(cards.draw(card(site_name=name)))

    band_text = colours_in(picture, (0, BAND_TOP, 1200, 630)) - {rgb(theme.ACCENT_DARK)}
    assert band_text
    assert colours_in(picture, (1200 - cards.MARGIN + 4, BAND_TOP, 1200, 630)) == {
        rgb(theme.ACCENT_DARK)
    }
    assert len(measured) <= 40


def letter_by_letter(pen, text: str, face, width: int) -> list[str]:
    """Lines as greedy breaking makes them, measuring each start of a word too long for a
    line letter by letter: slow, and plainly right."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pen.textlength(candidate, font=face) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while pen.textlength(word, font=face) > width:
            cut = max(
                [n for n in range(1, len(word)) if pen.textlength(word[:n], font=face) <= width],
                default=1,
            )
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return [*lines, line] if line else lines


# Cut short: measuring letter by letter takes a while.
@pytest.mark.parametrize("title", [*ORDINARY, *(title[:90] for title in SPACELESS.values())])
@pytest.mark.parametrize("size", cards.TITLE_SIZES)
def test_lines_are_broken_where_measuring_each_letter_breaks_them(pen, title, size):
    face = cards.font(size)

    assert cards.wrapped(pen, title, face, TEXT_WIDTH) == letter_by_letter(
        pen, title, face, TEXT_WIDTH
    )


@pytest.mark.parametrize("title", ORDINARY)
def test_an_ordinary_headline_is_set_as_before(pen, title):
    """The size chosen, and the lines at it, as wrapping the whole headline at each size
    chooses them; at the smallest, the last line ends where the lines run out."""
    for size in cards.TITLE_SIZES:
        face = cards.font(size)
        lines = letter_by_letter(pen, title, face, TEXT_WIDTH)
        if len(lines) <= cards.MAX_LINES:
            break
    else:
        last = f"{lines[cards.MAX_LINES - 1]} {lines[cards.MAX_LINES]}"
        kept = cards.trimmed(pen, last, face, TEXT_WIDTH, force=True)
        lines = [*lines[: cards.MAX_LINES - 1], kept]

    assert cards.fitted_title(pen, title, TEXT_WIDTH) == (size, lines)
