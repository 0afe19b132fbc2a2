"""The benchmark's arithmetic and its table: ratios to the stock floor, CPU per request, the
page cache's share of a mix, and what wrk is asked to run."""

import pytest

from newsroom.demo.bench_load import database_is_local
from newsroom.demo.bench_report import (
    STOCK_FLOOR,
    combined,
    format_report,
    ratio,
    requests_per_second,
    summarise,
    summarise_editing,
    summarise_mix,
)
from newsroom.demo.bench_setup import MODES, Target
from newsroom.demo.bench_wrk import (
    CLOCK_TICKS,
    cpu_ms_per_request,
    cpu_seconds_from_stat,
    database_cpu_seconds,
    mixed_script,
)


def wrk_result(
    requests, *, seconds=2.0, p50=2.0, p99=8.0, cpu=None, db=None, hits=0, misses=0, **more
):
    return {
        "requests": requests,
        "duration_us": int(seconds * 1e6),
        "bytes": requests * 1000,
        "p50_us": int(p50 * 1000),
        "p99_us": int(p99 * 1000),
        "errors": 0,
        "status_errors": 0,
        "hits": hits,
        "misses": misses,
        "cpu_ms_per_request": cpu,
        "db_cpu_ms_per_request": db,
        **more,
    }


def test_a_rate_is_requests_over_wrks_own_duration():
    assert requests_per_second(wrk_result(3000, seconds=2.0)) == 1500
    assert requests_per_second(wrk_result(0, seconds=0)) == 0


def test_a_ratio_is_a_share_of_the_floor_to_three_places():
    assert ratio(500, 2000) == 0.25
    assert ratio(1, 3) == 0.333
    assert ratio(2100, 2000) == 1.05
    assert ratio(100, 0) == 0.0  # a floor that answered nothing gives no ratio, not an error


@pytest.fixture
def jobs():
    stock = Target("stock floor", "/", bytes=30_000)
    project = Target("project floor", "/bench/floor/", bytes=30_000)
    article = Target(
        "article",
        "/news/a/",
        bytes=30_000,
        queries={"uncached": 11, "fragments": 1, "page": 0},
    )
    return [(STOCK_FLOOR[0], stock), ("page", project)] + [(mode, article) for mode in MODES]


def test_every_ratio_is_taken_against_the_stock_floor_of_the_same_round(jobs):
    rounds = [
        {
            ("stock", "stock floor"): wrk_result(4000, cpu=0.4),
            ("page", "project floor"): wrk_result(3000, cpu=0.6),
            ("uncached", "article"): wrk_result(400, cpu=8.0, db=1.5),
            ("fragments", "article"): wrk_result(1200, cpu=2.5),
            ("page", "article"): wrk_result(3600, cpu=None),
        },
        # The machine got slower: the ratios hold.
        {
            ("stock", "stock floor"): wrk_result(2000, cpu=0.5),
            ("page", "project floor"): wrk_result(1500, cpu=0.7),
            ("uncached", "article"): wrk_result(200, cpu=9.0, db=2.5),
            ("fragments", "article"): wrk_result(600, cpu=2.7),
            ("page", "article"): wrk_result(1800, cpu=None),
        },
    ]

    figures = {(row.mode, row.page): row for row in summarise(rounds, jobs)}

    assert list(figures) == [
        ("stock", "stock floor"),
        ("page", "project floor"),
        ("uncached", "article"),
        ("fragments", "article"),
        ("page", "article"),
    ]
    assert figures["stock", "stock floor"].ratio_to_stock_floor == 1.0
    assert figures["page", "project floor"].ratio_to_stock_floor == 0.75
    assert figures["uncached", "article"].ratio_to_stock_floor == 0.1
    assert figures["page", "article"].ratio_to_stock_floor == 0.9
    assert figures["uncached", "article"].requests_per_second == 150  # median of 200 and 100
    assert figures["uncached", "article"].cpu_ms_per_request == 8.5
    assert figures["page", "article"].cpu_ms_per_request is None
    assert figures["uncached", "article"].db_cpu_ms_per_request == 2.0
    assert figures["page", "article"].db_cpu_ms_per_request is None
    assert figures["uncached", "article"].queries == 11
    assert figures["stock", "stock floor"].queries == 0


def test_a_mix_reports_the_share_of_answers_the_page_cache_gave():
    mix = summarise_mix(wrk_result(2000, hits=1900, misses=60, cpu=0.9))

    assert mix["requests_per_second"] == 1000
    assert mix["page_cache_hit_share"] == 0.95
    assert mix["page_cache_miss_share"] == 0.03
    assert mix["cpu_ms_per_request"] == 0.9
    assert summarise_mix(wrk_result(0))["page_cache_hit_share"] == 0.0


def test_the_quiet_halves_of_the_editing_run_count_as_one_run():
    before = wrk_result(3000, seconds=20, p50=2.0, p99=10.0, cpu=1.0, hits=2990, misses=10)
    after = wrk_result(1000, seconds=20, p50=6.0, p99=30.0, cpu=2.0, hits=1000)

    quiet = combined([before, after])

    assert quiet["requests"] == 4000
    assert quiet["duration_us"] == 40_000_000
    assert (quiet["hits"], quiet["misses"]) == (3990, 10)
    assert quiet["p50_us"] == 3000  # weighted by requests
    assert quiet["p99_us"] == 15000
    assert quiet["cpu_ms_per_request"] == 1.25
    assert combined([before, wrk_result(10)])["cpu_ms_per_request"] is None
    assert summarise_mix(quiet)["requests_per_second"] == 100


def editing_run(**overrides):
    return {
        "server": "page",
        "paths": ["/news/", "/news/a/"],
        "duration_s": 40,
        "save_every_s": 1.0,
        "publish_every_s": 30.0,
        "without_edits": wrk_result(4000, seconds=40, hits=3990),
        "with_edits": wrk_result(3000, seconds=40, hits=1500, misses=1400),
        "editor": {
            "saves": 39,
            "publishes": 1,
            "failures": [],
            "published_after_s": [30.0],
            "median_save_ms": 12.5,
        },
        **overrides,
    }


def test_the_editing_run_is_a_share_of_the_same_mix_without_edits():
    editing = summarise_editing(editing_run())

    assert editing["ratio_to_without_edits"] == 0.75
    assert editing["without_edits"]["page_cache_hit_share"] == 0.9975
    assert editing["with_edits"]["page_cache_hit_share"] == 0.5
    assert summarise_editing({"skipped": "no shared cache"}) == {"skipped": "no shared cache"}


def report(editing):
    row = {
        "page": "article",
        "mode": "uncached",
        "path": "/news/a/",
        "requests_per_second": 412.4,
        "ratio_to_stock_floor": 0.214,
        "p50_ms": 9.12,
        "p99_ms": 20.5,
        "cpu_ms_per_request": 4.25,
        "db_cpu_ms_per_request": 1.5,
        "bytes": 31_234,
        "queries": 11,
        "errors": 0,
    }
    return {
        "machine": {
            "cpu": "Test CPU",
            "cores": 2,
            "memory_gib": 4.0,
            "python": "3.11.7",
            "django": "5.2",
            "database": "sqlite 3.40",
        },
        "settings": {
            "articles": 300,
            "cache": "RedisCache",
            "gunicorn": "--workers 2 (sync)",
            "wrk": "-t1 -c4",
            "rounds": 1,
            "duration_s": 2,
        },
        "figures": [
            row,
            {
                **row,
                "mode": "page",
                "cpu_ms_per_request": None,
                "db_cpu_ms_per_request": None,
                "errors": 3,
            },
        ],
        "editing": editing,
        "after_publishing": [{"page": "index", "path": "/news/", "ms": 48.5, "queries": 10}],
        "skipped": ["feed"],
        "static": {"stylesheet": None},
        "memory": {"distinct_paths": 10},
    }


def test_the_table_shows_every_column_and_the_editing_run():
    text = format_report(report(summarise_editing(editing_run())))

    header = next(line for line in text.splitlines() if line.startswith("page"))
    columns = ["page", "mode", "req/s", "× stock", "p50 ms", "p99 ms", "CPU ms", "DB ms", "SQL"]
    assert [column for column in columns if column in header] == columns
    assert header.endswith("bytes")
    assert (
        "article          uncached       412     0.21    9.12   20.50    4.25   1.50   11   31,234"
        in text
    )
    assert "article          page           412     0.21    9.12   20.50       –      –   11" in (
        text
    )
    assert "3 errors" in text
    assert "2 reader pages in turn: 40s without edits (half before, half after)" in text
    assert "every 1s (39 saves) and publishes every 30s (1, at 30s):" in text
    assert "without edits         100     1.00   99.75%    0.00%" in text
    assert "with edits             75     0.75   50.00%   46.67%" in text
    assert "  index               48.50 ms  10 SQL" in text
    assert "feed: not served by this site yet, skipped" in text


def test_the_table_says_why_the_editing_run_was_skipped():
    text = format_report(report({"skipped": "the cache is not shared"}))

    assert "editing run skipped: the cache is not shared" in text


def test_cpu_time_is_read_from_proc_stat_even_with_spaces_in_the_name():
    stat = "4242 (gunicorn: worker [x]) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0"

    assert cpu_seconds_from_stat(stat) == 300 / CLOCK_TICKS


def test_cpu_per_request_counts_only_workers_seen_before_and_after():
    before = {1: 10.0, 2: 20.0, 3: 5.0}
    after = {1: 10.5, 2: 20.5, 4: 99.0}  # 3 went away, 4 is new

    assert cpu_ms_per_request(before, after, 1000) == 1.0
    assert cpu_ms_per_request({}, after, 1000) is None
    assert cpu_ms_per_request(before, after, 0) is None


def test_database_cpu_counts_backends_that_started_during_the_run():
    before = {1: 10.0, 2: 20.0, 3: 5.0}
    after = {1: 10.5, 2: 20.5, 4: 1.0}  # 3 went away, 4 is a connection opened meanwhile

    assert cpu_ms_per_request(before, after, 1000, new=True) == 2.0
    assert cpu_ms_per_request({}, {}, 1000, new=True) is None


def test_the_database_cpu_is_read_from_the_postgres_processes_only(tmp_path):
    def process(pid, name, ticks):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "comm").write_text(name + "\n")
        stat = f"{pid} ({name}) S 1 2 3 4 5 6 7 8 9 10 {ticks} 0 0 0 20 0 1 0"
        (tmp_path / str(pid) / "stat").write_text(stat)

    process(11, "postgres", 300)
    process(12, "postgres", 100)
    process(13, "gunicorn", 900)
    (tmp_path / "self").mkdir()
    (tmp_path / "14").mkdir()  # gone before its name could be read

    assert database_cpu_seconds(tmp_path) == {11: 300 / CLOCK_TICKS, 12: 100 / CLOCK_TICKS}


@pytest.mark.parametrize(
    ("engine", "host", "local"),
    [
        ("django.db.backends.postgresql", "127.0.0.1", True),
        ("django.db.backends.postgresql", "", True),
        ("django.db.backends.postgresql", "/var/run/postgresql", True),
        ("django.db.backends.postgresql", "db.internal", False),
        ("django.db.backends.sqlite3", "", False),
    ],
)
def test_the_database_cpu_is_read_only_for_postgresql_on_this_machine(engine, host, local):
    assert database_is_local({"ENGINE": engine, "HOST": host, "NAME": "newsroom"}) is local


def test_the_mix_asks_for_every_path_and_counts_the_page_caches_answers():
    script = mixed_script(["/news/", "/news/tags/culture/"])

    assert 'local paths = {"/news/", "/news/tags/culture/"}' in script
    assert "(counter % #paths) + 1" in script
    assert 'headers["X-Page-Cache"]' in script
    assert 'thread:get("hits")' in script
    with pytest.raises(ValueError, match="ASCII"):
        mixed_script(["/news/ünï/"])
    with pytest.raises(ValueError, match="ASCII"):
        mixed_script([])
