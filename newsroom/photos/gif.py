"""A GIF whose XMP gives no place or person (see `newsroom.photos.xmp`).

A GIF is a header, the screen's descriptor and colour table, then blocks: extensions (`!`, a
label, then sub-blocks each led by its length and ended by an empty one), pictures (`,`, their
descriptor and colour table, the LZW code size, then sub-blocks) and the trailer (`;`). XMP is
an application extension named "XMP DataXMP" whose packet is written as it is, not cut into
sub-blocks, followed by a 258-byte run (1, then 255 down to 0, then the block's end) that makes
a reader skipping sub-blocks from anywhere in the packet land on the block's end: the packet is
the block less that run. Blocks are copied byte for byte; the animation's loop count, frame
timings and comments are kept.
"""

from newsroom.photos.xmp import without_place_or_person

XMP_APPLICATION = b"\x0bXMP DataXMP"
XMP_RUN = 258
TRAILER = b";"


def gif_without_location(data: bytes) -> bytes | None:
    """`data` with an XMP packet that gives a place or a person reduced to its credits (or
    left out, with one that cannot be read), cut at its trailer; None when there is nothing
    to remove. A file cut short keeps its whole blocks and gains a trailer. Raises ValueError
    for a block no GIF holds."""
    if len(data) < 13:
        raise ValueError("A GIF's header is cut short.")
    position = 13 + _colour_table_length(data[10])
    parts, changed = [data[:position]], False
    while position < len(data):
        introducer = data[position]
        if introducer == TRAILER[0]:
            parts.append(TRAILER)
            position += 1
            break
        if introducer == 0x21:
            end = _end_of_sub_blocks(data, position + 2)
            kept = None if end is None else _xmp_kept(data, position, end)
            if kept is not None:
                parts.append(_xmp_block(kept) if kept else b"")
                position, changed = end, True
                continue
        elif introducer == 0x2C:
            descriptor_end = position + 10
            if descriptor_end > len(data):
                end = None
            else:
                # the colour table, then the LZW code size, then the picture's sub-blocks
                table_end = descriptor_end + _colour_table_length(data[position + 9])
                end = _end_of_sub_blocks(data, table_end + 1)
        else:
            raise ValueError("This is not a block a GIF holds.")
        if end is None:  # cut short: the part of a block it holds is left out
            parts.append(TRAILER)
            return b"".join(parts)
        parts.append(data[position:end])
        position = end
    else:
        parts.append(TRAILER)  # no trailer: every block was whole
        changed = True
    if position < len(data):
        changed = True  # bytes after the trailer, which no decoder reads
    return b"".join(parts) if changed else None


def _colour_table_length(flags: int) -> int:
    return 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0


def _end_of_sub_blocks(data: bytes, position: int) -> int | None:
    """Where the sub-blocks from `position` end, after their empty one; None when the file
    ends first."""
    while position < len(data):
        length = data[position]
        position += 1 + length
        if length == 0:
            return position
    return None


def _xmp_kept(data: bytes, start: int, end: int) -> bytes | None:
    """None when the extension block is not XMP or its packet tells nothing; otherwise what is
    kept of the packet (see `without_place_or_person`)."""
    if data[start + 1] != 0xFF or data[start + 2 : start + 14] != XMP_APPLICATION:
        return None
    packet = data[start + 14 : end - XMP_RUN]
    return without_place_or_person(packet)


def _xmp_block(packet: bytes) -> bytes:
    run = bytes([1, *range(255, -1, -1), 0])
    return b"\x21\xff" + XMP_APPLICATION + packet + run
