"""Fill an empty database with a large, realistic archive for benchmarks and scale checks."""

import time

from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.corpus import CorpusNotEmpty, make_corpus


class Command(BaseCommand):
    help = (
        "Fill an empty database with ARTICLES published articles of about 1,000 words, "
        "12 authors, 40 tags, real pictures on every fourth, a spoiler warning on every fifth "
        "and an origin on every third."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="How many (default 1000).")
        parser.add_argument("--seed", type=int, default=2025, help="Same seed, same archive.")
        parser.add_argument(
            "--images", type=int, default=24, help="Distinct pictures to share (0 for none)."
        )
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        if options["articles"] < 1:
            raise CommandError("--articles must be at least 1.")
        started = time.monotonic()
        step = max(options["batch_size"], options["articles"] // 10)

        def progress(made: int) -> None:
            if made % step < options["batch_size"] or made == options["articles"]:
                self.stdout.write(f"  {made:,} articles")

        try:
            summary = make_corpus(
                articles=options["articles"],
                seed=options["seed"],
                images=options["images"],
                batch_size=options["batch_size"],
                progress=progress if options["verbosity"] else None,
            )
        except CorpusNotEmpty as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {summary.articles:,} articles ({summary.warnings:,} with spoiler "
                f"warnings, {summary.cross_posts:,} cross-posted, {summary.images:,} with a "
                f"picture), {summary.authors} authors and {summary.tags} tags in "
                f"{time.monotonic() - started:.1f}s."
            )
        )
