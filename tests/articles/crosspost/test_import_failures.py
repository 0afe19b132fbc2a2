"""`manage.py import_articles` and errors nobody foresaw: each piece is saved on its own, so one
that fails is reported, naming it and the error, and the others are imported."""

import json

import pytest
from django.db import connection

from articles.crosspost import importing
from articles.models import Article, Author
from tests.articles.crosspost.test_import_articles import run_failing

pytestmark = pytest.mark.django_db

HEADLINES = ["Plan in seasons", "Refused by the database", "What a TV show teaches us"]


@pytest.fixture
def pieces(tmp_path):
    path = tmp_path / "pieces.jsonl"
    path.write_text(
        "".join(
            json.dumps({"headline": headline, "body_text": "Text.", "author": "Dana Whitfield"})
            + "\n"
            for headline in HEADLINES
        )
    )
    return path


@pytest.fixture
def database_refuses_a_headline():
    """A rule of the database's own, which no check before saving knows of: the database
    refuses the row as it would a constraint broken behind the importer's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_headline() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'headline refused by the database' USING ERRCODE = '23514'; "
                "END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article FOR EACH ROW "
                "WHEN (NEW.headline = 'Refused by the database') "
                "EXECUTE FUNCTION refuse_headline()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article "
                "WHEN NEW.headline = 'Refused by the database' "
                "BEGIN SELECT RAISE(ABORT, 'headline refused by the database'); END"
            )


def test_a_piece_the_database_refuses_is_reported_and_the_others_imported(
    pieces, database_refuses_a_headline
):
    out, err, summary = run_failing(str(pieces))

    # On one line, with what PostgreSQL adds after its message (DETAIL, CONTEXT) if anything.
    [error] = err.splitlines()
    assert error.startswith(
        f"{pieces}:2: error: “Refused by the database” could not be imported: "
        "IntegrityError: headline refused by the database"
    )
    assert "2 created, 0 unchanged, 1 failed." in out
    assert summary == "1 piece could not be imported; see the errors above."
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Plan in seasons",
        "What a TV show teaches us",
    ]
    assert Author.objects.count() == 1


def test_an_unforeseen_error_in_one_piece_is_reported_and_the_others_imported(pieces, monkeypatch):
    build = importing.build_article

    def fails_for_one(piece):
        if piece.headline == "Refused by the database":
            raise RuntimeError("something nobody foresaw")
        return build(piece)

    monkeypatch.setattr(importing, "build_article", fails_for_one)

    out, err, _ = run_failing(str(pieces))

    assert err.splitlines() == [
        f"{pieces}:2: error: “Refused by the database” could not be imported: "
        "RuntimeError: something nobody foresaw"
    ]
    assert "2 created, 0 unchanged, 1 failed." in out
    assert Article.objects.count() == 2


def test_a_dry_run_reports_the_failure_and_saves_nothing(pieces, database_refuses_a_headline):
    out, err, _ = run_failing("--dry-run", str(pieces))

    assert "“Refused by the database” could not be imported: IntegrityError" in err
    assert "2 created, 0 unchanged, 1 failed. Dry run: nothing was saved." in out
    assert not Article.objects.exists()


def test_a_file_that_fails_to_be_read_is_reported_and_the_next_one_imported(
    tmp_path, pieces, monkeypatch
):
    from articles.crosspost import formats

    page = tmp_path / "page.txt"
    page.write_text("Jan 17, 2025\nOp-ed: A page\nText.\n", encoding="utf-8")

    def reader_fails(text, *, defaults):
        raise UnicodeError("a reader's slip")

    monkeypatch.setattr(formats, "piece_from_text_export", reader_fails)

    out, err, _ = run_failing(str(page), str(pieces))

    assert err.splitlines() == [
        f"{page}: error: the rest of the file could not be read: UnicodeError: a reader's slip"
    ]
    assert "3 created, 0 unchanged, 1 failed." in out
