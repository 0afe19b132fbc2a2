"""Reporting: the median figures of the rounds, the machine they ran on, and the printed table.

Requests per second, latency and the ratio to the floor are medians over the rounds; bytes and
SQL queries come from the in-process measurement (`bench_setup.measure_in_process`).
"""

import os
import platform
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import django
from django.db import connection

from newsroom.demo.bench_setup import MODES, Target


@dataclass
class Figures:
    page: str
    mode: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bytes: int
    queries: int
    ratio_to_floor: float
    errors: int
    after_change: dict[str, float]


def summarise(rounds: list[dict], targets: list[Target]) -> list[Figures]:
    figures = []
    for mode in MODES:
        for target in targets:
            rates, p50s, p99s, ratios, errors = [], [], [], [], 0
            for results in rounds:
                result = results[(mode, target.name)]
                floor = results[(mode, "floor")]
                rate = result["requests"] / (result["duration_us"] / 1e6)
                floor_rate = floor["requests"] / (floor["duration_us"] / 1e6)
                rates.append(rate)
                ratios.append(rate / floor_rate)
                p50s.append(result["p50_us"] / 1000)
                p99s.append(result["p99_us"] / 1000)
                errors += result["errors"] + result["status_errors"]
            figures.append(
                Figures(
                    page=target.name,
                    mode=mode,
                    path=target.path,
                    requests_per_second=round(statistics.median(rates), 1),
                    p50_ms=round(statistics.median(p50s), 2),
                    p99_ms=round(statistics.median(p99s), 2),
                    bytes=target.bytes,
                    queries=target.queries[mode],
                    ratio_to_floor=round(statistics.median(ratios), 3),
                    errors=errors,
                    after_change=target.after_change,
                )
            )
    return figures


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
        f"{setup['articles']:,} articles · {info['database']} · cache {setup['cache']} · "
        f"gunicorn {setup['gunicorn']} · wrk {setup['wrk']} · {setup['rounds']} rounds of "
        f"{setup['duration_s']}s",
        f"{info['cpu']} · {info['cores']} cores · {info['memory_gib']} GiB · Python "
        f"{info['python']} · Django {info['django']}",
        "",
        f"{'page':<17}{'mode':<6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'bytes':>9}"
        f"{'SQL':>5}{'× floor':>9}",
    ]
    for row in report["figures"]:
        lines.append(
            f"{row['page']:<17}{row['mode']:<6}{row['requests_per_second']:>9.0f}"
            f"{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}{row['bytes']:>9,}"
            f"{row['queries']:>5}{row['ratio_to_floor']:>9.2f}"
            + (f"  {row['errors']} errors" if row["errors"] else "")
        )
    lines += ["", "first request after a change (in process, nothing derived cached):"]
    for row in report["figures"]:
        if row["mode"] == MODES[0] and row["page"] != "floor":
            change = row["after_change"]
            lines.append(f"  {row['page']:<17}{change['ms']:>8.2f} ms{change['queries']:>4} SQL")
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
