"""Credit and usage terms written into the JPEGs readers download, as XMP.

The packet holds the IPTC Photo Metadata properties picture desks read (Photoshop, Lightroom,
Photo Mechanic, exiftool, Google Images): the credit line (`photoshop:Credit`), the rights usage
terms (`xmpRights:UsageTerms`), the title, the caption (`dc:description`) and the alt text
(`Iptc4xmpCore:AltTextAccessibility`).

Pillow writes XMP only while it encodes a picture (`save(…, xmp=…)`), and an original must reach
its reader as it was uploaded, not encoded again; it cannot write IPTC's older IIM block at all.
So the packet is spliced into the file instead: after the JFIF and EXIF segments, in place of
any XMP the file carried, every other byte copied as it is. The splice reads the file as it
streams, so the download never holds a whole picture in memory, and its text is always the
item's as it is now, however long ago the file was uploaded.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from newsroom.photos.stripping import XMP_EXTENSION_HEADER, XMP_HEADER
from newsroom.text import strip_control_characters

SOI = b"\xff\xd8"
APP1 = 0xE1
# Application segments (JFIF, EXIF, ICC profiles, XMP…) come first; the packet follows them.
APPLICATION_MARKERS = range(0xE0, 0xF0)
# A segment's length field counts itself: at most 65,535 bytes, the header included.
MAX_SEGMENT = 0xFFFF

NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}


@dataclass(frozen=True)
class PhotoCredits:
    """What a downloaded picture says about itself."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    usage_terms: str = ""
    alt_text: str = ""


def _text(value: str) -> str:
    return escape(strip_control_characters(value or "").strip())


def _alternatives(prefix_name: str, value: str) -> str:
    """A language alternative with one default entry, as XMP gives titles and terms."""
    return (
        f'<{prefix_name}><rdf:Alt><rdf:li xml:lang="x-default">{_text(value)}</rdf:li>'
        f"</rdf:Alt></{prefix_name}>"
    )


def xmp_packet(credits: PhotoCredits) -> bytes:
    """An XMP packet of `credits` (empty values left out), as UTF-8."""
    properties = []
    if credits.title:
        properties.append(_alternatives("dc:title", credits.title))
    if credits.caption:
        properties.append(_alternatives("dc:description", credits.caption))
    if credits.credit:
        properties.append(f"<photoshop:Credit>{_text(credits.credit)}</photoshop:Credit>")
    if credits.usage_terms:
        properties.append(_alternatives("xmpRights:UsageTerms", credits.usage_terms))
    if credits.alt_text:
        properties.append(_alternatives("Iptc4xmpCore:AltTextAccessibility", credits.alt_text))
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {declarations}>{"".join(properties)}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def xmp_segment(packet: bytes) -> bytes:
    """`packet` as a JPEG APP1 segment; ValueError if it cannot fit in one."""
    body = XMP_HEADER + packet
    if len(body) + 2 > MAX_SEGMENT:
        raise ValueError("The XMP packet is too long for one JPEG segment.")
    return bytes([0xFF, APP1]) + (len(body) + 2).to_bytes(2, "big") + body


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


def jpeg_with_xmp(chunks: Iterable[bytes], packet: bytes) -> Iterator[bytes]:
    """The JPEG whose bytes `chunks` give, with `packet` as its only XMP.

    The packet goes after the application segments at the start of the file (so JFIF's and
    EXIF's stay first, where readers look for them); XMP segments the file had are left out.
    Anything that is not a JPEG comes out unchanged.
    """
    stream = _Stream(chunks)
    start = stream.take(2)
    yield start
    if start != SOI:
        yield from stream.rest()
        return
    segment = xmp_segment(packet)
    while True:
        head = stream.take(2)
        if len(head) < 2 or head[0] != 0xFF or head[1] not in APPLICATION_MARKERS:
            # The image's own segments begin (or the file is cut short): the packet goes here.
            yield segment + head
            break
        size = stream.take(2)
        body = stream.take(max(0, int.from_bytes(size, "big") - 2))
        if head[1] == APP1 and body.startswith((XMP_HEADER, XMP_EXTENSION_HEADER)):
            continue
        yield head + size + body
    yield from stream.rest()
