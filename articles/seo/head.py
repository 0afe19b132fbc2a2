"""What an article page's head says about the piece, gathered in one place: the text of its
`<title>`, its meta description, its addresses (`indexing`) and its link-preview card (`social`).

The article page writes these tags, and the change form's previews show them before the piece
runs, from the same functions: what an editor sees there is what search engines and networks get.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from taggit.models import Tag

from articles.seo.indexing import PageIndexing, page_indexing
from articles.seo.social import article_card
from newsroom.social import SocialCard


def page_title(article, *, site_name: str) -> str:
    """The article page's `<title>`: the link text of a search result."""
    return f"{article.meta_title} · {site_name}"


@dataclass(frozen=True)
class ArticleHead:
    title: str
    description: str
    indexing: PageIndexing
    card: SocialCard


def article_head(
    article,
    *,
    request: HttpRequest,
    site_name: str,
    tags: list[Tag] | None = None,
    draw_title_card: bool = True,
) -> ArticleHead:
    """Everything the page's head says about `article`, as its page writes it (a preview of
    unsaved text passes `draw_title_card=False`: it stores no picture)."""
    indexing = page_indexing(article, request=request)
    return ArticleHead(
        title=page_title(article, site_name=site_name),
        description=article.meta_description,
        indexing=indexing,
        card=article_card(
            article,
            url=indexing.og_url,
            request=request,
            tags=tags,
            draw_title_card=draw_title_card,
        ),
    )
