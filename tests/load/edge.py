"""Publishing under load through Varnish: the purge must refresh exactly the pages it touches.

The article pages on the index are cached at the edge first, with the tags the app gave each.
While wrk keeps the index busy through Varnish, a draft is published from another process, as
an editor would in the admin; the app purges its tags after the commit. The index must then
show the new headline through Varnish, the article pages sharing a tag with it must come fresh
from the app, and the others must still be HITs.
"""

import json
import subprocess
import threading
import time
from html import escape
from pathlib import Path

from tests.load.measure import Phase, wrk
from tests.load.services import BASE, EDGE, PYTHON, ROOT, card_paths, fetch

# Run by `manage.py shell -c`: loads Django and the demo's draft before the load starts (under
# it, starting Django can take longer than the phase), publishes on a line of input, and says
# what that retired.
PUBLISH = """
import json, sys
from articles.models import Article
from articles.workflow.publishing import publish
from newsroom.pagecache.retiring import tags_of
draft = Article.objects.filter(status=Article.Status.DRAFT).order_by("pk").first()
if draft is None:
    raise SystemExit("the demo content has no draft to publish")
print("ready", flush=True)
sys.stdin.readline()
publish(draft)
print(json.dumps({"headline": draft.headline, "tags": sorted(tags_of(draft))}), flush=True)
"""
# How long the index may take to show the new piece through Varnish once it is published.
FRESH_WITHIN = 30


def edge_status(path: str) -> str:
    return fetch(EDGE + path)[0].get("X-Cache", "none")


def shows(path: str, headline: str, seconds: float) -> tuple[float, str] | None:
    """(seconds, X-Cache) once the page through Varnish shows `headline`; None if it never does."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            headers, html = fetch(EDGE + path)
        except OSError:
            html = ""
        if escape(headline) in html:
            return time.monotonic() - started, headers.get("X-Cache", "none")
        time.sleep(0.05)
    return None


def publish_under_load(
    env: dict[str, str], script: Path, *, connections: int, seconds: int
) -> tuple[Phase, list[str]]:
    """wrk on the index through Varnish while a draft is published a quarter of the way in."""
    problems = []
    paths = ["/news/", *card_paths(fetch(BASE + "/news/")[1])]
    # What each page shows, as the app tags it for the edge (Varnish keeps the header to itself).
    keys = {path: set(fetch(BASE + path)[0].get("xkey", "").split()) for path in paths}
    for path in paths:
        fetch(EDGE + path)
    if cold := [path for path in paths if edge_status(path) != "HIT"]:
        problems.append(f"pages not cached through Varnish before publishing: {', '.join(cold)}")

    publisher = subprocess.Popen(
        [str(PYTHON), "manage.py", "shell", "-c", PUBLISH],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    events = {}

    def publish():
        began = time.monotonic()
        time.sleep(seconds / 4)
        publisher.stdin.write("publish\n")
        publisher.stdin.flush()
        said = publisher.stdout.readline()
        events["at"] = time.monotonic() - began
        try:
            events.update(json.loads(said))
        except ValueError:
            return
        events["fresh"] = shows("/news/", events["headline"], FRESH_WITHIN)

    try:
        # The shell may first say what it imported.
        while (line := publisher.stdout.readline()) and line.strip() != "ready":
            pass
        if not line:
            _, log = publisher.communicate(timeout=30)
            raise RuntimeError(f"manage.py shell could not load the draft to publish:\n{log}")
        publishing = threading.Thread(target=publish)
        publishing.start()
        phase = wrk(
            Phase("Varnish /news/, publishing a draft", connections),
            "/news/",
            seconds,
            script,
            base=EDGE,
        )
        publishing.join()
        _, log = publisher.communicate(timeout=30)
    finally:
        if publisher.poll() is None:
            publisher.kill()
            publisher.wait()

    log = log.strip()
    if "headline" not in events:
        problems.append(f"publishing the draft failed: {log.splitlines()[-1] if log else '?'}")
        phase.note = "publishing failed"
        return phase, problems
    if failed := [line for line in log.splitlines() if "Edge purge failed" in line]:
        problems.append(failed[-1])
    headline, tags = events["headline"], set(events["tags"])
    fresh = events["fresh"]
    if fresh is None:
        problems.append(
            f"the purge did not take effect: the index through Varnish did not show "
            f"“{headline}” within {FRESH_WITHIN}s of publishing"
        )
    articles = paths[1:]
    related = [path for path in articles if keys[path] & tags]
    unrelated = [path for path in articles if not keys[path] & tags]
    after = {path: edge_status(path) for path in articles}
    if stale := [path for path in related if after[path] != "MISS"]:
        problems.append(f"pages sharing a tag with the new piece not purged: {', '.join(stale)}")
    if purged := [path for path in unrelated if after[path] != "HIT"]:
        problems.append(f"unrelated pages purged too: {', '.join(purged)}")
    if not unrelated:
        problems.append("no article on the index is unrelated to the new piece: nothing to compare")
    misses = phase.edge_answers - phase.edge_hits
    phase.note = (
        f"published “{headline}” {events['at']:.1f}s into the {seconds}s phase; "
        + (
            f"the index through Varnish showed it {fresh[0]:.2f}s later (X-Cache {fresh[1]}; "
            f"{misses} MISS among {phase.edge_answers} answers in the phase); "
            if fresh
            else "the index through Varnish NEVER showed it; "
        )
        + f"of {len(articles)} article pages on the index, {len(related)} share a tag with it "
        f"and {sum(after[path] == 'MISS' for path in related)} of those came fresh (MISS), "
        f"{sum(after[path] == 'HIT' for path in unrelated)} of the {len(unrelated)} others "
        "stayed HITs"
    )
    return phase, problems
