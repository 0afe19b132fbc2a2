import pytest

from newsroom.photos import cards


@pytest.fixture
def drawn(monkeypatch):
    """The headlines of the title cards drawn, in order (each drawn for real)."""
    headlines = []
    real_draw = cards.draw

    def draw(card):
        headlines.append(card.title)
        return real_draw(card)

    monkeypatch.setattr(cards, "draw", draw)
    return headlines
