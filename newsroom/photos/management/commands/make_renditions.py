"""`manage.py make_renditions`: make the image renditions that are missing.

Saving a photo field that keeps renditions (an article's featured image, an author's headshot)
makes the renditions of a new image. Run this once after upgrading
(images uploaded before renditions existed have none, and pages show their originals), after
restoring media from elsewhere, or with `--force` after changing the rendition sizes.
"""

from django.core.management.base import BaseCommand

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
            made = 0
            photos = entry.model._default_manager.exclude(**{entry.field: ""})
            for instance in photos.iterator(chunk_size=100):
                made += making.refresh_renditions(
                    instance,
                    field=entry.field,
                    record_field=entry.record_field,
                    plan=entry.plan,
                    force=force,
                )
            label = entry.model._meta.verbose_name_plural
            self.stdout.write(f"Made renditions for {made} {label}.")
