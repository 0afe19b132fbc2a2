"""`manage.py strip_image_metadata`: remove from stored originals what uploads are now stored
without.

An upload is stored without the place it was taken and what ties it to one person or camera
(`newsroom.photos.stripping`). Run this once after upgrading: originals uploaded before a release
that removes more still hold it. Every stored original of every image field of every model is
read (those of the rows, and those only kept revisions still name: a replaced or deleted image
is kept, public at its address, so that a revision can restore it) and put through the same
stripping as an upload; a file that changes is written back in place, under the same name, so
the pages, feeds and renditions that link to it keep their addresses. Nothing is deleted, and
renditions are left alone (they are encoded without any of it); a row that records its
file's size (a media kit item) is given the cleaned file's. A file missing from storage is
reported and passed over; one that cannot be cleaned is reported, kept as it is, and makes the
command fail once the rest are done. A second run finds nothing to do. `--dry-run` reports what
would change and writes nothing.
"""

import logging
import os
import shutil
import tempfile
from itertools import chain

import reversion
from django.apps import apps
from django.core.files.storage import Storage
from django.core.management.base import BaseCommand, CommandError
from django.db import models
from reversion.models import Version

from newsroom.photos.stripping import strip_location

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Remove location and identifying metadata from every stored original image."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report the files that would be cleaned; write nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        checked = cleaned = missing = failed = 0
        for storage, name in stored_originals():
            checked += 1
            try:
                if not storage.exists(name):
                    missing += 1
                    self.stderr.write(f"Missing {name}")
                    continue
                with storage.open(name, "rb") as file:
                    stripped = strip_location(file.read())
                if stripped is None:
                    continue
                if not dry_run:
                    write_in_place(storage, name, stripped)
                    record_size(name, len(stripped))
            except Exception as error:  # one file's trouble stops no other
                failed += 1
                self.stderr.write(f"Failed {name}: {error}")
                continue
            cleaned += 1
            self.stdout.write(f"{'Would clean' if dry_run else 'Cleaned'} {name}")
        done = "would clean" if dry_run else "cleaned"
        self.stdout.write(
            f"Checked {checked} images: {done} {cleaned}, missing {missing}, failed {failed}."
        )
        if failed:
            noun = "image" if failed == 1 else "images"
            raise CommandError(f"{failed} {noun} could not be cleaned.")


def image_fields() -> list[tuple[type[models.Model], models.ImageField]]:
    """Every image field of every installed model (photo fields, with or without renditions:
    the site's logo keeps none), in a fixed order."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ImageField)
    ]


def stored_originals():
    """(storage, name) of each stored original, each once however many rows and revisions name
    it: the rows' images, then those only revisions still name (a replaced or deleted image is
    kept, public at its address, so that a revision can restore it)."""
    fields = image_fields()
    named = chain(
        ((field, row_names(model, field)) for model, field in fields),
        ((field, revision_names(model, field)) for model, field in fields),
    )
    seen: set[tuple[int, str]] = set()
    for field, names in named:
        for name in names:
            if (id(field.storage), name) not in seen:
                seen.add((id(field.storage), name))
                yield field.storage, name


def row_names(model: type[models.Model], field: models.ImageField):
    """The names `field` holds in the rows of `model`."""
    names = (
        model._default_manager.exclude(**{field.name: ""})
        .exclude(**{f"{field.name}__isnull": True})
        .order_by("pk")
        .values_list(field.name, flat=True)
        .distinct()
    )
    return names.iterator(chunk_size=500)


def revision_names(model: type[models.Model], field: models.ImageField):
    """The names `field` holds in the kept revisions of `model`, deleted rows' included."""
    if not reversion.is_registered(model):
        return
    for version in Version.objects.get_for_model(model).order_by("pk").iterator(chunk_size=100):
        try:
            value = version.field_dict.get(field.attname)
        except Exception as error:  # one the current model cannot read, nor restore
            logger.warning("Revision %s of a %s cannot be read: %s", version.pk, model, error)
            continue
        name = getattr(value, "name", value)
        if name:
            yield name


def record_size(name: str, size: int) -> None:
    """Rows that record their file's size (a media kit item's, which journalists are shown)
    are given the cleaned file's; nothing else about them changed, so no receiver runs and
    their `updated_at` stays."""
    for model, field in image_fields():
        if any(column.name == "file_size" for column in model._meta.concrete_fields):
            model._default_manager.filter(**{field.name: name}).update(file_size=size)


def write_in_place(storage: Storage, name: str, data: bytes) -> None:
    """Replace the file `name` in `storage` with `data`, under the same name.

    `save()` would store it under a new name (neither storage overwrites). On local disk the new
    bytes are written beside the file and moved over it, so a reader never gets half a file,
    with the file's permissions; object storage (S3) replaces the object as a whole when the
    upload completes.
    """
    try:
        path = storage.path(name)
    except NotImplementedError:
        with storage.open(name, "wb") as file:
            file.write(data)
        return
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".stripping-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
