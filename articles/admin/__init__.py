"""The newsroom's admin for articles and authors.

- `article`: the article form, its inlines and the list.
- `author`: authors.
- `press`: press contacts (a release's own contacts and "About" paragraph are on its form).
- `filters`: the article list's filters (status as editors think of it, tag, author).
- `workflow`: roles, publish checks, edit conflicts, presence, corrections and sign-off links.
- `crosspost`: the "Add cross-posted piece" pages: the paste form and the check step.
- `embargo`: journalists' pre-access links on the article's page, lifting an embargo, and the
  press list of journalists.
- `editing`: the change form's previews and checks, and the address that makes them again as
  the editor types.
- `alerts`: email alert subscribers (editors only): the list, export and erase.
"""

from articles.admin import alerts, article, author, press  # noqa: F401  (importing registers them)
