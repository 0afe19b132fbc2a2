"""The reader-page cache: whole pages for anonymous readers and kept fragments and values, each
retired exactly when something it shows changes in public, here and at the edge.

A sub-app with no models. It imports nothing from the apps that use it: they tell it, from their
`AppConfig.ready()`, what each change retires (`watch`), when content goes public by itself
(`on_schedule`), which query parameters and cookies vary their pages (and with which a page is
made afresh each time, `made_fresh_with`); their views and
templates say what each page shows (`shows`, `{% fragment … tags=… %}`).

- `tags`: the tags and the clock that retires entries by them; `shows`; `ADDRESSES`, the tag
  of a 404.
- `kept`: `remember`, `remember_many`, and the entries everything is kept as.
- `retiring`: `watch` and `retire`; `schedule`: scheduled publication without a job.
- `reads`: `keeping_reads` and `read_once`, what retire functions read kept for one save.
- `keys`: what a page is kept under, `vary_on_query`, `vary_on_cookies` (each value given to a
  `Normaliser`), `made_fresh_with`.
- `pages` and `middleware`: `reader_page` and kept pages served early;
  `not_kept`, an answer a view keeps out of every cache, and `NotFoundForNow`, a 404 the same;
  `reader_download`, files with a reader page's headers, kept by browsers and the edge only.
- `nearby`: kept pages also held in the worker's memory for a moment, hits with no round trip.
- `edge`: the surrogate-key header and purging an edge cache by tag (Varnish).
- `templatetags/fragments.py`: `{% fragment %}`, parts of a page kept between changes.
"""

from newsroom.pagecache.kept import clear, keeping, remember, remember_many
from newsroom.pagecache.keys import (
    Normaliser,
    made_fresh_with,
    page_number,
    query_as_asked,
    vary_on_cookies,
    vary_on_query,
)
from newsroom.pagecache.pages import (
    CACHE_STATUS_HEADER,
    NotFoundForNow,
    is_private,
    kept_until,
    not_kept,
    reader_download,
    reader_page,
)
from newsroom.pagecache.reads import keeping_reads, read_once
from newsroom.pagecache.retiring import retire, tags_of, watch
from newsroom.pagecache.schedule import next_publication, on_schedule
from newsroom.pagecache.tags import ADDRESSES, CACHE_ERRORS, shows

__all__ = [
    "ADDRESSES",
    "CACHE_ERRORS",
    "CACHE_STATUS_HEADER",
    "Normaliser",
    "NotFoundForNow",
    "clear",
    "is_private",
    "keeping",
    "keeping_reads",
    "kept_until",
    "made_fresh_with",
    "next_publication",
    "not_kept",
    "on_schedule",
    "page_number",
    "query_as_asked",
    "read_once",
    "reader_download",
    "reader_page",
    "remember",
    "remember_many",
    "retire",
    "shows",
    "tags_of",
    "vary_on_cookies",
    "vary_on_query",
    "watch",
]
