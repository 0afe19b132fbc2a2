"""The newsroom's admin for articles and authors.

- `article`: the article form, its inlines and the list.
- `author`: authors.
- `topics`: taggit's tag form, with a topic's former addresses.
- `press`: press contacts (a release's own contacts and "About" paragraph are on its form).
- `media_kit`: a release's media kit inline on its form, and the press room's own kit.
- `paging`: the article list's pages far into the archive, their keys found first.
- `filters`: the article list's filters (status as editors think of it, tag, author).
- `workflow`: roles, publish checks, edit conflicts, presence, corrections and sign-off links.
- `restoring`: restoring an article's revision or recovering a deleted one: what the form keeps
  of the piece as it is now, and what it refuses.
- `crosspost`: the "Add cross-posted piece" pages: the paste form and the check step.
- `embargo`: journalists' pre-access links on the article's page, lifting an embargo, and the
  press list of journalists.
- `webhooks`: webhook endpoints (their secrets, state and recent deliveries) and the delivery
  log.
- `editing`: the change form's previews and checks, and the address that makes them again as
  the editor types.
- `alerts`: email alert subscribers (editors only): the list, export and erase.
- `autosave`: the editor's unsaved changes kept while they type, and restoring them.
- `pictures`: the picture picker the rich-text editor's "Insert figure" dialog opens.
- `topics`: tags, and merging them.
"""

from articles.admin import (  # noqa: F401  (importing registers them)
    alerts,
    article,
    author,
    media_kit,
    press,
    topics,
    webhooks,
)
