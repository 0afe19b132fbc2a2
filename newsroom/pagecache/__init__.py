"""The reader-page cache: whole pages for anonymous readers, kept fragments, and the content
generations that retire both when public content changes.

A sub-app with no models. It imports nothing from the apps that use it: they tell it what to
watch, when content goes public by itself, and which query parameters and cookies vary their
pages, from their `AppConfig.ready()`.

- `generations`: the content generation, `watch`, `on_schedule`, `remember` for derived values.
- `pages`: `reader_page`, the page keys and the headers a CDN reads.
- `templatetags/fragments.py`: `{% fragment %}`, parts of a page kept between changes.
"""

from newsroom.pagecache.generations import (
    CACHE_ERRORS,
    GENERATION_KEY,
    UNAVAILABLE,
    State,
    clear,
    content_changed,
    current_state,
    on_schedule,
    remember,
    remember_many,
    watch,
)
from newsroom.pagecache.pages import (
    is_private,
    page_number,
    reader_page,
    vary_on_cookies,
    vary_on_query,
)

__all__ = [
    "CACHE_ERRORS",
    "GENERATION_KEY",
    "UNAVAILABLE",
    "State",
    "clear",
    "content_changed",
    "current_state",
    "is_private",
    "on_schedule",
    "page_number",
    "reader_page",
    "remember",
    "remember_many",
    "vary_on_cookies",
    "vary_on_query",
    "watch",
]
