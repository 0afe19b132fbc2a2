"""The benchmark behind `make bench`: the reader pages under load, against stock Django's floor.

It builds a fresh database with the corpus generator and serves the site with gunicorn and the
production settings on loopback, once per mode (`uncached`, `fragments`, `page`; see
`bench_setup`), beside a gunicorn of stock Django (`stock_settings`: startproject's middleware
and one view answering with the article page's bytes, captured in process). wrk drives each page
in interleaved rounds, so drift of the machine falls on every page alike, and it reports
requests per second, the ratio to that stock floor, latency, the workers' CPU per request, size
and SQL queries. The floor through this project's own middleware is reported beside it.

Then the editing run (`bench_editing`): a reader's mix on the `page` server, quiet and while an
editor saves and publishes; what the first request after a publication costs; and one worker's
memory.

`run` puts the parts together: `bench_setup` (options, modes, database, pages and their SQL),
`bench_load` (gunicorn, the rounds, the memory check), `bench_wrk` (wrk and CPU time),
`bench_editing` with `bench_editor` and `bench_drafts` (the editing run), and `bench_report`
(medians and the table).
"""

import json
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from newsroom.demo.bench_drafts import remove_drafts
from newsroom.demo.bench_editing import measure_editing
from newsroom.demo.bench_load import (
    STOCK_SETTINGS,
    check_static,
    drive,
    measure_memory,
    start_gunicorn,
    wait_until_up,
)
from newsroom.demo.bench_report import (
    STOCK_FLOOR,
    format_report,
    machine,
    summarise,
    summarise_editing,
)
from newsroom.demo.bench_setup import (
    MODE_ENVIRONMENT,
    MODES,
    Options,
    Target,
    build_database,
    choose_targets,
    measure_after_publishing,
    measure_in_process,
    mixed_paths,
)
from newsroom.demo.bench_wrk import ensure_wrk, run_wrk


def run(options: Options, *, say: Callable[[str], None] = print) -> dict:
    """Run the whole benchmark and return (and write) its figures."""
    # Stopped from outside, it still stops the servers it started (the `finally`s below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk(say)
    check_cache()
    build_database(options, say)
    if removed := remove_drafts():
        say(f"Removed {removed} articles an earlier run published.")
    # What the cache holds was made from the database as an earlier run left it.
    cache.clear()
    say("Collecting static files…")
    call_command("collectstatic", "--noinput", verbosity=0)
    targets, skipped = choose_targets(say)
    measure_in_process(targets, say)
    article = next(t for t in targets if t.name == "article")
    floor_file = settings.BENCH_DIR / f"floor-{os.getpid()}.html"
    floor_file.parent.mkdir(parents=True, exist_ok=True)
    floor_file.write_bytes(article.content)
    stock_floor = Target(STOCK_FLOOR[1], "/", bytes=article.bytes)
    project_floor = Target("project floor", "/bench/floor/", bytes=article.bytes)
    # Floors first; then each page in every mode in turn, so a page's modes run close together.
    jobs = [(STOCK_FLOOR[0], stock_floor), ("page", project_floor)]
    jobs += [(mode, target) for target in targets for mode in MODES]
    mix = mixed_paths(targets)
    connections.close_all()

    servers = {}
    try:
        servers["stock"] = start_gunicorn(
            port=options.port,
            workers=options.workers,
            env={"BENCH_FLOOR_FILE": str(floor_file)},
            settings_module=STOCK_SETTINGS,
        )
        for offset, mode in enumerate(MODES, start=1):
            servers[mode] = start_gunicorn(
                port=options.port + offset,
                workers=options.workers,
                env={**MODE_ENVIRONMENT[mode], "BENCH_FLOOR_FILE": str(floor_file)},
            )
        for mode, server in servers.items():
            wait_until_up(server.port, "/" if mode == "stock" else "/healthz")
            say(f"gunicorn ({mode}) on 127.0.0.1:{server.port}, {options.workers} workers")
        static = check_static(servers["page"].port)
        say("Warming up…")
        for mode, target in jobs:
            run_wrk(
                wrk,
                servers[mode],
                target.path,
                duration=1,
                threads=options.threads,
                connections=options.connections,
            )
        rounds = drive(wrk, servers, jobs, options, say)
        editing = measure_editing(wrk, servers["page"], mix, options, say)
    finally:
        for server in servers.values():
            server.stop()
        floor_file.unlink(missing_ok=True)

    say("First requests after publishing…")
    after_publishing = measure_after_publishing(targets)
    last_page = int(next(t for t in targets if t.name == "index last page").path.split("=")[-1])
    memory = measure_memory(options, say, last_page=last_page)
    display = jobs[:2] + [(mode, target) for mode in MODES for target in targets]
    figures = summarise(rounds, display)
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
            "modes": MODE_ENVIRONMENT,
        },
        "skipped": skipped,
        "static": static,
        "figures": [asdict(f) for f in figures],
        "editing": summarise_editing(editing),
        "after_publishing": after_publishing,
        "memory": memory,
        "finished": timezone.now().isoformat(timespec="seconds"),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2) + "\n")
    say(format_report(report))
    say(f"Figures written to {options.output}")
    return report


def check_cache() -> None:
    """Stop before measuring anything when the cache the pages are kept in does not keep them."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("DummyCache"):
        raise RuntimeError(
            "BENCH_CACHE=dummy is what the uncached mode uses; run the benchmark with the "
            "cache the other modes should use (locmem, or redis with REDIS_URL)."
        )
    cache.set("bench:ping", "pong", 30)
    if cache.get("bench:ping") != "pong":
        raise RuntimeError(f"The cache ({backend}) keeps nothing: is Redis running?")
