"""Credit and usage terms written into the JPEGs readers download, as XMP.

The packet holds the IPTC Photo Metadata properties picture desks read (Photoshop, Lightroom,
Photo Mechanic, exiftool, Google Images): the credit line (`photoshop:Credit`), the rights usage
terms (`xmpRights:UsageTerms`), the title, the caption (`dc:description`) and the alt text
(`Iptc4xmpCore:AltTextAccessibility`); and, from the file's own packet, what credits the
picture and the item does not say (the photographer's name, copyright notice, source and job
title, and its caption or credit line when the item has none), as they stay in its IPTC.

Pillow writes XMP only while it encodes a picture (`save(…, xmp=…)`), and an original must reach
its reader as it was uploaded, not encoded again; it cannot write IPTC's older IIM block at all.
So the packet is spliced into the file instead: after the JFIF and EXIF segments, in place of
any XMP the file carried, every other byte copied as it is. The splice reads the file as it
streams, so the download never holds a whole picture in memory, and its text is always the
item's as it is now, however long ago the file was uploaded.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsroom.photos.xmp import (
    APP1,
    DC,
    PHOTOSHOP,
    XMP_EXTENSION_HEADER,
    XMP_HEADER,
    alternatives,
    credit_properties,
    packet_of,
    text,
    xmp_segment,
)

SOI = b"\xff\xd8"
# Application segments (JFIF, EXIF, ICC profiles, XMP…) come first; the packet follows them.
APPLICATION_MARKERS = range(0xE0, 0xF0)


@dataclass(frozen=True)
class PhotoCredits:
    """What a downloaded picture says about itself."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    usage_terms: str = ""
    alt_text: str = ""


def _alternatives(prefix_name: str, value: str) -> str:
    """A language alternative with one default entry, as XMP gives titles and terms."""
    return alternatives(prefix_name, [("x-default", text(value))])


def xmp_packet(credits: PhotoCredits, own: bytes = b"") -> bytes:
    """An XMP packet of `credits` (empty values left out), as UTF-8, with the credits of the
    file's own packet `own` that they do not give."""
    from_file = credit_properties(own) if own else {}
    if credits.caption:
        from_file.pop((DC, "description"), None)
    if credits.credit:
        from_file.pop((PHOTOSHOP, "Credit"), None)
    properties = list(from_file.values())
    if credits.title:
        properties.append(_alternatives("dc:title", credits.title))
    if credits.caption:
        properties.append(_alternatives("dc:description", credits.caption))
    if credits.credit:
        properties.append(f"<photoshop:Credit>{text(credits.credit)}</photoshop:Credit>")
    if credits.usage_terms:
        properties.append(_alternatives("xmpRights:UsageTerms", credits.usage_terms))
    if credits.alt_text:
        properties.append(_alternatives("Iptc4xmpCore:AltTextAccessibility", credits.alt_text))
    return packet_of(properties)


class _Stream:
    """Bytes from an iterable of chunks, read by exact counts."""

    def __init__(self, chunks: Iterable[bytes]):
        self.chunks = iter(chunks)
        self.buffer = b""

    def take(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer += chunk
        taken, self.buffer = self.buffer[:count], self.buffer[count:]
        return taken

    def rest(self) -> Iterator[bytes]:
        if self.buffer:
            yield self.buffer
            self.buffer = b""
        yield from self.chunks


def jpeg_with_xmp(chunks: Iterable[bytes], credits: PhotoCredits) -> Iterator[bytes]:
    """The JPEG whose bytes `chunks` give, with the packet of `credits` as its only XMP.

    The packet goes after the application segments at the start of the file (so JFIF's and
    EXIF's stay first, where readers look for them); XMP segments the file had are left out,
    the credits of its packet written into the new one (see `xmp_packet`). Anything that is
    not a JPEG comes out unchanged.
    """
    stream = _Stream(chunks)
    start = stream.take(2)
    yield start
    if start != SOI:
        yield from stream.rest()
        return
    own = b""
    while True:
        head = stream.take(2)
        if len(head) < 2 or head[0] != 0xFF or head[1] not in APPLICATION_MARKERS:
            # The image's own segments begin (or the file is cut short): the packet goes here.
            yield _segment(credits, own) + head
            break
        size = stream.take(2)
        body = stream.take(max(0, int.from_bytes(size, "big") - 2))
        if head[1] == APP1 and body.startswith((XMP_HEADER, XMP_EXTENSION_HEADER)):
            if not own and body.startswith(XMP_HEADER):
                own = body.removeprefix(XMP_HEADER)
            continue
        yield head + size + body
    yield from stream.rest()


def _segment(credits: PhotoCredits, own: bytes) -> bytes:
    """The segment of `credits` with the file's own (`own`); of `credits` alone when both
    cannot fit in one."""
    try:
        return xmp_segment(xmp_packet(credits, own))
    except ValueError:
        return xmp_segment(xmp_packet(credits))
