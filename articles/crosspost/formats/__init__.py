"""Reading pieces from files for `manage.py import_articles`: HTML pages (`html_page`), JSON
Lines (`json_lines`), and plain text exports of a published news page (`text_export`).

Pure: each reader turns a file's text into `importing.Piece`s, or raises `BadFile` with a
message that says what is wrong and where (`base`). Saving is `importing.save_piece`'s job.
"""

from collections.abc import Iterator
from pathlib import Path

from articles.crosspost.formats.base import BadFile, Defaults, Entry, kind_from, read_text
from articles.crosspost.formats.html_page import piece_from_html
from articles.crosspost.formats.json_lines import json_lines_entries
from articles.crosspost.formats.text_export import piece_from_text_export

HTML_SUFFIXES = {".html", ".htm"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
SUFFIXES = HTML_SUFFIXES | JSON_LINES_SUFFIXES | TEXT_SUFFIXES

__all__ = ["SUFFIXES", "BadFile", "Defaults", "Entry", "entries", "kind_from"]


def entries(path: Path, *, defaults: Defaults) -> Iterator[Entry]:
    """Every piece in the file at `path`, each with its place for the report."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Entry(
            str(path),
            error="not a file the importer reads: use .html, .jsonl or .txt (a plain-text "
            "export of a news page).",
        )
        return
    try:
        text = read_text(path)
    except BadFile as error:
        yield Entry(str(path), error=str(error))
        return
    if suffix in JSON_LINES_SUFFIXES:
        yield from json_lines_entries(text, where=str(path), defaults=defaults)
        return
    reader = piece_from_html if suffix in HTML_SUFFIXES else piece_from_text_export
    try:
        yield Entry(str(path), piece=reader(text, defaults=defaults))
    except BadFile as error:
        yield Entry(str(path), error=str(error))
