"""A `published_at` given as a date alone in a JSON Lines import means the first instant of that
day in the newsroom's time zone: its midnight, or, where the clocks skip midnight going forward,
the time they go to. A day the clocks skip whole has no first instant: its line is refused."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.crosspost.test_import_articles import EXPORT_LINES, run, run_failing

pytestmark = pytest.mark.django_db


def write_lines(tmp_path, *days: str):
    path = tmp_path / "pieces.jsonl"
    records = [
        {
            "headline": f"Ferry timetable {number}",
            "body_text": "The timetable changes on Sunday.",
            "author": "Dana Whitfield",
            "published_at": day,
        }
        for number, day in enumerate(days, start=1)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("zone", "day", "first_instant"),
    [
        # The clocks went from 23:59 on Nov 3 straight to 01:00 on Nov 4.
        ("America/Sao_Paulo", "2018-11-04", datetime(2018, 11, 4, 3, 0, tzinfo=UTC)),
        ("Asia/Beirut", "2024-03-31", datetime(2024, 3, 30, 22, 0, tzinfo=UTC)),
        # Two hours skipped: the day began at 02:00.
        ("America/Argentina/Cordoba", "1991-10-20", datetime(1991, 10, 20, 4, 0, tzinfo=UTC)),
    ],
)
def test_a_date_whose_midnight_the_clocks_skip_means_the_first_instant_of_that_day(
    tmp_path, settings, zone, day, first_instant
):
    settings.TIME_ZONE = zone
    path = write_lines(tmp_path, day)

    out, err = run(str(path))

    assert "1 created" in out, err
    published_at = Article.objects.get().published_at
    assert published_at == first_instant
    with timezone.override(zone):
        assert timezone.localtime(published_at).date().isoformat() == day
        before = timezone.localtime(published_at - timedelta(microseconds=1))
        assert before.date().isoformat() < day


def test_a_date_at_an_ordinary_midnight_means_that_midnight(tmp_path, settings):
    settings.TIME_ZONE = "America/Sao_Paulo"
    path = write_lines(tmp_path, "2018-11-05")

    run(str(path))

    assert Article.objects.get().published_at == datetime(2018, 11, 5, 2, 0, tzinfo=UTC)


def test_a_date_the_clocks_skip_whole_is_refused_for_its_line_alone(tmp_path, settings):
    # Samoa moved across the date line: Dec 29, 2011 was followed by Dec 31.
    settings.TIME_ZONE = "Pacific/Apia"
    path = write_lines(tmp_path, "2011-12-30", "2011-12-31")

    _, err, summary = run_failing(str(path))

    assert (
        "pieces.jsonl:1: error: “published_at”: Dec 30, 2011 does not exist in Pacific/Apia: "
        "the clocks skip that whole day. Give another date. Or give a time with its offset "
        "from UTC (+00:00)."
    ) in err
    assert summary == "1 piece could not be imported; see the errors above."
    assert list(Article.objects.values_list("headline", "published_at")) == [
        ("Ferry timetable 2", datetime(2011, 12, 30, 10, 0, tzinfo=UTC))
    ]


def test_a_text_export_dated_a_day_whose_midnight_is_skipped_is_dated_that_day(tmp_path, settings):
    settings.TIME_ZONE = "America/Sao_Paulo"
    path = tmp_path / "op-ed.txt"
    path.write_text("\n".join(["Nov 4, 2018", *EXPORT_LINES[1:]]) + "\n", encoding="utf-8")

    out, err = run(str(path))

    assert "1 created" in out, err
    assert Article.objects.get().published_at == datetime(2018, 11, 4, 3, 0, tzinfo=UTC)
