"""Driving a server with wrk: one page, or a mix of pages counting the page cache's answers.

wrk's Lua hooks print one JSON line at the end, so nothing depends on wrk's text layout. The mix
(`mixed_script`) asks for its paths in turn and counts the responses the app's page cache marks
`X-Page-Cache: hit` or `miss`, per wrk thread, summed in `done`. Around each run the CPU time
of the server's workers is read from /proc, for the CPU milliseconds each request cost, and with
PostgreSQL on this machine that of its server processes, for the database's share.
"""

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

REPORT = """
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,' ..
    '"errors":%d,"status_errors":%d,"hits":%d,"misses":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, hits, misses))
"""

REPORT_LUA = f"""
done = function(summary, latency, requests)
  local hits, misses = 0, 0
{REPORT}
end
"""

MIXED_LUA = """
local paths = {%(paths)s}
local threads = {}

setup = function(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

init = function(args)
  counter = offset
  hits = 0
  misses = 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

response = function(status, headers, body)
  local marked = headers["X-Page-Cache"] or headers["x-page-cache"]
  if marked == "hit" then
    hits = hits + 1
  elseif marked == "miss" then
    misses = misses + 1
  end
end

done = function(summary, latency, requests)
  local hits, misses = 0, 0
  for _, thread in ipairs(threads) do
    hits = hits + thread:get("hits")
    misses = misses + thread:get("misses")
  end
%(report)s
end
"""


def mixed_script(paths: list[str]) -> str:
    """wrk's Lua for asking for `paths` in turn and counting the page cache's hits and misses."""
    if not paths or not all(path.isascii() and path.startswith("/") for path in paths):
        raise ValueError("wrk's mix needs paths on this server, in ASCII")
    quoted = ", ".join(json.dumps(path) for path in paths)
    return MIXED_LUA % {"paths": quoted, "report": REPORT}


def ensure_wrk(say) -> str:
    found = shutil.which("wrk")
    if found:
        return found
    say("wrk is missing; installing it with apt-get…")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed; install it and run the benchmark again.")
    return found


def run_wrk(
    wrk: str,
    server,
    path: str,
    *,
    duration: int,
    threads: int,
    connections: int,
    script: str = REPORT_LUA,
    database: Callable[[], dict[int, float]] | None = None,
) -> dict:
    """wrk's figures for `duration` seconds on `server`, with the workers' CPU milliseconds per
    request (None when it could not be read) and, given `database` (its server processes' CPU
    seconds, see `database_cpu_seconds`), the database's."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    database_before = database() if database else {}
    before = server.cpu_seconds()
    try:
        result = subprocess.run(  # noqa: S603
            [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                # A slow page is measured, not counted as failed.
                "--timeout",
                "10s",
                "--latency",
                "-s",
                file.name,
                f"http://127.0.0.1:{server.port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        )
    finally:
        os.unlink(file.name)
    after = server.cpu_seconds()
    database_after = database() if database else {}
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    figures["cpu_ms_per_request"] = cpu_ms_per_request(before, after, figures["requests"])
    figures["db_cpu_ms_per_request"] = (
        cpu_ms_per_request(database_before, database_after, figures["requests"], new=True)
        if database
        else None
    )
    return figures


def cpu_ms_per_request(
    before: dict[int, float], after: dict[int, float], requests: int, *, new: bool = False
) -> float | None:
    """CPU milliseconds per request from processes' CPU seconds before and after a run.

    Processes present both times count, and with `new` those that started during the run too (a
    database's backend for a connection opened then); None when there were none, or no requests.
    """
    counted = after.keys() if new else before.keys() & after.keys()
    if not counted or not requests:
        return None
    spent = sum(after[pid] - before.get(pid, 0.0) for pid in counted)
    return round(spent * 1000 / requests, 3)


def database_cpu_seconds(proc: Path = Path("/proc")) -> dict[int, float]:
    """The CPU seconds so far of each PostgreSQL server process on this machine, by process id:
    the backends that answer the workers' queries and the server's own helpers."""
    found = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
        except OSError:  # gone since the listing
            continue
        seconds = process_cpu_seconds(int(entry.name), proc)
        if seconds is not None:
            found[int(entry.name)] = seconds
    return found


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int, proc: Path = Path("/proc")) -> float | None:
    """User plus system CPU seconds of process `pid` so far, from /proc; None once it is gone."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    return cpu_seconds_from_stat(stat)


def cpu_seconds_from_stat(stat: str) -> float:
    """utime + stime (fields 14 and 15) of a /proc/<pid>/stat line, in seconds.

    The command name (field 2) is in parentheses and may hold spaces, so fields are counted
    from the last ")".
    """
    fields = stat.rsplit(")", 1)[1].split()
    # fields[0] is field 3 (the state), so utime and stime are fields[11] and fields[12].
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
