"""The whole cleaning of a pasted piece, from clipboard to `CleanedPiece`."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsroom.dates import display_date
from newsroom.richtext import sanitize_html

from .blocks import Block, join_lists
from .break_lines import lines_of, paragraphs_of
from .front_matter import lines_in, take_front_matter
from .html_blocks import blocks_from_html
from .points import points_in_paragraphs
from .report import Removed, Report
from .structure import remove_chrome
from .text_blocks import blocks_from_text
from .warnings import FoundWarning


@dataclass
class CleanedPiece:
    body: str
    headline: str = ""
    # A subtitle shown under the headline (Medium's), a ready-made summary.
    dek: str = ""
    kind: str = ""
    warning: FoundWarning | None = None
    published_on: date | None = None
    notes: list[str] = field(default_factory=list)
    # Every line of the paste that is not in `body`, in the order they were removed.
    removed: list[Removed] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list, repr=False)

    def body_with(self, kept: Collection[int] = ()) -> str:
        """The body with the removed lines numbered in `kept` put back where they were."""
        parts = [(block.order, block.render()) for block in self.blocks]
        parts += [
            (line.order, line.html)
            for number, line in enumerate(self.removed)
            if number in kept and line.html
        ]
        parts.sort(key=lambda part: part[0])
        return sanitize_html("".join(html for _, html in parts))


def clean_paste(
    *,
    html: str = "",
    text: str = "",
    base_url: str = "",
    author_names: Sequence[str] = (),
    headline: str = "",
) -> CleanedPiece:
    """Clean a pasted piece: HTML from the clipboard when there is any, else plain text."""
    report = Report()
    if html.strip():
        blocks = lines_of(blocks_from_html(html, base_url=base_url, report=report))
        blocks, found_date, above = remove_chrome(blocks, author_names=author_names, report=report)
        lines_above = lines_in(blocks[:above]) if above is not None else None
        blocks = paragraphs_of(blocks, removed_at=[line.order for line in report.removed])
        blocks = points_in_paragraphs(blocks)
    else:
        blocks, found_date, lines_above = blocks_from_text(
            text, author_names=author_names, report=report
        )
    blocks = join_lists(blocks, removed_at=[line.order for line in report.removed])
    front = take_front_matter(
        blocks, headline=" ".join(headline.split()), lines_above_card=lines_above, report=report
    )
    if found_date:
        report.moved.append(
            f"Found the original date ({display_date(found_date)}) above the piece."
        )
    if front.warning and front.warning.subject_note:
        report.moved.append(front.warning.subject_note)
    return CleanedPiece(
        body=sanitize_html("".join(block.render() for block in blocks)),
        headline=front.headline,
        dek=front.dek,
        kind=front.kind,
        warning=front.warning,
        published_on=found_date,
        notes=report.notes(),
        removed=sorted(report.removed, key=lambda line: line.order),
        blocks=blocks,
    )
