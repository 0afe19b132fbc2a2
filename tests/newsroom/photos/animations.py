"""Animated GIFs of any length, made in a moment: Pillow draws two frames, and the second is
repeated byte for byte, as a file of thousands of frames would hold them."""

import io

from PIL import Image


def _end_of_sub_blocks(data: bytes, position: int) -> int:
    while data[position]:
        position += 1 + data[position]
    return position + 1


def _colour_table_length(flags: int) -> int:
    return 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0


def _blocks(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each extension and picture block of the GIF `data`."""
    position, blocks = 13 + _colour_table_length(data[10]), []
    while data[position] != 0x3B:
        start = position
        if data[position] == 0x21:
            position = _end_of_sub_blocks(data, position + 2)
        else:
            position += 10 + _colour_table_length(data[position + 9])
            position = _end_of_sub_blocks(data, position + 1)
        blocks.append((start, position))
    return blocks


def animated_gif(frames: int, size: tuple[int, int]) -> bytes:
    """A GIF of `frames` frames of `size` pixels each, alternate colours compressing to little."""
    pictures = [Image.new("P", size, 1), Image.new("P", size, 2)]
    buffer = io.BytesIO()
    pictures[0].save(buffer, "GIF", save_all=True, append_images=pictures[1:], duration=40, loop=0)
    data = buffer.getvalue()
    blocks = _blocks(data)
    # The second frame: its graphic control extension and its picture, the last two blocks.
    second = data[blocks[-2][0] : blocks[-1][1]]
    return data[: blocks[-1][1]] + second * (frames - 2) + b";"
