"""`manage.py import_articles PATH [PATH ...]`: import pieces from HTML, JSON Lines and text files.

Each piece becomes a draft (or, with --publish, is published through the same checks as the
admin). Running it again changes nothing: a piece already imported, matched by its original URL
or else its slug, is left as it is. Each file and piece is reported; a bad one, or one that fails
in a way nobody foresaw, does not stop the others, and the command then exits with an error.
"""

from collections import Counter
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from articles.crosspost import importing
from articles.crosspost.formats import SUFFIXES, BadFile, Defaults, entries, kind_from


def unforeseen(error: Exception) -> str:
    """An error nobody foresaw, by its type and message, for the report."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


class DryRunRollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


class Command(BaseCommand):
    help = (
        "Import articles from HTML pages, JSON Lines (one article per line) and plain-text "
        "exports of news pages. Pieces become drafts; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="Files to import, or folders whose .html, .jsonl and .txt files to import.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report what would happen, and save nothing.",
        )
        parser.add_argument(
            "--author",
            metavar="NAME",
            default="",
            help="Author of pieces whose file names none; created when new.",
        )
        parser.add_argument(
            "--kind",
            metavar="KIND",
            default="op-ed",
            help="Kind of pieces whose file names none, e.g. op-ed or news (default: op-ed).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each new piece at its date, through the same checks as the admin; "
            "a piece that fails them stays a draft and the reasons are printed.",
        )

    def handle(self, *args, **options):
        try:
            kind = kind_from(options["kind"], where="--kind")
        except BadFile as error:
            raise CommandError(str(error)) from None
        defaults = Defaults(kind=kind, author=" ".join(options["author"].split()))
        self.counts = Counter()
        dry_run = options["dry_run"]
        try:
            with transaction.atomic():
                for path in self.files(options["paths"]):
                    self.import_file(
                        path, defaults=defaults, publish=options["publish"], dry_run=dry_run
                    )
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        self.summarise(dry_run=dry_run)

    def files(self, paths: list[str]) -> list[Path]:
        found = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                found += sorted(
                    child
                    for child in path.iterdir()
                    if child.is_file() and child.suffix.lower() in SUFFIXES
                )
            else:
                found.append(path)
        return found

    def import_file(self, path: Path, *, defaults: Defaults, publish: bool, dry_run: bool):
        try:
            for entry in entries(path, defaults=defaults):
                self.import_entry(entry, publish=publish, dry_run=dry_run)
        except Exception as error:  # a reader's failure ends its own file alone
            self.fail(str(path), f"the rest of the file could not be read: {unforeseen(error)}")

    def import_entry(self, entry, *, publish: bool, dry_run: bool) -> None:
        if entry.error:
            self.fail(entry.where, entry.error)
            return
        # Each piece is a savepoint of its own: one the database refuses, or that fails in a
        # way nobody foresaw, is rolled back and reported, and the others are imported.
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_comment(f"Imported from {entry.where}.")
                saved = importing.save_piece(entry.piece, publish=publish)
        except ValidationError as error:
            self.fail(entry.where, importing.validation_message(error))
            return
        except Exception as error:
            headline = " ".join(entry.piece.headline.split())
            self.fail(entry.where, f"“{headline}” could not be imported: {unforeseen(error)}")
            return
        article = saved.article
        would = "would be " if dry_run else ""
        if not saved.created:
            self.counts["unchanged"] += 1
            self.stdout.write(
                f"{entry.where}: already imported as “{article.headline}” ({article.slug}); "
                "left unchanged."
            )
            return
        self.counts["created"] += 1
        state = "published" if saved.published else "saved as a draft"
        where = article.get_absolute_url() if saved.published else self.admin_url(article)
        self.stdout.write(
            self.style.SUCCESS(
                f"{entry.where}: {article.kind_label.lower()} “{article.headline}” {would}{state}"
            )
            + ("" if dry_run else f" ({where})")
        )
        if saved.publish_problems:
            self.counts["not published"] += 1
            self.stdout.write(
                self.style.WARNING(
                    f"{entry.where}: not published: " + " ".join(saved.publish_problems)
                )
            )

    @staticmethod
    def admin_url(article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])

    def fail(self, where: str, message: str) -> None:
        self.counts["failed"] += 1
        self.stderr.write(f"{where}: error: {message}")

    def summarise(self, *, dry_run: bool) -> None:
        counts = self.counts
        summary = (
            f"{counts['created']} created, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed"
        )
        if counts["not published"]:
            summary += f", {counts['not published']} left as drafts"
        if dry_run:
            summary += ". Dry run: nothing was saved"
        self.stdout.write(summary + ".")
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} piece{'s' if counts['failed'] > 1 else ''} could not be "
                "imported; see the errors above."
            )
