"""The search text of a long piece: made with work that grows with the text, never a lookup
per character, and with each control character a space as before."""

import sys
import unicodedata

import pytest

from articles.search import document_text


@pytest.fixture
def category_lookups(monkeypatch):
    """How many times anything asks Unicode for a character's category."""
    calls = [0]
    category = unicodedata.category

    def counted(char):
        calls[0] += 1
        return category(char)

    monkeypatch.setattr(unicodedata, "category", counted)
    return calls


def test_a_longer_text_asks_for_no_more_character_categories(category_lookups):
    paragraph = "<p>The ferry leaves at dawn\x07 and the <strong>harbour</strong> wakes.</p>"

    document_text(introduction="", body=paragraph, held=False)
    short = category_lookups[0]
    document_text(introduction="", body=paragraph * 1000, held=False)

    assert category_lookups[0] - short == short


def test_every_control_character_and_lone_surrogate_is_a_space_and_nothing_else_is():
    controls = "".join(
        chr(point)
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in {"Cc", "Cs"}
    )
    others = "".join(
        chr(point)
        for point in range(0x20, 0x3000)
        if unicodedata.category(chr(point)) not in {"Cc", "Cs"} and chr(point) not in "<>&"
    )

    assert document_text(introduction="", body=f"<p>a{controls}b</p>", held=False) == "a b"
    text = document_text(introduction="", body=f"<p>{others}</p>", held=False)
    assert not set(text) & set(controls)
    assert len(text) == len(" ".join(others.split()))
