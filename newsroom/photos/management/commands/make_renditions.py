"""`manage.py make_renditions`: make the image renditions that are missing.

Saving a photo field that keeps renditions (an article's featured image, an author's headshot)
makes the renditions of a new image. Run this once after upgrading
(images uploaded before renditions existed have none, and pages show their originals), after
restoring media from elsewhere, or with `--force` after changing the rendition sizes. The pages
that show a photo whose renditions changed are retired, as a save would retire them.
"""

from django.core.management.base import BaseCommand

from newsroom import pagecache
from newsroom.photos import making


class Command(BaseCommand):
    help = "Make the missing renditions of every photo field that keeps them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make every rendition again, not only missing ones.",
        )

    def handle(self, *args, force=False, **options):
        for entry in making.kept:
            made = refresh_every_row(entry, force=force)
            label = entry.model._meta.verbose_name_plural
            self.stdout.write(f"Made renditions for {made} {label}.")


def refresh_every_row(entry: making.Kept, *, force: bool) -> int:
    """Bring the renditions of every row with a photo in `entry`'s field in line with it, and
    retire what the rows whose renditions changed show; the number made."""
    made = 0
    retired: set[str] = set()
    photos = entry.model._default_manager.exclude(**{entry.field: ""})
    try:
        for instance in photos.iterator(chunk_size=100):
            before = getattr(instance, entry.record_field)
            made += making.refresh_renditions(
                instance,
                field=entry.field,
                record_field=entry.record_field,
                plan=entry.plan,
                force=force,
            )
            if getattr(instance, entry.record_field) != before:
                retired |= pagecache.tags_of(instance)
    finally:
        # The records are written with `update()`, which no signal tells the page cache of:
        # retired once for them all, and for the rows done when a later one fails.
        pagecache.retire(retired)
    return made
