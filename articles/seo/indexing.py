"""What an article page says about itself to search engines and link previews, decided once.

`<link rel="canonical">`, `og:url`, `<meta name="robots">` and the JSON-LD `url`,
`mainEntityOfPage` and `isBasedOn` all come from `page_indexing`, so they cannot disagree.
"""

from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest


class IndexingPolicy(models.TextChoices):
    """How search engines should treat an article's page; matters most for cross-posts."""

    ORIGIN = (
        "origin",
        "Canonical to the original: search engines and shares are sent to the original URL "
        "(recommended for cross-posts)",
    )
    SELF = (
        "self",
        "Canonical here: search engines and shares are sent to this page, for pieces the "
        "newsroom may republish as its own (the credit line stays)",
    )
    NOINDEX = "noindex", "Keep this page out of search engines (noindex)"


@dataclass(frozen=True)
class PageIndexing:
    canonical_url: str
    # `content` of `<meta name="robots">`; empty means the default (index, follow).
    robots: str
    # The original a cross-post reproduces, for JSON-LD `isBasedOn`; empty for other articles.
    based_on_url: str

    @property
    def og_url(self) -> str:
        return self.canonical_url


def defers_to_origin(article) -> bool:
    """True when the page names the original, not itself, as the canonical copy."""
    return article.indexing == IndexingPolicy.ORIGIN and bool(article.public_origin_url)


def canonical_location(article) -> str:
    """The origin URL when the article defers to it; otherwise the article's own path."""
    return article.public_origin_url if defers_to_origin(article) else article.get_absolute_url()


def robots_directive(article, *, preview: bool = False) -> str:
    """A sign-off preview is never indexed nor followed; otherwise the article's policy."""
    if preview:
        return "noindex, nofollow"
    return "noindex" if article.indexing == IndexingPolicy.NOINDEX else ""


def page_indexing(article, *, request: HttpRequest, preview: bool = False) -> PageIndexing:
    """Everything the article's page says about its own address, as absolute URLs."""
    return PageIndexing(
        canonical_url=request.build_absolute_uri(canonical_location(article)),
        robots=robots_directive(article, preview=preview),
        based_on_url=article.public_origin_url,
    )
