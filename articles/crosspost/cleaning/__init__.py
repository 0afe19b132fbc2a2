"""Turning a piece pasted from LinkedIn, Medium or a newspaper site into clean article HTML.

What a browser puts on the clipboard is the page, not the piece: reaction counts, "See more",
"Like · Comment · Share", follower counts, hashtag trailers, redirect and tracking links, images
and markup of every kind. `clean_paste` (in `assembly`) keeps what the author wrote and reports
what it removed, so staff can check. The pipeline:

- `html_blocks` or `text_blocks`: the paste as a flat list of `blocks.Block`s, its links
  cleaned by `links`;
- `chrome`: the platform's lines dropped, the byline and date above the piece and the hashtags
  after it;
- `front_matter`: the warning line, headline, kind label ("Op-ed:") and dek read off the top;
- `assembly`: the rest rendered and sanitised into a `CleanedPiece`, with the `report`'s notes.

Pure functions of their input: no database, no network. The result is sanitised last by
`newsroom.richtext.sanitize_html`, the one sanitiser every stored body goes through.
"""

from .assembly import CleanedPiece, clean_paste
from .chrome import is_chrome
from .front_matter import parse_warning, split_kind_label
from .report import Report
from .text_blocks import blocks_from_lines

__all__ = [
    "CleanedPiece",
    "Report",
    "blocks_from_lines",
    "clean_paste",
    "is_chrome",
    "parse_warning",
    "split_kind_label",
]
