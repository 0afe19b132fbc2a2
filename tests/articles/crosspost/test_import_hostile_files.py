"""`manage.py import_articles` given files that are not what they should be: characters no
text may hold, JSON built to break its reader, and text in another encoding. Each bad line or
file gets an error naming it and what is wrong; the others still import."""

import json
from datetime import date

import pytest

from articles.models import Article, Author
from tests.articles.crosspost.test_import_articles import run_failing

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def line(**fields) -> str:
    return json.dumps(
        {"headline": "A headline", "body_text": "Some text.", "author": "Dana", **fields}
    )


def write_lines(tmp_path, *lines: str, name: str = "pieces.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_line_whose_text_holds_a_nul_is_refused_naming_the_field(tmp_path):
    path = write_lines(
        tmp_path,
        line(headline="First", author="Da\u0000na"),
        line(headline="Second", tags=["Cul\u0000ture"]),
        line(headline="Third", warnings=[{"text": "Spoilers for \u0000 the finale"}]),
        line(headline="Fine"),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: “author” holds a NUL character (\\u0000), which no text may hold.",
        f"{path}:2: error: “tags” holds a NUL character (\\u0000), which no text may hold.",
        f"{path}:3: error: “warnings” holds a NUL character (\\u0000), which no text may hold.",
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]
    assert list(Author.objects.values_list("name", flat=True)) == ["Dana"]


def test_a_line_holding_half_a_character_is_refused_naming_the_field(tmp_path):
    path = write_lines(
        tmp_path,
        '{"headline": "Caf\\ud83d", "body_text": "Some text.", "author": "Dana"}',
        line(headline="Fine"),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: “headline” holds half of a character (\\ud83d, a surrogate without "
        "its pair): the program that wrote the file split one; write it again as UTF-8."
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_json_built_to_break_its_reader_is_refused_for_its_line(tmp_path):
    path = write_lines(
        tmp_path,
        "[" * 100_000 + "]" * 100_000,
        '{"headline": "Numbers", "body_text": "x", "author": "Dana", "dek": ' + "9" * 5000 + "}",
        line(headline="Fine"),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: not valid JSON (nested deeper than a piece's fields ever are).",
        f"{path}:2: error: not valid JSON (a number of more than 4300 digits).",
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


@pytest.mark.parametrize("name", ["op-ed.txt", "page.html", "pieces.jsonl"])
def test_a_file_saved_as_utf_16_is_refused_saying_so(tmp_path, name):
    # Without a byte-order mark, UTF-16 text reads as UTF-8 with a NUL after every letter.
    wrong = tmp_path / name
    wrong.write_bytes(line(headline="Wrong").encode("utf-16-le"))
    right = write_lines(tmp_path, line(headline="Fine"), name="right.jsonl")

    _, err, _ = run_failing(str(wrong), str(right))

    assert err.splitlines() == [
        f"{wrong}: error: holds NUL characters (the first on line 1), as text saved as UTF-16 "
        "does; save the file as UTF-8 and try again."
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("page.html", 21 * MB, "is 21 MB: larger than any page the importer reads (20 MB)"),
        ("op-ed.txt", 21 * MB, "is 21 MB: larger than any page the importer reads (20 MB)"),
        (
            "pieces.jsonl",
            201 * MB,
            "is 201 MB: larger than the importer reads (200 MB); split it between lines",
        ),
    ],
)
def test_a_file_larger_than_the_importer_reads_is_refused_before_it_is_read(
    tmp_path, name, size, message
):
    huge = tmp_path / name
    with huge.open("wb") as file:
        file.truncate(size)  # a sparse file: as large, without the disk it would take
    right = write_lines(tmp_path, line(headline="Fine"), name="right.jsonl")

    _, err, _ = run_failing(str(huge), str(right))

    assert err.splitlines() == [f"{huge}: error: {message}."]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_a_first_published_day_that_no_calendar_has_is_refused_for_its_line(tmp_path):
    path = write_lines(
        tmp_path,
        line(headline="Leap", origin_published_on="2025-02-29"),
        line(headline="Fine", origin_published_on="2024-02-29"),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: “origin_published_on” must be a date: YYYY-MM-DD; 2025-02-29 is "
        "not a day (day is out of range for month)."
    ]
    assert list(Article.objects.values_list("headline", "origin_published_on")) == [
        ("Fine", date(2024, 2, 29))
    ]


def test_a_time_outside_the_years_a_date_is_stored_in_is_refused_for_its_piece(tmp_path, settings):
    # In Tokyo, the first instant of Jan 1, year 1 is still year 0 in UTC, where it is stored.
    settings.TIME_ZONE = "Asia/Tokyo"
    export = tmp_path / "op-ed.txt"
    export.write_text(
        "Jan 1, 0001\nOp-ed: Year one\nText.\n"
        "This piece was originally published on Dana's LinkedIn.\n",
        encoding="utf-8",
    )
    path = write_lines(
        tmp_path,
        line(headline="Before", published_at="0001-01-01T08:59:59+09:00"),
        line(headline="After", published_at="9999-12-31T23:00:00-01:00"),
        line(headline="Fine", published_at="0001-01-01T09:00:00+09:00"),
    )

    _, err, _ = run_failing(str(export), str(path))

    outside = "is outside the years 1 to 9999 in UTC, in which times are stored."
    assert err.splitlines() == [
        f"{export}: error: line 1: 0001-01-01 {outside}",
        f"{path}:1: error: “published_at”: 0001-01-01T08:59:59+09:00 {outside}",
        f"{path}:2: error: “published_at”: 9999-12-31T23:00:00-01:00 {outside}",
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_an_author_or_warning_refused_is_named_as_such_not_as_the_pieces_field(tmp_path):
    path = write_lines(
        tmp_path,
        line(headline="Long name", author="Dana " + "W" * 200),
        line(headline="Odd warning", warnings=[{"text": "Spoilers", "kind": "gossip"}]),
        line(headline="Fine"),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: author name: Ensure this value has at most 120 characters (it has 205).",
        f"{path}:2: error: warning kind: Value 'gossip' is not a valid choice.",
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_a_body_nested_too_deep_is_refused_naming_its_line_and_the_rest_imported(tmp_path):
    path = write_lines(
        tmp_path,
        line(headline="Deep", body_text="", body="<ul><li>" * 20_000 + "words"),
        line(headline="Fine", body_text="", body="<ul><li>point" * 50 + "</li></ul>" * 50),
    )

    _, err, _ = run_failing(str(path))

    assert err.splitlines() == [
        f"{path}:1: error: body: This text is nested more than 512 levels deep (elements inside "
        "elements), deeper than any browser shows a page. Paste it again as plain text, or "
        "simplify it."
    ]
    assert Article.objects.get().body.count("<ul><li>point") == 50


def test_a_page_nested_too_deep_is_refused_naming_it_and_the_rest_imported(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text(
        '<title>Deep</title><meta name="author" content="Dana"><article><p>Words.</p>'
        + "<div>" * 20_000,
        encoding="utf-8",
    )
    fine = tmp_path / "fine.html"
    fine.write_text(
        '<title>Fine</title><meta name="author" content="Dana"><article><p>Words.</p>',
        encoding="utf-8",
    )

    _, err, _ = run_failing(str(deep), str(fine))

    assert err.splitlines() == [
        f"{deep}: error: is nested more than 512 levels deep (elements inside elements), "
        "deeper than any browser shows a page: import its text as plain text, or simplify it."
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]
