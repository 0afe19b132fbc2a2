"""`manage.py repair_photo_sizes`: record the upright width and height of photos recorded on
their side.

A photo stored on its side with an EXIF orientation that turns it upright (a phone's portrait
photo, stored landscape) records the size it is seen at (`UprightFieldFile`). One uploaded
before that records its stored size, sideways, and pages give its `<img>` a swapped width and
height. Run this once after upgrading: every photo field that records a width and height (an
article's featured image, a media kit picture, the site's logo and default image) has its stored
original read through the storage (local disk or S3), and where the row's size differs from the
upright one, the upright one is recorded and the pages that show it are retired, as a save would
retire them. Nothing else about the row changes, so no receiver runs and `updated_at` stays.

Rows are read a batch at a time by primary key (`--batch-size`), so any number of photos take
the memory of one batch. A file missing from storage or that is no picture is reported, its row
left as it is, and makes the command fail once the rest are done. A second run finds nothing to
do. `--dry-run` reports what would change and writes nothing.
"""

from collections.abc import Iterator

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models

from newsroom import pagecache
from newsroom.photos.fields import PhotoField, upright_size

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Record the upright width and height of every photo whose row has them sideways."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report the photos whose sizes would be repaired; write nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"How many rows to read at a time (default {BATCH_SIZE}).",
        )

    def handle(self, *args, dry_run=False, batch_size=BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        checked = repaired = missing = failed = 0
        for model, field in sized_photo_fields():
            for batch in batches(model, field, size=batch_size):
                retired: set[str] = set()
                for pk, name, *recorded in batch:
                    checked += 1
                    photo = f"{field.verbose_name} of {model._meta.verbose_name} {pk}"
                    try:
                        with field.storage.open(name, "rb") as file:
                            upright = upright_size(file)
                    except FileNotFoundError:
                        missing += 1
                        self.stderr.write(f"Missing {name} ({photo})")
                        continue
                    except Exception as error:  # one file's trouble stops no other
                        failed += 1
                        self.stderr.write(f"Failed {name} ({photo}): {error}")
                        continue
                    if tuple(recorded) == upright:
                        continue
                    if not dry_run:
                        retired |= record(model, field, pk=pk, name=name, size=upright)
                    repaired += 1
                    self.stdout.write(
                        f"{'Would repair' if dry_run else 'Repaired'} {photo} ({name}): "
                        f"{dimensions(*recorded)} → {dimensions(*upright)}"
                    )
                # Recorded with `update()`, which no signal tells the page cache of.
                pagecache.retire(retired)
        done = "would repair" if dry_run else "repaired"
        self.stdout.write(
            f"Checked {checked} photos: {done} {repaired}, missing {missing}, failed {failed}."
        )
        if missing + failed:
            noun = "photo" if missing + failed == 1 else "photos"
            raise CommandError(f"{missing + failed} {noun} could not be read.")


def sized_photo_fields() -> list[tuple[type[models.Model], PhotoField]]:
    """Every photo field that records its photo's width and height, in a fixed order."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, PhotoField) and field.width_field and field.height_field
    ]


def batches(model: type[models.Model], field: PhotoField, *, size: int) -> Iterator[list[tuple]]:
    """(primary key, name, recorded width, recorded height) of the rows of `model` with a photo
    in `field`, `size` rows at a time in the order of their primary keys; each batch is read
    after the one before is done, from where it ended."""
    photos = (
        model._base_manager.exclude(**{field.name: ""})
        .exclude(**{f"{field.name}__isnull": True})
        .order_by("pk")
        .values_list("pk", field.attname, field.width_field, field.height_field)
    )
    batch = list(photos[:size])
    while batch:
        yield batch
        if len(batch) < size:
            return
        batch = list(photos.filter(pk__gt=batch[-1][0])[:size])


def record(
    model: type[models.Model], field: PhotoField, *, pk, name: str, size: tuple[int, int]
) -> set[str]:
    """Record `size` as the width and height of the row `pk`'s photo, unless it has another
    photo by now; what the change retires."""
    width, height = size
    changed = model._base_manager.filter(pk=pk, **{field.attname: name}).update(
        **{field.width_field: width, field.height_field: height}
    )
    if not changed:
        return set()
    return pagecache.tags_of(model._base_manager.get(pk=pk))


def dimensions(width: int | None, height: int | None) -> str:
    return f"{width if width is not None else '?'} × {height if height is not None else '?'}"
