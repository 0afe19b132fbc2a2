"""Reporting: the median figures of the rounds, the machine they ran on, and the printed table.

Requests per second, latency, CPU per request and the ratio to the stock floor are medians over
the rounds; the ratio is taken in each round against the stock floor measured in that round.
Bytes and SQL queries come from the in-process measurement (`bench_setup.measure_in_process`).
"""

import os
import platform
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import django
from django.db import connection

from newsroom.demo.bench_setup import Target

# The (mode, page) every ratio is taken against: stock Django answering with the article's bytes.
STOCK_FLOOR = ("stock", "stock floor")


@dataclass
class Figures:
    page: str
    mode: str
    path: str
    requests_per_second: float
    ratio_to_stock_floor: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float | None
    db_cpu_ms_per_request: float | None
    bytes: int
    queries: int
    errors: int


def requests_per_second(result: dict) -> float:
    """The rate of one wrk run."""
    seconds = result["duration_us"] / 1e6
    return result["requests"] / seconds if seconds > 0 else 0.0


def ratio(rate: float, floor_rate: float) -> float:
    """`rate` as a share of `floor_rate`, to three places; 0 when the floor answered nothing."""
    return round(rate / floor_rate, 3) if floor_rate > 0 else 0.0


def median_or_none(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def summarise(rounds: list[dict], jobs: list[tuple[str, Target]]) -> list[Figures]:
    """The medians over the rounds of each (mode, page) in `jobs`, in that order."""
    figures = []
    for mode, target in jobs:
        rates, ratios, p50s, p99s, cpus, database_cpus, errors = [], [], [], [], [], [], 0
        for results in rounds:
            result = results[(mode, target.name)]
            rate = requests_per_second(result)
            rates.append(rate)
            ratios.append(ratio(rate, requests_per_second(results[STOCK_FLOOR])))
            p50s.append(result["p50_us"] / 1000)
            p99s.append(result["p99_us"] / 1000)
            cpus.append(result.get("cpu_ms_per_request"))
            database_cpus.append(result.get("db_cpu_ms_per_request"))
            errors += result["errors"] + result["status_errors"]
        cpu, database_cpu = median_or_none(cpus), median_or_none(database_cpus)
        figures.append(
            Figures(
                page=target.name,
                mode=mode,
                path=target.path,
                requests_per_second=round(statistics.median(rates), 1),
                ratio_to_stock_floor=round(statistics.median(ratios), 3),
                p50_ms=round(statistics.median(p50s), 2),
                p99_ms=round(statistics.median(p99s), 2),
                cpu_ms_per_request=None if cpu is None else round(cpu, 3),
                db_cpu_ms_per_request=None if database_cpu is None else round(database_cpu, 3),
                bytes=target.bytes,
                queries=target.queries.get(mode, 0),
                errors=errors,
            )
        )
    return figures


def combined(runs: list[dict]) -> dict:
    """wrk runs of the same mix taken as one: counts and durations summed; latency percentiles
    and CPU per request averaged, weighted by requests (CPU None if any run lacks it)."""
    requests = sum(run["requests"] for run in runs)
    total = {key: sum(run[key] for run in runs) for key in COUNTED}

    def weighted(key: str) -> float:
        return sum(run[key] * run["requests"] for run in runs) / requests if requests else 0

    cpus = [run.get("cpu_ms_per_request") for run in runs]
    return {
        **total,
        "p50_us": round(weighted("p50_us")),
        "p99_us": round(weighted("p99_us")),
        "cpu_ms_per_request": None if None in cpus else round(weighted("cpu_ms_per_request"), 3),
    }


COUNTED = (
    "requests",
    "duration_us",
    "bytes",
    "errors",
    "status_errors",
    "hits",
    "misses",
)


def summarise_mix(result: dict) -> dict:
    """One mixed wrk run: its rate, latency, CPU and the page cache's share of the answers."""
    requests = result["requests"]
    return {
        "requests_per_second": round(requests_per_second(result), 1),
        "p50_ms": round(result["p50_us"] / 1000, 2),
        "p99_ms": round(result["p99_us"] / 1000, 2),
        "cpu_ms_per_request": result.get("cpu_ms_per_request"),
        "page_cache_hit_share": round(result["hits"] / requests, 4) if requests else 0.0,
        "page_cache_miss_share": round(result["misses"] / requests, 4) if requests else 0.0,
        "requests": requests,
        "errors": result["errors"] + result["status_errors"],
    }


def summarise_editing(editing: dict) -> dict:
    """The editing run's figures, with its throughput as a share of the quiet run's."""
    if "skipped" in editing:
        return editing
    quiet = summarise_mix(editing["without_edits"])
    busy = summarise_mix(editing["with_edits"])
    return {
        **editing,
        "without_edits": quiet,
        "with_edits": busy,
        "ratio_to_without_edits": ratio(busy["requests_per_second"], quiet["requests_per_second"]),
    }


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = Path("/proc/meminfo")
    total = re.search(r"MemTotal:\s+(\d+)", memory.read_text()) if memory.exists() else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        database_version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {database_version}",
    }


def format_report(report: dict) -> str:
    info = report["machine"]
    setup = report["settings"]
    lines = [
        "",
        f"{setup['articles']:,} articles · {info['database']} · cache {setup['cache']} "
        f"(uncached: DummyCache) · gunicorn {setup['gunicorn']} · wrk {setup['wrk']} · "
        f"{setup['rounds']} rounds of {setup['duration_s']}s",
        f"{info['cpu']} · {info['cores']} cores · {info['memory_gib']} GiB · Python "
        f"{info['python']} · Django {info['django']}",
        "",
        f"{'page':<17}{'mode':<10}{'req/s':>8}{'× stock':>9}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'CPU ms':>8}{'DB ms':>7}{'SQL':>5}{'bytes':>9}",
    ]
    for row in report["figures"]:
        lines.append(
            f"{row['page']:<17}{row['mode']:<10}{row['requests_per_second']:>8.0f}"
            f"{row['ratio_to_stock_floor']:>9.2f}{row['p50_ms']:>8.2f}{row['p99_ms']:>8.2f}"
            f"{format_cpu(row['cpu_ms_per_request']):>8}"
            f"{format_cpu(row['db_cpu_ms_per_request']):>7}{row['queries']:>5}{row['bytes']:>9,}"
            + (f"  {row['errors']} errors" if row["errors"] else "")
        )
    lines += ["", *format_editing(report["editing"])]
    lines += ["", "first request after publishing an article (in process, page cache on):"]
    for row in report["after_publishing"]:
        lines.append(f"  {row['page']:<17}{row['ms']:>8.2f} ms{row['queries']:>4} SQL")
    for name in report["skipped"]:
        lines.append(f"{name}: not served by this site yet, skipped")
    static = report["static"]
    if static.get("stylesheet"):
        lines.append(
            f"static {static['stylesheet']}: Cache-Control {static['cache_control']}, "
            f"Content-Encoding {static['content_encoding']}"
        )
    memory = report["memory"]
    lines.append("memory of one worker: " + ", ".join(f"{k} {v}" for k, v in memory.items()))
    return "\n".join(lines)


def format_cpu(milliseconds: float | None) -> str:
    return "–" if milliseconds is None else f"{milliseconds:.2f}"


def format_editing(editing: dict) -> list[str]:
    if "skipped" in editing:
        return [f"editing run skipped: {editing['skipped']}"]
    log = editing["editor"]
    published = ", ".join(f"{s:g}s" for s in log["published_after_s"]) or "none"
    lines = [
        f"editing run on the page server, {len(editing['paths'])} reader pages in turn: "
        f"{editing['duration_s']}s without edits (half before, half after)",
        f"and {editing['duration_s']}s while an editor saves a draft every "
        f"{editing['save_every_s']:g}s ({log['saves']} saves) and publishes every "
        f"{editing['publish_every_s']:g}s ({log['publishes']}, at {published}):",
        f"{'run':<17}{'req/s':>8}{'× quiet':>9}{'hits':>9}{'misses':>9}{'p50 ms':>8}"
        f"{'p99 ms':>8}{'CPU ms':>8}",
    ]
    for name, key in (("without edits", "without_edits"), ("with edits", "with_edits")):
        run = editing[key]
        share = 1.0 if key == "without_edits" else editing["ratio_to_without_edits"]
        lines.append(
            f"{name:<17}{run['requests_per_second']:>8.0f}{share:>9.2f}"
            f"{run['page_cache_hit_share']:>9.2%}{run['page_cache_miss_share']:>9.2%}"
            f"{run['p50_ms']:>8.2f}{run['p99_ms']:>8.2f}{format_cpu(run['cpu_ms_per_request']):>8}"
            + (f"  {run['errors']} errors" if run["errors"] else "")
        )
    if log["failures"]:
        lines.append(f"the editor's failures: {'; '.join(log['failures'][:3])}")
    return lines
