"""The editing run: the page server under a reader's mix while an editor works in the admin.

wrk drives the `page` server over a mix of reader pages (`bench_setup.mixed_paths`) while a
separate process (`bench_editor`) saves a draft every second and publishes an article every
thirty, and for the same time with no editor: half before, half after, so that drift of the
machine falls on both alike. What an edit costs readers is the edited run's throughput against
the quiet one's, the share of responses the page cache served (`X-Page-Cache: hit`), and the
p99.

The editor changes the content in the database and the cache; the servers only see that when
the cache is one they share (Redis), so with each process's own memory the run is skipped.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

from newsroom.demo.bench_load import SITE_SETTINGS, Server
from newsroom.demo.bench_report import combined
from newsroom.demo.bench_setup import Options
from newsroom.demo.bench_wrk import mixed_script, run_wrk


def shared_cache_problem() -> str | None:
    """Why the servers would not see the editor's changes, or None when they would."""
    backend = settings.CACHES["default"]["BACKEND"]
    if "redis" in backend.lower():
        return None
    name = backend.rsplit(".", 1)[-1]
    return (
        f"the cache ({name}) is not shared between processes, so the servers would never see "
        "the editor's changes; set REDIS_URL (or BENCH_CACHE=redis) to run it"
    )


def measure_editing(wrk: str, server: Server, paths: list[str], options: Options, say) -> dict:
    """The mix quiet, then with the editor at work; figures of both and of the editor."""
    settings_used = {
        "server": "page",
        "paths": paths,
        "duration_s": options.edit_duration,
        "save_every_s": options.save_every,
        "publish_every_s": options.publish_every,
    }
    if options.edit_duration <= 0:
        return {**settings_used, "skipped": "BENCH_EDIT_DURATION is 0"}
    if problem := shared_cache_problem():
        say(f"Skipping the editing run: {problem}.")
        return {**settings_used, "skipped": problem}
    if options.edit_duration < options.publish_every:
        say(
            f"The editing run ({options.edit_duration}s) is shorter than the time between "
            f"publications ({options.publish_every:g}s): it will only save drafts."
        )
    script = mixed_script(paths)

    def mix(duration: int) -> dict:
        return run_wrk(
            wrk,
            server,
            "/",
            duration=duration,
            threads=options.threads,
            connections=options.connections,
            script=script,
        )

    before = max(options.edit_duration // 2, 1)
    after = max(options.edit_duration - before, 1)
    say(f"Editing run: {len(paths)} reader pages, {before}s without edits…")
    mix(2)  # every page of the mix in the page cache
    quiet = [mix(before)]
    say(f"Editing run: {options.edit_duration}s while an editor saves and publishes…")
    editor = start_editor(options)
    try:
        wait_for_ready(editor)
        busy = mix(options.edit_duration)
        log = finish_editor(editor, timeout=options.publish_every + 60)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.wait()
    say(f"Editing run: {after}s without edits again…")
    quiet.append(mix(after))
    return {
        **settings_used,
        "without_edits": combined(quiet),
        "without_edits_halves": quiet,
        "with_edits": busy,
        "editor": log,
    }


def start_editor(options: Options) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "newsroom.demo.bench_editor",
            "--duration",
            str(options.edit_duration),
            "--save-every",
            str(options.save_every),
            "--publish-every",
            str(options.publish_every),
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": SITE_SETTINGS},
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )


def wait_for_ready(editor: subprocess.Popen) -> None:
    for line in editor.stdout:
        if line.strip() == "READY":
            return
    raise RuntimeError(f"the editor stopped before it was ready (exit status {editor.wait()})")


def finish_editor(editor: subprocess.Popen, *, timeout: float) -> dict:
    """What the editor did, from its last line."""
    output, _ = editor.communicate(timeout=timeout)
    if editor.returncode != 0:
        raise RuntimeError(f"the editor failed (exit status {editor.returncode})")
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))
