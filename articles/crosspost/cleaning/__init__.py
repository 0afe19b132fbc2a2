"""Turning a piece pasted from LinkedIn, Medium, Substack or a newspaper site into clean HTML.

What a browser puts on the clipboard is the page, not the piece: the author's card, reaction
counts, "See more", "Like · Comment · Share", follower counts, hashtag trailers, redirect and
tracking links, images and markup of every kind. `clean_paste` (in `assembly`) keeps what the
author wrote and records every line it took out, so staff can check and put any back. The
pipeline:

- `html_blocks` or `text_blocks`: the paste as a flat list of `blocks.Block`s, one per line as
  a browser's innerText lays them out, its links cleaned by `links`, its bold, italic,
  superscripts and subscripts read by `marks`, Word's list paragraphs
  made lists by `word_lists`, how each numbered list counts read by `numbering`;
- `break_lines`: a formatted copy's paragraphs of lines parted by <br> read a line at a time,
  as a plain copy's are, and put back together after `structure`;
- `structure`: the platform's lines taken out (`chrome` tells them apart, one line at a time):
  the author's card above the piece, reactions, the page after it, the hashtags;
- `points`: lines opening with a bullet or a number made lists, in plain text and in a
  formatted copy's paragraphs alike (never in preformatted text's), and `blocks.join_lists`
  making one list of points parted only by blank lines;
- `front_matter`: the warning line (read by `warnings`), headline, kind label ("Op-ed:") and
  dek read off the top;
- `assembly`: the rest rendered and sanitised into a `CleanedPiece`, with the `report`'s lines
  and notes.

Pure functions of their input: no database, no network. The result is sanitised last by
`newsroom.richtext.sanitize_html`, the one sanitiser every stored body goes through.
"""

from .assembly import CleanedPiece, clean_paste
from .chrome import is_chrome
from .front_matter import split_kind_label
from .report import WHY, Removed, Report
from .text_blocks import html_from_text
from .warnings import FoundWarning, read_warning, warning_kind

__all__ = [
    "WHY",
    "CleanedPiece",
    "FoundWarning",
    "Removed",
    "Report",
    "clean_paste",
    "html_from_text",
    "is_chrome",
    "read_warning",
    "split_kind_label",
    "warning_kind",
]
