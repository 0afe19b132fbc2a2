"""Writing aids of the article change form: how the piece will look outside, and how it reads.

- `appearance`: the piece as a search result, a shared card (LinkedIn, Facebook, X) and a card
  on the news index, made by the code that writes the real page's tags and the index's cards.
- `checks`: the checks panel: length, reading time, readability, titles and descriptions
  against what search engines and cards show, alt text, the link to the original of a
  cross-post, and the checks that block publishing.

Both take an article that may be unsaved (the admin builds one from the form as it is now, see
`articles.admin.editing`) and never save, cache or record anything.
"""
