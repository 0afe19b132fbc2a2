"""Reading pieces from files for `manage.py import_articles`: HTML pages (`html_page`), JSON
Lines (`json_lines`), and plain text exports of a published news page (`text_export`).

Pure: each reader turns a file's text into `importing.Piece`s, or raises `BadFile` with a
message that says what is wrong and where (`base`). Saving is `importing.save_piece`'s job.
"""

from collections.abc import Iterator
from pathlib import Path

from articles.crosspost.formats.base import (
    MB,
    BadFile,
    Defaults,
    Entry,
    kind_from,
    read_text,
    refuse_larger,
)
from articles.crosspost.formats.html_page import piece_from_html
from articles.crosspost.formats.json_lines import json_lines_entries
from articles.crosspost.formats.text_export import piece_from_text_export

HTML_SUFFIXES = {".html", ".htm"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
SUFFIXES = HTML_SUFFIXES | JSON_LINES_SUFFIXES | TEXT_SUFFIXES
# A saved page or text export is one piece; a JSON Lines file may hold thousands.
PAGE_MAX_BYTES = 20 * MB
JSON_LINES_MAX_BYTES = 200 * MB

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
    json_lines = suffix in JSON_LINES_SUFFIXES
    if json_lines:
        max_bytes = JSON_LINES_MAX_BYTES
        larger_than = f"the importer reads ({max_bytes // MB} MB); split it between lines"
    else:
        max_bytes = PAGE_MAX_BYTES
        larger_than = f"any page the importer reads ({max_bytes // MB} MB)"
    try:
        refuse_larger(path, max_bytes=max_bytes, larger_than=larger_than)
        text = read_text(path)
    except BadFile as error:
        yield Entry(str(path), error=str(error))
        return
    if json_lines:
        yield from json_lines_entries(text, where=str(path), defaults=defaults)
        return
    reader = piece_from_html if suffix in HTML_SUFFIXES else piece_from_text_export
    try:
        yield Entry(str(path), piece=reader(text, defaults=defaults))
    except BadFile as error:
        yield Entry(str(path), error=str(error))
