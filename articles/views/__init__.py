"""Public pages of the News section. Every query starts from `Article.objects.published()`.

- `mixins`: what the pages share, the head of the page and the listings' queryset, pages
  and spoiler preference.
- `listings`: the news index, author pages and tag pages.
- `detail`: an article's page, and its preview for a reviewer holding a link.
- `search`: search results.
"""

from articles.views.detail import ArticleDetailView, PreviewLinkView
from articles.views.listings import ArticleIndexView, AuthorArticlesView, TagArticlesView
from articles.views.search import SearchView

__all__ = [
    "ArticleDetailView",
    "ArticleIndexView",
    "AuthorArticlesView",
    "PreviewLinkView",
    "SearchView",
    "TagArticlesView",
]
