"""Media-kit files as readers download them: one file, or a whole kit as one ZIP, both streamed
from storage (local disk or S3, through Django's storage API) without holding a file in memory.

A JPEG carries its item's credit, usage terms, title, caption and alt text as XMP, written as it
streams (`newsroom.photos.metadata`); other files go out as stored. Every file is an attachment,
of the type its stored name says (which uploads were checked to be), with `nosniff`, under a
name made from the item's title (`KitFile.download_name`): no path, no line break, no quote
reaches a header or the ZIP's member names.

The ZIP is written by the standard library's `zipfile` to a stream that cannot seek, a chunk at
a time, each member followed by a data descriptor as every streaming ZIP writer does; members are
deflated at the fastest level, since a reader that unpacks a stream (Java's `ZipInputStream`)
refuses stored members with descriptors. It ends with `credits.txt`: each item's credit and terms,
for the files that carry no metadata of their own (PNG, PDF).

Each file is opened before anything of it goes out, so one missing from storage (deleted by hand,
lost in a move between buckets, not yet replicated) never breaks a download off half-way: alone,
it is a 404 no cache keeps, since it may be back any moment; in the ZIP, it is left out and
`credits.txt` says so. Either way a warning names the file.
"""

import io
import logging
import zipfile
from collections.abc import Iterable, Iterator

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from articles.models import Article, MediaKitItem
from articles.press.media_kit import (
    ORIGINAL,
    KitFile,
    credits_of,
    kit_file,
    release_items,
    safe_stem,
)
from newsroom import pagecache
from newsroom.photos.metadata import jpeg_with_xmp
from newsroom.text import strip_control_characters

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # no object storage installed
    STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    # S3 says a key is missing as a 404 (FileNotFoundError) or, to a reader who may not list
    # the bucket, a 403; a bucket that cannot be reached is no better.
    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
ZIP_LEVEL = 1
CREDITS_NAME = "credits.txt"
LEFT_OUT = "not in this ZIP: the file could not be read from storage"


class StoredFile:
    """A kit file opened in storage, its bytes as readers get them (a JPEG with the item's
    credits written in), a chunk at a time; closed with the response that sends it, whether or
    not it was read."""

    def __init__(self, kit: KitFile, opened):
        self.opened = opened
        chunks = opened.chunks(CHUNK_SIZE)
        self.chunks = jpeg_with_xmp(chunks, credits_of(kit.item)) if kit.is_jpeg else chunks

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.chunks)

    def close(self) -> None:
        self.opened.close()


def open_stored(kit: KitFile, storage) -> StoredFile | None:
    """The file open in storage, or None (with a warning naming it) when it cannot be."""
    try:
        return StoredFile(kit, storage.open(kit.name, "rb"))
    except STORAGE_ERRORS as error:
        logger.warning(
            "Media-kit file %s (item %s) could not be read from storage: %r",
            kit.name,
            kit.item.pk,
            error,
        )
        return None


def attachment(content: Iterable[bytes], *, content_type: str, name: str):
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_response(item: MediaKitItem, variant: str) -> StreamingHttpResponse:
    """One of the item's files as a download; 404 for a variant it does not have."""
    found = kit_file(item, variant)
    if found is None:
        raise Http404("This item has no such file.")
    stored = open_stored(found, item.file.storage)
    if stored is None:
        raise pagecache.NotFoundForNow("This file is missing from storage.")
    return attachment(stored, content_type=found.content_type, name=found.download_name)


def member_name(position: int, item: MediaKitItem) -> str:
    """The item's place in the ZIP: numbered in the kit's order, so no two names meet."""
    return f"{position:02d}-{kit_file(item, ORIGINAL).download_name}"


def credits_text(items: list[MediaKitItem], left_out: frozenset[int] = frozenset()) -> str:
    """What `credits.txt` says: each file with its credit and terms, and of the items whose pk
    is in `left_out`, that their file is not in the ZIP."""
    blocks = []
    for position, item in enumerate(items, start=1):
        name = member_name(position, item)
        if item.pk in left_out:
            name = f"{name} ({LEFT_OUT})"
        lines = [name, f"  {item.title}"]
        for label, value in (
            ("Caption", item.caption),
            ("Credit", item.credit),
            ("Usage terms", item.usage_terms),
        ):
            if value:
                lines.append(f"  {label}: {' '.join(value.split())}")
        blocks.append("\n".join(lines))
    return strip_control_characters("\n\n".join(blocks)) + "\n"


class _Sink(io.RawIOBase):
    """Where `zipfile` writes: bytes kept until the generator hands them on. It cannot seek,
    so `zipfile` writes each member's sizes after its data."""

    def __init__(self):
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        parts, self.parts = self.parts, []
        return b"".join(parts)


def zip_chunks(items: list[MediaKitItem]) -> Iterator[bytes]:
    """The items' originals and `credits.txt` as one ZIP, a chunk at a time; a file that cannot
    be read from storage is left out."""
    sink = _Sink()
    left_out = set()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for position, item in enumerate(items, start=1):
            stored = open_stored(kit_file(item, ORIGINAL), item.file.storage)
            if stored is None:
                left_out.add(item.pk)
                continue
            try:
                with archive.open(member_name(position, item), "w") as member:
                    for chunk in stored:
                        member.write(chunk)
                        if sink.parts:
                            yield sink.drain()
            finally:
                stored.close()
            if sink.parts:
                yield sink.drain()
        archive.writestr(CREDITS_NAME, credits_text(items, frozenset(left_out)))
    yield sink.drain()


def zip_response(items: list[MediaKitItem], *, name: str) -> StreamingHttpResponse:
    """The whole kit as one ZIP download named `name`; 404 for a kit with nothing in it."""
    if not items:
        raise Http404("This kit is empty.")
    return attachment(zip_chunks(items), content_type="application/zip", name=name)


def zip_name(text: str) -> str:
    """The ZIP's file name, from a release's slug or the organisation's name."""
    return f"{safe_stem(text, 'press')}-media-kit.zip"


def release_file_response(article_id: int, pk: int, variant: str) -> StreamingHttpResponse:
    """A file of the kit of the release `article_id`; 404 for an item of another piece, whatever
    number the address carries."""
    item = get_object_or_404(MediaKitItem, pk=pk, article_id=article_id)
    return file_response(item, variant)


def release_zip_response(article: Article) -> StreamingHttpResponse:
    """A release's whole kit as one ZIP named after the release."""
    return zip_response(release_items(article), name=zip_name(article.slug))
