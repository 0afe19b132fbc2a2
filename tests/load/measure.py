"""wrk runs as phases: throughput, latency, errors and edge-cache hits, and their report."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.load.services import BASE, run

# Counts responses per second by class, so failures can be placed in time, and the answers an
# edge cache marked in X-Cache; wrk counts the socket errors itself.
WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = {}; marked = 0; hits = 0 end
function response(status, headers, body)
  if status >= 500 then
    local second = tostring(os.time())
    failures[second] = (failures[second] or 0) + 1
  end
  local cache = headers["X-Cache"]
  if cache then
    marked = marked + 1
    if cache == "HIT" then hits = hits + 1 end
  end
end
function done(summary, latency, requests)
  local merged, marked, hits = {}, 0, 0
  for _, thread in ipairs(threads) do
    for second, count in pairs(thread:get("failures")) do
      merged[second] = (merged[second] or 0) + count
    end
    marked = marked + thread:get("marked")
    hits = hits + thread:get("hits")
  end
  local parts = {}
  for second, count in pairs(merged) do table.insert(parts, '"' .. second .. '": ' .. count) end
  io.write("FAILURES {" .. table.concat(parts, ", ") .. "}\\n")
  io.write("EDGE " .. marked .. " " .. hits .. "\\n")
end
"""


@dataclass
class Phase:
    name: str
    connections: int
    requests: int = 0
    per_second: float = 0.0
    p50: str = "-"
    p99: str = "-"
    socket_errors: int = 0
    server_errors: dict[int, int] = field(default_factory=dict)
    # Answers an edge cache marked in X-Cache (none without one in front), and its HITs.
    edge_answers: int = 0
    edge_hits: int = 0
    note: str = ""

    @property
    def failures(self) -> int:
        return sum(self.server_errors.values())

    @property
    def hit_share(self) -> float | None:
        return self.edge_hits / self.edge_answers if self.edge_answers else None


def wrk(phase: Phase, path: str, seconds: int, script: Path, *, base: str = BASE) -> Phase:
    result = run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(phase.connections),
            "--duration",
            f"{seconds}s",
            # Slow answers under overload count in the latency, not as errors.
            "--timeout",
            "30s",
            "--latency",
            "--script",
            str(script),
            base + path,
        ]
    )
    out = result.stdout
    phase.requests = int(re.search(r"(\d+) requests in", out).group(1))
    phase.per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    phase.p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    phase.p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    if errors := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        phase.socket_errors = sum(int(number) for number in errors.groups())
    failures = re.search(r"FAILURES (\{.*\})", out).group(1)
    phase.server_errors = {int(second): count for second, count in json.loads(failures).items()}
    marked, hits = re.search(r"EDGE (\d+) (\d+)", out).groups()
    phase.edge_answers, phase.edge_hits = int(marked), int(hits)
    return phase


def report(phases: list[Phase]) -> None:
    columns = ("conns", "requests", "req/s", "p50", "p99", "5xx", "socket", "HIT")
    widths = (5, 9, 8, 9, 9, 6, 6, 6)
    print(
        "\n"
        + f"{'phase':<58} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    for phase in phases:
        hits = "-" if phase.hit_share is None else f"{phase.hit_share:.1%}"
        print(
            f"{phase.name:<58} {phase.connections:>5} {phase.requests:>9} {phase.per_second:>8.1f} "
            f"{phase.p50:>9} {phase.p99:>9} {phase.failures:>6} {phase.socket_errors:>6} "
            f"{hits:>6}"
        )
        if phase.note:
            print(f"    {phase.note}")
