"""Driving a server with wrk: one page, or a mix of pages counting the page cache's answers.

wrk's Lua hooks print one JSON line at the end, so nothing depends on wrk's text layout. The mix
(`mixed_script`) asks for its paths in turn and counts the responses the app's page cache marks
`X-Page-Cache: hit` or `miss`, per wrk thread, summed in `done`. Around each run the CPU time
of the server's workers is read from /proc, for the CPU milliseconds each request cost.
"""

import json
import os
import shutil
import subprocess
import tempfile
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
) -> dict:
    """wrk's figures for `duration` seconds on `server`, with the workers' CPU milliseconds per
    request (None when it could not be read)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
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
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    figures["cpu_ms_per_request"] = cpu_ms_per_request(before, after, figures["requests"])
    return figures


def cpu_ms_per_request(
    before: dict[int, float], after: dict[int, float], requests: int
) -> float | None:
    """CPU milliseconds per request from the workers' CPU seconds before and after a run.

    Only workers present both times count; None when there were none, or no requests.
    """
    common = before.keys() & after.keys()
    if not common or not requests:
        return None
    spent = sum(after[pid] - before[pid] for pid in common)
    return round(spent * 1000 / requests, 3)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of process `pid` so far, from /proc; None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
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
