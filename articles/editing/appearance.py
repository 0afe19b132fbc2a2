"""How a piece will look outside the site: a search result, a shared card, an index card.

Everything comes from `articles.seo.head.article_head` (the page's `<title>`, description,
addresses and Open Graph / X card) and `articles.cards.render_card` (the news index's card), so a
preview cannot say something the page will not. The lengths below are where search engines and
networks cut a text: they measure in pixels, and these are the usual character counts.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from taggit.models import Tag

from articles.cards import render_card
from articles.seo.head import ArticleHead, article_head

SEARCH_TITLE_CHARS = 60
SEARCH_DESCRIPTION_CHARS = 160
# LinkedIn and Facebook: two lines of title, one of description; X: a longer description.
CARD_TITLE_CHARS = 70
CARD_DESCRIPTION_CHARS = 110
X_DESCRIPTION_CHARS = 200
# The card on the index sits under a preview's own heading (h3) in the checks panel.
INDEX_CARD_HEADING_LEVEL = 4


@dataclass(frozen=True)
class Shown:
    """A text as a search engine or network shows it: at most `limit` characters."""

    full: str
    limit: int

    @property
    def text(self) -> str:
        """Cut at the last whole word that fits, as search results and cards cut."""
        if not self.cut:
            return self.full
        fits = self.full[: self.limit]
        if " " in fits.strip():
            fits = fits[: fits.rstrip().rfind(" ")]
        return f"{fits.rstrip(' ,.;:–-')}…"

    @property
    def cut(self) -> bool:
        return len(self.full) > self.limit


@dataclass(frozen=True)
class Appearance:
    head: ArticleHead
    index_card: SafeString

    @property
    def in_search(self) -> bool:
        """False when the page asks search engines to leave it out."""
        return "noindex" not in self.head.indexing.robots

    @property
    def search_title(self) -> Shown:
        return Shown(self.head.title, SEARCH_TITLE_CHARS)

    @property
    def search_description(self) -> Shown:
        return Shown(self.head.description, SEARCH_DESCRIPTION_CHARS)

    @cached_property
    def search_address(self) -> str:
        """The canonical address as a result shows it: host, then each part of the path."""
        parts = urlsplit(self.head.indexing.canonical_url)
        return " › ".join([parts.hostname or "", *filter(None, parts.path.split("/"))])

    @property
    def card_title(self) -> Shown:
        return Shown(self.head.card.title, CARD_TITLE_CHARS)

    @property
    def card_description(self) -> Shown:
        return Shown(self.head.card.description, CARD_DESCRIPTION_CHARS)

    @property
    def x_description(self) -> Shown:
        return Shown(self.head.card.description, X_DESCRIPTION_CHARS)

    @property
    def card_domain(self) -> str:
        """The site a card names under its picture: the host of `og:url`."""
        return (urlsplit(self.head.card.url).hostname or "").removeprefix("www.")

    @property
    def large_x_card(self) -> bool:
        return self.head.card.twitter_card == "summary_large_image"


def appearance(
    article,
    *,
    request: HttpRequest,
    site_name: str,
    tags: list[Tag],
    draw_title_card: bool = False,
) -> Appearance:
    """`article` as search engines, networks and the news index will show it; a title card is
    drawn (and stored) only with `draw_title_card`, for the saved article."""
    return Appearance(
        head=article_head(
            article,
            request=request,
            site_name=site_name,
            tags=tags,
            draw_title_card=draw_title_card,
        ),
        index_card=render_card(article, heading_level=INDEX_CARD_HEADING_LEVEL),
    )
