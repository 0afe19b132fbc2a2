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
"""

import io
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
from newsroom.photos.metadata import jpeg_with_xmp, xmp_packet
from newsroom.text import strip_control_characters

CHUNK_SIZE = 64 * 1024
ZIP_LEVEL = 1
CREDITS_NAME = "credits.txt"


def file_chunks(kit: KitFile, storage) -> Iterator[bytes]:
    """The file's bytes as readers get them: a JPEG with the item's credits written in."""

    def stored() -> Iterator[bytes]:
        with storage.open(kit.name, "rb") as opened:
            yield from opened.chunks(CHUNK_SIZE)

    if kit.is_jpeg:
        return jpeg_with_xmp(stored(), xmp_packet(credits_of(kit.item)))
    return stored()


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
    return attachment(
        file_chunks(found, item.file.storage),
        content_type=found.content_type,
        name=found.download_name,
    )


def member_name(position: int, item: MediaKitItem) -> str:
    """The item's place in the ZIP: numbered in the kit's order, so no two names meet."""
    return f"{position:02d}-{kit_file(item, ORIGINAL).download_name}"


def credits_text(items: list[MediaKitItem]) -> str:
    """What `credits.txt` says: each file with its credit and terms."""
    blocks = []
    for position, item in enumerate(items, start=1):
        lines = [member_name(position, item), f"  {item.title}"]
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
    """The items' originals and `credits.txt` as one ZIP, a chunk at a time."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for position, item in enumerate(items, start=1):
            found = kit_file(item, ORIGINAL)
            with archive.open(member_name(position, item), "w") as member:
                for chunk in file_chunks(found, item.file.storage):
                    member.write(chunk)
                    if sink.parts:
                        yield sink.drain()
            if sink.parts:
                yield sink.drain()
        archive.writestr(CREDITS_NAME, credits_text(items))
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
