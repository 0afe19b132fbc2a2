"""What uploads are stored without: the place they were taken, and who took them with what.

Phones write where a photo was taken into its EXIF (the GPS directory) and often repeat it in an
XMP packet; cameras add their owner's name and their serial numbers, which tie a picture to one
person; photo desks' tools write the photographer's contact and the city into IPTC and
XMP, and tag the people in the picture. All are removed from uploads before they are stored
(an XMP packet that holds any, and a JPEG's Photoshop block, where IPTC lives, keep only what
credits the picture: see `newsroom.photos.xmp` and `newsroom.photos.iptc`); the rest of the
metadata, the orientation above all, is kept, and the pixels are not re-encoded unless the
file cannot be rewritten otherwise.
"""

import io
import zlib

from PIL import ExifTags, Image, ImageSequence

from newsroom.photos.gif import gif_without_location
from newsroom.photos.iptc import APP13, credits_segment, more_than_credits
from newsroom.photos.xmp import (
    XMP_EXTENSION_HEADER,
    XMP_HEADER,
    without_place_or_person,
    xmp_segment,
)

# Pillow's names for the formats a file is written back in.
FORMAT_NAMES = {"MPO": "JPEG"}

GPS_IFD = ExifTags.IFD.GPSInfo
EXIF_IFD = ExifTags.IFD.Exif
# EXIF tags that tie a picture to one person or one camera: who owns or used it, the body's and
# the lens's serial numbers, the picture's own unique id, the computer it was edited on, and
# the maker's private block (where Canon, Nikon and Sony repeat the serial number). Removed
# from the first directory and the Exif directory alike, wherever a camera wrote them. Kept:
# the orientation (renditions are turned by it), make and model, exposure, dates and the
# copyright notice; the colour profile is a segment of its own and is kept too.
IDENTIFYING_TAGS = (
    ExifTags.Base.Artist,
    ExifTags.Base.XPAuthor,
    ExifTags.Base.HostComputer,
    ExifTags.Base.CameraOwnerName,
    ExifTags.Base.BodySerialNumber,
    ExifTags.Base.CameraSerialNumber,
    ExifTags.Base.LensSerialNumber,
    ExifTags.Base.ImageUniqueID,
    ExifTags.Base.MakerNote,
)
MPF_HEADER = b"MPF\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def strip_location(data: bytes) -> bytes | None:
    """`data` (a JPEG, PNG, WebP or GIF file) without location metadata and identifying tags;
    None when it has none.

    GIF files carry no EXIF: only an XMP packet that gives a place or a person is left out
    (see `newsroom.photos.gif`). The result is read back with Pillow: a
    file that still gives a location or an identifying tag (metadata laid out in a way the
    rewriting missed), or that cannot be rewritten at all, is encoded again from its pixels
    (see `_encoded_again`).
    """
    try:
        cleaned = _rewritten(data)
    except (ValueError, IndexError):  # laid out in a way the rewriting cannot follow
        cleaned, found = None, True
    else:
        found = _location_in(data if cleaned is None else cleaned)
    if found is False or (found is None and cleaned is None):
        return cleaned  # nothing left; or no picture Pillow reads, which the checks refuse
    encoded = _encoded_again(data)
    if encoded is None:
        raise ValueError("This image's location or camera serial cannot be removed.")
    return encoded


def _rewritten(data: bytes) -> bytes | None:
    if data.startswith(b"\xff\xd8"):
        return _jpeg_without_location(data)
    if data.startswith(PNG_SIGNATURE):
        return _png_without_location(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_without_location(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return gif_without_location(data)
    return None


def _location_in(data: bytes) -> bool | None:
    """Whether Pillow finds a GPS directory, an identifying tag or Photoshop's resources beyond
    IPTC's credits in any picture of `data`; None when it cannot read `data`.

    Only a multi-picture JPEG's pictures each have metadata of their own. An animation's
    (a GIF's, a PNG's, a WebP's) is the file's, read with its first frame: going to each
    further frame decodes the one before it, minutes for thousands of large frames."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            frames = ImageSequence.Iterator(opened) if opened.format == "MPO" else [opened]
            return any(
                _exif_tells(frame.getexif()) or more_than_credits(frame.info.get("photoshop"))
                for frame in frames
            )
    except Exception:
        return None


def _exif_tells(exif: Image.Exif) -> bool:
    directories = (exif, exif.get_ifd(EXIF_IFD))
    return bool(exif.get_ifd(GPS_IFD)) or any(
        tag in directory for directory in directories for tag in IDENTIFYING_TAGS
    )


def _encoded_again(data: bytes) -> bytes | None:
    """The first picture of `data` encoded again in its own format with no metadata but its
    orientation and colour profile; None when Pillow cannot read it (the upload's checks
    refuse such a file)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image_format = FORMAT_NAMES.get(opened.format, opened.format)
            orientation = _orientation_of(opened.getexif())
            profile = opened.info.get("icc_profile")
            opened.seek(0)
            picture = opened.copy()
    except Exception:
        return None
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    options = {"exif": exif.tobytes()}
    if profile:
        options["icc_profile"] = profile
    if image_format == "JPEG":
        options["quality"] = 95
    elif image_format == "WEBP":
        options["lossless"] = True
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _exif_without_location(tiff: bytes) -> bytes | None:
    """EXIF data (TIFF layout, without the "Exif" header) minus its GPS directory and the
    tags that identify a camera or its owner (`IDENTIFYING_TAGS`), or None when there is
    nothing to remove."""
    exif = Image.Exif()
    try:
        exif.load(tiff)
        directories = [exif, exif.get_ifd(EXIF_IFD)]
        found = [
            (directory, tag)
            for directory in directories
            for tag in IDENTIFYING_TAGS
            if tag in directory
        ]
        if GPS_IFD not in exif and not found:
            return None
        exif.pop(GPS_IFD, None)
        for directory, tag in found:
            del directory[tag]
        rewritten = exif.tobytes()
    except Exception:
        # EXIF that Pillow cannot read or rewrite: keep only the orientation.
        orientation = _orientation_of(exif)
        exif = Image.Exif()
        if orientation:
            exif[ExifTags.Base.Orientation] = orientation
        rewritten = exif.tobytes()
    return rewritten.removeprefix(b"Exif\x00\x00")


def _orientation_of(exif: Image.Exif) -> int | None:
    try:
        return exif.get(ExifTags.Base.Orientation)
    except Exception:
        return None


def _jpeg_without_location(data: bytes) -> bytes | None:
    """The first picture of `data` with its metadata segments rewritten; its image data is
    copied byte for byte.

    Segments are read as decoders read them: fill bytes (0xFF) before a marker and stray bytes
    between segments are skipped (and left out), and every scan's entropy-coded data is
    followed to the marker after it, so no segment is passed over unread. Whatever follows the
    picture's end is left out: the further pictures of a phone's multi-picture JPEG (an HDR
    gain map, a depth map; each has its own EXIF, GPS included) and anything appended after it
    (a motion photo's video). Pages and renditions show the first picture only, and dropping
    the rest is the one way to be sure none of it says where the photo was taken; the index of
    those pictures (the MPF segment) goes with them. Photoshop's segments (APP13) give way to
    one holding only IPTC's credits (see `newsroom.photos.iptc`), where the first of them was.
    """
    parts, position, changed = [data[:2]], 2, False
    photoshop, photoshop_at = [], None
    while position < len(data):
        if data[position] != 0xFF:  # stray bytes before a marker: decoders skip them
            found = data.find(b"\xff", position)
            position, changed = (len(data) if found < 0 else found), True
            continue
        if position + 1 >= len(data):
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position, changed = position + 1, True
            continue
        if marker == 0xD9:  # end of image
            parts.append(data[position : position + 2])
            position += 2
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            parts.append(data[position : position + 2])
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if length < 2:
            raise ValueError("A JPEG segment's length is less than its own.")
        end = position + 2 + length
        if end > len(data):  # a file cut short: the part of a segment it holds is left out
            position, changed = len(data), True
            break
        segment, payload = data[position:end], data[position + 4 : end]
        if marker == 0xDA:  # start of scan: its header, then image data up to the next marker
            end = _end_of_scan(data, end)
            segment = data[position:end]
        elif marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            exif = _exif_without_location(payload[6:])
            if exif is not None:
                body = b"Exif\x00\x00" + exif
                segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
                changed = True
        elif marker == 0xE1 and payload.startswith(XMP_HEADER):
            kept = without_place_or_person(payload.removeprefix(XMP_HEADER))
            if kept is not None:
                segment, changed = (xmp_segment(kept) if kept else b""), True
        elif marker == APP13:
            photoshop.append(segment)
            photoshop_at = len(parts) if photoshop_at is None else photoshop_at
            segment = b""
        elif _left_out(marker, payload):
            segment, changed = b"", True
        parts.append(segment)
        position = end
    if photoshop:
        parts[photoshop_at] = credits_segment([piece[4:] for piece in photoshop])
        changed = changed or parts[photoshop_at] != b"".join(photoshop)
    if position < len(data):
        changed = True
    return b"".join(parts) if changed else None


def _left_out(marker: int, payload: bytes) -> bool:
    """Extended XMP, and the index of the further pictures (which are left out)."""
    if marker == 0xE1 and payload.startswith(XMP_EXTENSION_HEADER):
        return True  # a piece of a packet too long for one segment: it cannot be read alone
    return marker == 0xE2 and payload.startswith(MPF_HEADER)


def _end_of_scan(data: bytes, position: int) -> int:
    """Where the entropy-coded data from `position` ends: at the first marker that is neither
    a stuffed 0xFF (0xFF00), a restart marker nor a fill byte."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _png_without_location(data: bytes) -> bytes | None:
    parts, position, changed = [PNG_SIGNATURE], len(PNG_SIGNATURE), False
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        chunk = data[position : position + 12 + length]
        body = chunk[8:-4]
        if chunk_type == b"eXIf":
            exif = _exif_without_location(body)
            if exif is not None:
                chunk, changed = _png_chunk(b"eXIf", exif), True
        elif chunk_type in (b"iTXt", b"tEXt", b"zTXt"):
            kept = _png_text_kept(chunk_type, body)
            if kept is not None:
                chunk, changed = (_png_chunk(b"iTXt", XMP_ITXT + kept) if kept else b""), True
        parts.append(chunk)
        position += 12 + length
        if chunk_type == b"IEND":
            break
    parts.append(data[position:])
    return b"".join(parts) if changed else None


def _png_chunk(chunk_type: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + chunk_type + body + crc


# An uncompressed XMP text chunk: the keyword, no compression, no language or translation.
XMP_ITXT = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00"


def _png_text_kept(chunk_type: bytes, body: bytes) -> bytes | None:
    """None when the text chunk is kept as it is; otherwise what is kept of its XMP packet,
    b"" for nothing (see `without_place_or_person`). EXIF kept as text by some tools is
    dropped."""
    keyword, _, rest = body.partition(b"\x00")
    if keyword.lower().startswith(b"raw profile type"):
        return b""  # EXIF or APP1 data stored as hex text: cannot be edited, only dropped
    if keyword != b"XML:com.adobe.xmp":
        return None
    if chunk_type == b"iTXt":
        compressed = rest[:1] == b"\x01"
        # compression flag and method, then language tag and translated keyword
        text = rest[2:].split(b"\x00", 2)[-1]
        rest = _inflate(text) if compressed else text
    elif chunk_type == b"zTXt":
        rest = _inflate(rest[1:])
    return without_place_or_person(rest)


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(data, 10_000_000)
    except zlib.error:
        return b""  # unreadable: an empty packet is one that cannot be read, so it is dropped


def _webp_without_location(data: bytes) -> bytes | None:
    chunks, position, changed = [], 12, False
    while position + 8 <= len(data):
        fourcc = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        body = data[position + 8 : position + 8 + size]
        position += 8 + size + (size % 2)
        if fourcc == b"EXIF":
            header = b"Exif\x00\x00" if body.startswith(b"Exif\x00\x00") else b""
            exif = _exif_without_location(body.removeprefix(b"Exif\x00\x00"))
            if exif is not None:
                body, changed = header + exif, True
        elif fourcc == b"XMP " and (kept := without_place_or_person(body)) is not None:
            changed = True
            if kept:
                body = kept
            else:
                chunks = [_webp_without_flag(chunk, XMP_FLAG) for chunk in chunks]
                continue
        chunks.append((fourcc, body))
    if not changed:
        return None
    payload = b"WEBP" + b"".join(
        fourcc + len(body).to_bytes(4, "little") + body + b"\x00" * (len(body) % 2)
        for fourcc, body in chunks
    )
    return b"RIFF" + len(payload).to_bytes(4, "little") + payload


XMP_FLAG = 0x04


def _webp_without_flag(chunk: tuple[bytes, bytes], flag: int) -> tuple[bytes, bytes]:
    """The VP8X header with one feature flag cleared (other chunks unchanged)."""
    fourcc, body = chunk
    if fourcc != b"VP8X" or not body:
        return chunk
    return fourcc, bytes([body[0] & ~flag]) + body[1:]
