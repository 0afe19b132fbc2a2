"""`make loadtest`: the production configuration under load, a database restart and a lost cache.

Starts its own PostgreSQL cluster and Redis on loopback ports (so no other database is touched),
serves the demo content with gunicorn and the production settings, then drives it with wrk:

1. a ramp of 16, 64 and 256 connections on the news index;
2. a spike on one article page, during which PostgreSQL is restarted once: requests failing
   while it is down are counted, and the site must answer again without restarting the app;
3. a check that every page answers cleanly again after the restart;
4. Redis stopped: pages must keep coming from the database;
5. Redis back and Varnish in front, with the shipped VCL and the app purging it by tag: the index
   and the article through Varnish at 64 and 256 connections, then the index at 256 while a draft
   is published, after which the index must show it and unrelated pages must still be HITs.

It prints throughput, p50/p99 latency, errors and the share of Varnish HITs per phase, and exits
non-zero on any 5xx or socket error outside the database's restart, or when publishing does not
purge exactly its pages at the edge. Everything it starts, it stops.
"""

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.load.edge import publish_under_load
from tests.load.measure import WRK_SCRIPT, Phase, report, wrk
from tests.load.services import (
    BASE,
    EDGE,
    EDGE_PURGE_URL,
    VARNISH_MISSING,
    Services,
    card_paths,
    fetch,
    varnish_installed,
    wait_for,
)

STEP_SECONDS = int(os.environ.get("LOADTEST_STEP_SECONDS", "15"))
SPIKE_SECONDS = int(os.environ.get("LOADTEST_SPIKE_SECONDS", "60"))
SPIKE_CONNECTIONS = int(os.environ.get("LOADTEST_SPIKE_CONNECTIONS", "256"))
RESTART_AFTER = SPIKE_SECONDS // 3


def spike_with_restart(services: Services, path: str, script: Path) -> tuple[Phase, dict]:
    """The spike, with PostgreSQL restarted a third of the way in."""
    outage = {}

    def restart():
        time.sleep(RESTART_AFTER)
        outage["down"] = time.time()
        services.pg_ctl("restart")
        outage["up"] = time.time()
        outage["answering_after"] = wait_for(BASE + "/healthz", 90)

    restarter = threading.Thread(target=restart)
    restarter.start()
    phase = wrk(Phase(f"spike {path}", SPIKE_CONNECTIONS), path, SPIKE_SECONDS, script)
    restarter.join()
    return phase, outage


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is missing: apt-get install redis-server")
    if not varnish_installed():
        sys.exit(VARNISH_MISSING)
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-"))
    workdir.chmod(0o755)
    script = workdir / "count.lua"
    script.write_text(WRK_SCRIPT)
    services = Services(workdir)
    problems = []
    phases = []
    try:
        print("Starting PostgreSQL, Redis and gunicorn on loopback…", flush=True)
        services.start_database()
        services.start_redis()
        services.prepare_site()
        services.start_app()
        article = card_paths(fetch(BASE + "/news/")[1])[0]

        for connections in (16, 64, 256):
            print(f"Ramp: {connections} connections on /news/…", flush=True)
            phases.append(wrk(Phase("ramp /news/", connections), "/news/", STEP_SECONDS, script))

        print(
            f"Spike: {SPIKE_CONNECTIONS} connections on {article}, restarting PostgreSQL…",
            flush=True,
        )
        spike, outage = spike_with_restart(services, article, script)
        window = range(int(outage["down"]) - 1, int(outage["up"]) + 3)
        during = sum(count for second, count in spike.server_errors.items() if second in window)
        outside = spike.failures - during
        answering = outage["answering_after"]
        spike.note = (
            f"PostgreSQL restarted in {outage['up'] - outage['down']:.1f}s; "
            f"{during} requests failed while it was down, {outside} outside that; "
            + (
                f"answering again {answering:.1f}s after it was back"
                if answering is not None
                else "NOT answering again"
            )
        )
        phases.append(spike)
        if outside:
            problems.append(f"{outside} server errors in the spike outside the database restart")
        if spike.socket_errors:
            problems.append(f"{spike.socket_errors} socket errors in the spike")
        if answering is None:
            problems.append("the site did not answer again after the database restart")

        print("After the restart: every page again…", flush=True)
        for path in ("/news/", article):
            phases.append(wrk(Phase(f"after restart {path}", 64), path, 10, script))

        print("Redis stopped: pages from the database…", flush=True)
        services.stop_redis()
        for path in ("/news/", article):
            phases.append(wrk(Phase(f"without Redis {path}", 64), path, 10, script))

        print("Varnish in front, purged by the app…", flush=True)
        services.start_redis()
        services.start_varnish()
        services.stop_app()
        services.start_app(
            EDGE_PURGE="varnish", EDGE_PURGE_URLS=EDGE_PURGE_URL, SURROGATE_KEY_HEADER="xkey"
        )
        if wait_for(EDGE + "/news/", 30) is None:
            raise RuntimeError(f"Varnish does not answer; see {workdir / 'varnishd.log'}")
        for path in ("/news/", article):
            for connections in (64, 256):
                phase = Phase(f"Varnish {path}", connections)
                phases.append(wrk(phase, path, STEP_SECONDS, script, base=EDGE))
        print("Publishing a draft while the index is under load through Varnish…", flush=True)
        publishing, edge_problems = publish_under_load(
            services.env, script, connections=256, seconds=2 * STEP_SECONDS
        )
        phases.append(publishing)
        problems += edge_problems

        for phase in phases:
            if phase is not spike and (phase.failures or phase.socket_errors):
                problems.append(
                    f"{phase.name} ({phase.connections} connections): "
                    f"{phase.failures} 5xx, {phase.socket_errors} socket errors"
                )
    finally:
        services.stop()
    report(phases)
    print(f"\nLogs: {workdir / 'gunicorn.log'}, {workdir / 'varnishd.log'}")
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        return 1
    print(
        "\nPassed: no 5xx or socket error outside the database restart; publishing purged "
        "exactly its pages at the edge."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
