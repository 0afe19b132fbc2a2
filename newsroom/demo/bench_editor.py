"""The editing run's background editor, a process of its own beside the servers under load.

`python -m newsroom.demo.bench_editor --duration 40` (under the benchmark's settings, as
`bench_editing.start_editor` runs it) prints `READY` once Django is set up, then starts a draft,
saves it every second and, every thirty seconds, publishes it and starts the next, through the
ORM as the admin does (`bench_drafts.keep_editing`); last it prints one `BENCH {...}` line
saying what it did.
"""

import argparse
import json
import os


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, required=True, help="Seconds of editing.")
    parser.add_argument("--save-every", type=float, default=1.0)
    parser.add_argument("--publish-every", type=float, default=30.0)
    arguments = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.demo.bench_settings")
    import django

    django.setup()
    from newsroom.demo.bench_drafts import bench_author, keep_editing

    author = bench_author()
    print("READY", flush=True)
    log = keep_editing(
        duration=arguments.duration,
        save_every=arguments.save_every,
        publish_every=arguments.publish_every,
        author=author,
    )
    print("BENCH " + json.dumps(log.summary()), flush=True)


if __name__ == "__main__":
    main()
