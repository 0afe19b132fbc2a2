"""The read API at /api/v1/: published articles, their authors and topics, as JSON.

Public content only, read-only, built on Django REST framework with drf-spectacular for the
OpenAPI document. Every answer comes from the code the pages and feeds use, so the API cannot
disagree with them: `Article.objects.published()` decides what exists, `full_text` from the
feeds is the body, and the canonical address and origin are those of the page's `<link
rel="canonical">` and JSON-LD `isBasedOn`. Lists and details are reader pages of the page cache:
kept, answered with ETags and 304s, and retired by the same tags as the pages.

- `parameters`: the query parameters, each parsed once, a 400 naming any that is wrong.
- `pagination`: cursor pages, newest first (articles) or in the order added (authors, topics).
- `clients`: JSON whatever is asked for, a rate per client address, readable from any origin.
- `serializers`: what an article, author and topic look like in the API.
- `views`: the endpoints; `schema`: the OpenAPI document and its docs page; `urls`.
"""
