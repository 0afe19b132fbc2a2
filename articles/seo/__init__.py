"""How pages describe themselves to search engines and social networks.

- `indexing`: canonical address and robots rules of a piece (cross-posts point to the origin).
- `social`: link-preview cards (Open Graph, X) that never carry a hidden spoiler.
- `structured_data`: JSON-LD (`NewsArticle`, `OpinionNewsArticle`, `Person`, `isBasedOn`).
- `head`: an article page's `<title>`, description, addresses and card together, as the page
  writes them and the change form previews them.
"""
