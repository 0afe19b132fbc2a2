"""A JPEG's Photoshop block (APP13) reduced to the IPTC datasets that credit a picture.

The block is "Photoshop 3.0\\0" and then image resources: a signature ("8BIM"), a 16-bit id,
a name (a length byte and that many bytes, padded to an even count), a 32-bit size and that
many bytes, padded to even. Resource 0x0404 holds IPTC's IIM datasets, each a tag marker
(0x1C), its record and number, a 16-bit length (its top bit set, the count of bytes of a longer
length that follows) and its value. A block too long for one segment goes on in the next, each
segment starting with the header again.

Kept, for journalists to credit the picture as its photographer asked: the caption (2:120),
by-line (2:80) and its title (2:85), credit line (2:110), source (2:115) and copyright notice
(2:116); the coded character set (1:90), so that UTF-8 text reads as UTF-8; and the two
records' versions (1:00, 2:00), which hold no text. Left out: everything else, the place the
picture was taken (city, sub-location, province/state, country and its code, the location
codes), the photographer's contact, keywords, the editors' and the tool's notes, and every
other resource (a thumbnail, paths, the IIM's digest, which would no longer match). A block
that cannot be read whole, to its last byte, keeps nothing: what it holds cannot be known.
"""

from collections.abc import Iterator

APP13 = 0xED
HEADER = b"Photoshop 3.0\x00"
SIGNATURES = (b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa")
IPTC = 0x0404
KEPT = frozenset(
    {(1, 0), (1, 90), (2, 0), (2, 80), (2, 85), (2, 110), (2, 115), (2, 116), (2, 120)}
)
# The versions and the character set say how to read the credits: alone, nothing is kept.
TEXTLESS = frozenset({(1, 0), (1, 90), (2, 0)})
RECORDS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 240})
# A segment's length field counts itself: at most 65,535 bytes, the header included.
MAX_SEGMENT = 0xFFFF


def credits_segment(payloads: list[bytes]) -> bytes:
    """The APP13 segment holding only the credit datasets of the Photoshop block whose
    segments' payloads are `payloads` (other APP13 segments ignored); b"" when it holds none
    or cannot be read whole."""
    block = b"".join(
        payload.removeprefix(HEADER) for payload in payloads if payload.startswith(HEADER)
    )
    try:
        iim = next((data for number, data in _resources(block) if number == IPTC), b"")
        kept = [(tag, whole) for tag, whole in _datasets(iim) if tag in KEPT]
    except (ValueError, IndexError):
        return b""
    if all(tag in TEXTLESS for tag, _ in kept):
        return b""
    data = b"".join(whole for _, whole in kept)
    resource = b"8BIM" + IPTC.to_bytes(2, "big") + b"\x00\x00" + len(data).to_bytes(4, "big")
    body = HEADER + resource + data + b"\x00" * (len(data) % 2)
    if len(body) + 2 > MAX_SEGMENT:
        return b""
    return bytes([0xFF, APP13]) + (len(body) + 2).to_bytes(2, "big") + body


def more_than_credits(resources: dict | None) -> bool:
    """Whether Photoshop's resources as Pillow reads them (`info["photoshop"]`) hold anything
    but the credit datasets, or IIM that cannot be read whole."""
    if not resources:
        return False
    if set(resources) != {IPTC} or not isinstance(resources[IPTC], bytes):
        return True
    try:
        return any(tag not in KEPT for tag, _ in _datasets(resources[IPTC]))
    except (ValueError, IndexError):
        return True


def _resources(block: bytes) -> Iterator[tuple[int, bytes]]:
    position = 0
    while position < len(block):
        if block[position : position + 4] not in SIGNATURES:
            raise ValueError("An image resource starts with its signature.")
        number = int.from_bytes(block[position + 4 : position + 6], "big")
        name_length = block[position + 6]
        position += 6 + ((name_length + 2) & ~1)
        start = position + 4
        size = int.from_bytes(block[position:start], "big")
        if start + size > len(block):
            raise ValueError("An image resource is longer than its block.")
        yield number, block[start : start + size]
        position = start + size + size % 2


def _datasets(iim: bytes) -> Iterator[tuple[tuple[int, int], bytes]]:
    """Each dataset's tag and its bytes, whole; padding with zeros at the end is allowed."""
    position = 0
    while position < len(iim):
        if iim[position] == 0 and not iim[position:].strip(b"\x00"):
            return
        if iim[position] != 0x1C or position + 5 > len(iim) or iim[position + 1] not in RECORDS:
            raise ValueError("An IIM dataset starts with its tag marker and a known record.")
        tag = (iim[position + 1], iim[position + 2])
        length = int.from_bytes(iim[position + 3 : position + 5], "big")
        start = position + 5
        if length & 0x8000:  # an extended dataset: its length is in the next bytes
            count = length & 0x7FFF
            if not 0 < count <= 4 or start + count > len(iim):
                raise ValueError("An extended IIM dataset's length is cut short.")
            length = int.from_bytes(iim[start : start + count], "big")
            start += count
        if start + length > len(iim):
            raise ValueError("An IIM dataset is longer than its resource.")
        yield tag, iim[position : start + length]
        position = start + length
