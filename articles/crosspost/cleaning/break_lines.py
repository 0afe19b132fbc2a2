"""A formatted copy's paragraphs read line by line, as a plain copy's are.

A post copied as one paragraph of lines parted by <br> holds the platform's lines among the
author's: the card on its first lines, the reaction bar on its last. `lines_of` makes each line
a block of its own, so that `structure` tells them apart line by line, as it does a plain
copy's; `paragraphs_of` puts the lines left back together, a line taken out between two
parting them. A paragraph whose markup runs across a break (bold over two lines) is left
whole, and so is preformatted text.
"""

import re
from collections.abc import Collection
from dataclasses import replace

from .blocks import Block

BREAK = "<br>"
_TAG = re.compile(r"<(/?)(\w+)\b[^>]*>")


def lines_of(blocks: list[Block]) -> list[Block]:
    """`blocks` with each paragraph of several lines made a block a line, each line's `group`
    naming its paragraph (from 1) and its `order` a thousandth after the line before."""
    lines: list[Block] = []
    for number, block in enumerate(blocks, start=1):
        pieces = block.html.split(BREAK)
        if (
            block.tag != "p"
            or block.preformatted
            or len(pieces) < 2
            or not all(piece.strip() and _whole(piece) for piece in pieces)
        ):
            lines.append(block)
            continue
        lines.extend(
            replace(block, html=piece, group=number, order=block.order + line / 1000)
            for line, piece in enumerate(pieces)
        )
    return lines


def paragraphs_of(lines: list[Block], *, removed_at: Collection[float]) -> list[Block]:
    """The lines `lines_of` made, each run of one paragraph's lines with nothing taken out
    between them (at an order in `removed_at`) made one paragraph again."""
    blocks: list[Block] = []
    previous: Block | None = None
    for line in lines:
        if (
            previous is not None
            and line.group
            and line.group == previous.group
            and not any(previous.order < at < line.order for at in removed_at)
        ):
            blocks[-1].html += BREAK + line.html
        else:
            blocks.append(replace(line, group=0))
        previous = line
    return blocks


def _whole(html: str) -> bool:
    """Whether every element opened in `html` is closed in it, and none closed it did not open."""
    open_tags: list[str] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags
