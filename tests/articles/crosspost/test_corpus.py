"""The paste corpus: real-shaped copies of LinkedIn posts and articles, Medium and Substack
stories, formatted and plain, each cleaned to its expected headline, body and warning.

The copies and what each must give are in ./corpus/ (see expected.toml there).
"""

import re
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from articles.crosspost.cleaning import CleanedPiece, clean_paste
from articles.crosspost.cleaning.warnings import NO_SUBJECT

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
COPIES = [(name, copy) for name, case in EXPECTED.items() for copy in case["copies"]]
BOTH = [name for name, case in EXPECTED.items() if set(case["copies"]) == {"html", "txt"}]
BULLET = re.compile(r"^(?:[-*•–·▪◦]|\d{1,2}[.)])\s+")


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html.replace("<br>", " "), "html.parser").get_text(" ").split())


def paragraphs(piece: CleanedPiece) -> list[str]:
    soup = BeautifulSoup(piece.body, "html.parser")
    return [words(str(element)) for element in soup.find_all(recursive=False)]


def clean(name: str, copy: str) -> CleanedPiece:
    pasted = (CORPUS / f"{name}.{copy}").read_text(encoding="utf-8")
    return clean_paste(html=pasted) if copy == "html" else clean_paste(text=pasted)


@pytest.mark.parametrize(("name", "copy"), COPIES)
def test_each_copy_gives_its_headline_body_and_warning(name, copy):
    case = EXPECTED[name]
    piece = clean(name, copy)

    assert piece.headline == case["headline"]
    assert piece.kind == case.get("kind", "")
    assert piece.dek == case.get("dek", "")
    assert piece.published_on == case.get("date")
    body = paragraphs(piece)
    assert (body[0], body[-1]) == (case["first"], case["last"])
    for line in case.get("kept", []):
        assert line in " ".join(body)


@pytest.mark.parametrize(("name", "copy"), COPIES)
def test_each_copy_gives_its_warning_with_kind_and_subject(name, copy):
    expected = EXPECTED[name].get("warning")
    warning = clean(name, copy).warning

    if expected is None:
        assert warning is None
        return
    assert (warning.kind, warning.text, warning.subject) == (
        expected["kind"],
        expected["text"],
        expected.get("subject", ""),
    )
    ambiguous = expected.get("ambiguous", False)
    assert warning.subject_note == (NO_SUBJECT if ambiguous else "")


@pytest.mark.parametrize(("name", "copy"), COPIES)
def test_the_platforms_lines_are_taken_out_and_shown(name, copy):
    case = EXPECTED[name]
    piece = clean(name, copy)
    body = words(piece.body)
    header = [line.text for line in piece.removed if line.why == "header"]
    removed = [line.text for line in piece.removed]

    footer = [line.text for line in piece.removed if line.why == "footer"]

    for line in case["header"]:
        assert any(line in text for text in header), f"{line!r} not taken as the card"
    for line in case.get("footer", []):
        assert any(line in text for text in footer), f"{line!r} not taken as the card under it"
    for line in case.get("removed", []):
        assert any(line in text for text in removed), f"{line!r} not taken out"
        assert line not in body


@pytest.mark.parametrize("name", [name for name, copy in COPIES if copy == "txt"])
def test_every_line_of_a_plain_copy_is_in_the_draft_or_shown_as_removed(name):
    pasted = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    piece = clean(name, "txt")
    seen = [words(piece.body), *(line.text for line in piece.removed)]

    for line in pasted.splitlines():
        line = BULLET.sub("", " ".join(line.replace("hashtag#", "#").split()))
        if line:
            assert any(line in text for text in seen), f"{line!r} went missing"


@pytest.mark.parametrize("name", BOTH)
def test_a_formatted_and_a_plain_copy_give_the_same_text(name):
    formatted, plain = clean(name, "html"), clean(name, "txt")

    # Spaces aside: a formatted copy's links and list items are elements, a plain one's are not.
    assert "".join(words(formatted.body).split()) == "".join(words(plain.body).split())
    assert formatted.warning == plain.warning
