"""`manage.py bench`: the benchmark behind `make bench` (see newsroom/demo/benchmark.py)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.bench_setup import Options
from newsroom.demo.benchmark import run


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


class Command(BaseCommand):
    help = (
        "Build a fresh benchmark database, serve it with gunicorn on loopback and drive the "
        "reader pages with wrk, uncached, from fragments and from the page cache, against stock "
        "Django's floor; then a reader's mix while an editor saves and publishes. Needs "
        "DJANGO_SETTINGS_MODULE=newsroom.demo.bench_settings (make bench sets it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=env_int("BENCH_ARTICLES", 1000))
        parser.add_argument("--rounds", type=int, default=env_int("BENCH_ROUNDS", 3))
        parser.add_argument(
            "--duration", type=int, default=env_int("BENCH_DURATION", 5), help="Seconds per run."
        )
        parser.add_argument("--connections", type=int, default=env_int("BENCH_CONNECTIONS", 4))
        parser.add_argument("--workers", type=int, default=env_int("BENCH_WORKERS", 2))
        parser.add_argument("--port", type=int, default=env_int("BENCH_PORT", 8700))
        parser.add_argument(
            "--reuse",
            action="store_true",
            default=os.environ.get("BENCH_REUSE", "").lower() in {"1", "true", "yes"},
            help="Keep the benchmark database when it already holds --articles articles.",
        )
        parser.add_argument(
            "--edit-duration",
            type=int,
            default=env_int("BENCH_EDIT_DURATION", 40),
            help="Seconds of the editing run with edits, and as many without; 0 skips it.",
        )
        parser.add_argument("--save-every", type=float, default=env_float("BENCH_SAVE_EVERY", 1.0))
        parser.add_argument(
            "--publish-every", type=float, default=env_float("BENCH_PUBLISH_EVERY", 30.0)
        )
        parser.add_argument("--output", default=os.environ.get("BENCH_OUTPUT", ""))

    def handle(self, *args, **options):
        if settings.ROOT_URLCONF != "newsroom.demo.bench_urls":
            raise CommandError(
                "Run the benchmark with its own settings: "
                "DJANGO_SETTINGS_MODULE=newsroom.demo.bench_settings python manage.py bench"
            )
        if options["articles"] < 20:
            raise CommandError("The benchmark needs at least 20 articles.")
        if options["save_every"] <= 0 or options["publish_every"] <= 0:
            raise CommandError("The editor's pace (--save-every, --publish-every) must be > 0.")
        output = options["output"] or str(
            settings.BENCH_DIR / f"results-{options['articles']}.json"
        )
        report = run(
            Options(
                articles=options["articles"],
                rounds=options["rounds"],
                duration=options["duration"],
                connections=options["connections"],
                workers=options["workers"],
                port=options["port"],
                reuse=options["reuse"],
                edit_duration=options["edit_duration"],
                save_every=options["save_every"],
                publish_every=options["publish_every"],
                output=Path(output),
            ),
            say=self.stdout.write,
        )
        editing = report["editing"]
        mixes = [editing[key] for key in ("without_edits", "with_edits") if key in editing]
        if any(row["errors"] for row in [*report["figures"], *mixes]):
            raise CommandError("Some requests failed; see the errors column above.")
