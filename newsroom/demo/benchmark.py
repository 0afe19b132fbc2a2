"""The benchmark behind `make bench`: the reader pages under load, beside Django's own floor.

It builds a fresh database with the corpus generator, serves the site with gunicorn and the
production settings on loopback, drives each page with wrk in interleaved rounds (so drift of the
machine falls on every page alike), and reports requests per second, latency, size, SQL queries
and the ratio to the floor: a view that returns a fixed string of the article page's size through
the same middleware. Each page is measured cold (page cache off) and warm (page cache on).

`run` puts the parts together: `bench_setup` (options, database, pages and their SQL),
`bench_load` (gunicorn, wrk and the memory check) and `bench_report` (medians and the table).
"""

import json
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from newsroom.demo.bench_load import (
    check_static,
    drive,
    ensure_wrk,
    measure_memory,
    run_wrk,
    start_gunicorn,
    wait_until_up,
)
from newsroom.demo.bench_report import format_report, machine, summarise
from newsroom.demo.bench_setup import (
    MODES,
    PAGE_CACHE_SECONDS,
    Options,
    Target,
    build_database,
    choose_targets,
    measure_in_process,
)


def run(options: Options, *, say: Callable[[str], None] = print) -> dict:
    """Run the whole benchmark and return (and write) its figures."""
    # Stopped from outside, it still stops the servers it started (the `finally`s below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk(say)
    build_database(options, say)
    say("Collecting static files…")
    call_command("collectstatic", "--noinput", verbosity=0)
    targets, skipped = choose_targets(say)
    measure_in_process(targets, say)
    article_bytes = next(t.bytes for t in targets if t.name == "article")
    floor = Target("floor", "/bench/floor/", bytes=article_bytes, queries=dict.fromkeys(MODES, 0))
    targets = [floor, *targets]
    connections.close_all()

    servers = {}
    try:
        for offset, mode in enumerate(MODES):
            servers[mode] = start_gunicorn(
                port=options.port + offset,
                workers=options.workers,
                env={
                    "PAGE_CACHE_SECONDS": str(PAGE_CACHE_SECONDS[mode]),
                    "BENCH_FLOOR_BYTES": str(article_bytes),
                },
            )
        for mode, server in servers.items():
            wait_until_up(server.port)
            say(f"gunicorn ({mode}) on 127.0.0.1:{server.port}, {options.workers} workers")
        static = check_static(servers["cold"].port)
        say("Warming up…")
        for server in servers.values():
            for target in targets:
                run_wrk(wrk, server.port, target.path, duration=1, options=options)
        rounds = drive(wrk, servers, targets, options, say)
    finally:
        for server in servers.values():
            server.stop()

    memory = measure_memory(options, say)
    figures = summarise(rounds, targets)
    report = {
        "machine": machine(),
        "settings": {
            "articles": options.articles,
            "rounds": options.rounds,
            "duration_s": options.duration,
            "wrk": f"-t{options.threads} -c{options.connections}",
            "gunicorn": f"--workers {options.workers} (sync)",
            "database": connection.vendor,
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        },
        "skipped": skipped,
        "static": static,
        "figures": [asdict(f) for f in figures],
        "memory": memory,
        "finished": timezone.now().isoformat(timespec="seconds"),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2) + "\n")
    say(format_report(report))
    say(f"Figures written to {options.output}")
    return report
