"""How pages describe themselves to search engines and social networks.

- `indexing`: canonical address and robots rules of a piece (cross-posts point to the origin).
- `social`: link-preview cards (Open Graph, X) that never carry a hidden spoiler.
- `title_cards`: the task that draws a public piece's title card ahead of its readers.
- `structured_data`: JSON-LD (`NewsArticle`, `OpinionNewsArticle`, `Person`, `isBasedOn`).
- `head`: an article page's `<title>`, description, addresses and card together, as the page
  writes them and the change form previews them.
"""
