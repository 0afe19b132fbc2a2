"""The times in a JSON Lines import: read in the newsroom's time zone, and one its clocks skip
or show twice refused for its line, as the admin refuses it, rather than moved or guessed."""

import json
from datetime import UTC, datetime

import pytest

from articles.models import Article
from tests.articles.crosspost.test_import_articles import run, run_failing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def write_lines(tmp_path, *times: str):
    path = tmp_path / "pieces.jsonl"
    records = [
        {
            "headline": f"Ferry timetable {number}",
            "body_text": "The timetable changes on Sunday.",
            "author": "Dana Whitfield",
            "published_at": when,
        }
        for number, when in enumerate(times, start=1)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_a_time_the_clocks_show_twice_is_refused_for_its_line_alone(tmp_path):
    path = write_lines(tmp_path, "2030-10-27T01:30:00", "2030-10-27T02:30:00")

    _, err, summary = run_failing(str(path))

    assert (
        "pieces.jsonl:1: error: “published_at”: 01:30 happens twice on Oct 27, 2030 in "
        "Europe/London: the clocks go back an hour at 02:00"
    ) in err
    assert "give its offset" in err
    assert summary == "1 piece could not be imported; see the errors above."
    assert list(Article.objects.values_list("headline", "published_at")) == [
        ("Ferry timetable 2", datetime(2030, 10, 27, 2, 30, tzinfo=UTC))
    ]


def test_a_time_with_its_offset_is_taken_in_the_hour_the_clocks_repeat(tmp_path):
    path = write_lines(tmp_path, "2030-10-27T01:30:00+01:00", "2030-10-27T01:30:00+00:00")

    out, err = run(str(path))

    assert "2 created" in out, err
    assert sorted(Article.objects.values_list("published_at", flat=True)) == [
        datetime(2030, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2030, 10, 27, 1, 30, tzinfo=UTC),
    ]
