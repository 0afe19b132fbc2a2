"""`manage.py make_renditions`: make the image renditions that are missing.

Saving an article or author makes the renditions of a new image. Run this once after upgrading
(images uploaded before renditions existed have none, and pages show their originals), after
restoring media from elsewhere, or with `--force` after changing the rendition sizes.
"""

from django.core.management.base import BaseCommand

from articles import renditions
from articles.models import Article, Author

TARGETS = [
    (Article, "featured_image", "featured_image_renditions", renditions.PHOTO),
    (Author, "headshot", "headshot_renditions", renditions.HEADSHOT),
]


class Command(BaseCommand):
    help = "Make the missing renditions of featured images and headshots."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make every rendition again, not only missing ones.",
        )

    def handle(self, *args, force=False, **options):
        for model, field, record_field, plan in TARGETS:
            made = 0
            for instance in model.objects.exclude(**{field: ""}).iterator(chunk_size=100):
                made += renditions.refresh_renditions(
                    instance, field=field, record_field=record_field, plan=plan, force=force
                )
            label = model._meta.verbose_name_plural
            self.stdout.write(f"Made renditions for {made} {label}.")
