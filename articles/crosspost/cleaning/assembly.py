"""The whole cleaning of a pasted piece, from clipboard to `CleanedPiece`."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsroom.dates import display_date
from newsroom.richtext import sanitize_html

from .chrome import remove_chrome
from .front_matter import take_front_matter
from .html_blocks import blocks_from_html
from .report import Report
from .text_blocks import blocks_from_text


@dataclass
class CleanedPiece:
    body: str
    headline: str = ""
    # A subtitle shown under the headline (Medium's), a ready-made summary.
    dek: str = ""
    kind: str = ""
    warning: str = ""
    published_on: date | None = None
    notes: list[str] = field(default_factory=list)


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
        blocks = blocks_from_html(html, base_url=base_url, report=report)
        blocks, found_date = remove_chrome(blocks, author_names=author_names, report=report)
    else:
        blocks, found_date = blocks_from_text(text, author_names=author_names, report=report)
    headline, kind, warning, dek = take_front_matter(
        blocks, headline=" ".join(headline.split()), report=report
    )
    if found_date:
        report.moved.append(
            f"Found the original date ({display_date(found_date)}) above the piece."
        )
    body = sanitize_html("".join(block.render() for block in blocks))
    return CleanedPiece(
        body=body,
        headline=headline,
        dek=dek,
        kind=kind,
        warning=warning,
        published_on=found_date,
        notes=report.notes(),
    )
