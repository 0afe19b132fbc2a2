"""The entries every feed format writes out, built once per feed from the articles in scope.

URLs are absolute; text is without control characters; spoiler passages are replaced and pieces
held behind their warning give the warning and a link instead of their text. `full_text`, the
piece as an entry carries it, is the read API's `body_html` too (`articles.api`).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from django.template.loader import render_to_string
from django.utils.functional import cached_property

from articles.feeds.scope import FeedScope
from articles.models import Article, Author
from articles.spoilers import warned_description
from newsroom.models import SiteSettings
from newsroom.photos.renditions import AbsoluteImage
from newsroom.spoiler_markup import strip_spoilers
from newsroom.text import strip_control_characters

AVATAR_SIZE = 192
SPOILER_PLACEHOLDER = "[spoiler]"


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str
    avatar: str = ""


@dataclass(frozen=True)
class FeedEntry:
    """One article as every feed format shows it; URLs are absolute."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    authors: list[FeedAuthor]
    tags: list[str]
    image: AbsoluteImage | None = None
    external_url: str = ""


@dataclass
class FeedContext:
    """A feed about to be written: the scope, the site's name and the request's address."""

    scope: FeedScope
    request: object
    settings: SiteSettings = field(default_factory=SiteSettings.current)

    @property
    def site_name(self) -> str:
        return strip_control_characters(self.settings.site_name)

    @property
    def title(self) -> str:
        return strip_control_characters(self.scope.title(self.site_name))

    @property
    def description(self) -> str:
        return strip_control_characters(self._description())

    def _description(self) -> str:
        scope = self.scope
        if scope.kind:
            return f"{scope.label} from {self.site_name}."
        if scope.author:
            title = f", {scope.author.title_line}" if scope.author.title_line else ""
            return f"Articles by {scope.author.name}{title}, from {self.site_name}."
        if scope.tag:
            return f"Articles about {scope.tag.name} from {self.site_name}."
        return (
            self.settings.news_description
            or self.settings.news_introduction
            or f"The newest articles from {self.site_name}."
        )

    def absolute(self, location: str) -> str:
        return self.request.build_absolute_uri(location)

    @cached_property
    def entries(self) -> list[FeedEntry]:
        return [self.entry(article) for article in self.scope.articles()]

    def entry(self, article: Article) -> FeedEntry:
        url = self.absolute(article.get_absolute_url())
        return FeedEntry(
            id=self.entry_id(article),
            url=url,
            title=strip_control_characters(f"{article.kind_label}: {article.headline}"),
            summary=strip_control_characters(warned_description(article)),
            content_html=self.content_html(article, url=url),
            published=article.published_at.replace(microsecond=0),
            updated=article.date_modified.replace(microsecond=0),
            authors=[self.author(byline.author) for byline in article.ordered_bylines],
            tags=[strip_control_characters(tag.name) for tag in article.ordered_topics],
            image=self.image(article),
            external_url=strip_control_characters(article.public_origin_url),
        )

    def author(self, author: Author) -> FeedAuthor:
        avatar = ""
        if author.headshot and author.headshot_images.ready:
            avatar = self.absolute(author.headshot_images.square_src(AVATAR_SIZE))
        return FeedAuthor(
            name=strip_control_characters(author.name),
            url=self.absolute(author.get_absolute_url()),
            avatar=avatar,
        )

    def image(self, article: Article) -> AbsoluteImage | None:
        """The featured image as a large rendition, with the byte count enclosures need."""
        image = article.image
        return image.absolute(self.request, image.feed_image)

    def entry_id(self, article: Article) -> str:
        """A tag URI that stays the same when the headline, slug or publication time change."""
        host = self.request.get_host().partition(":")[0]
        return f"tag:{host},{article.created_at:%Y-%m-%d}:article:{article.pk}"

    def content_html(self, article: Article, *, url: str) -> str:
        return full_text(article, url=url, site_name=self.site_name)


def full_text(article: Article, *, url: str, site_name: str) -> str:
    """The piece as every feed carries it, and the API too: its warnings first, then the
    introduction, the text and the credit line of a cross-post, spoiler passages replaced and
    links absolute; for a piece held behind its warning, a link to `url` instead of the text.

    The article's bylines and warnings are read from `ordered_bylines` and `ordered_warnings`.
    """
    held = article.holds_text_back
    html = render_to_string(
        "articles/feed_content.html",
        {
            "article": article,
            "url": url,
            "site_name": site_name,
            "held": held,
            "introduction": readable(article.introduction, url)
            if article.has_introduction and not held
            else "",
            "body": "" if held else readable(article.body, url),
        },
    )
    return strip_control_characters(html.strip())


def readable(html: str, base_url: str) -> str:
    """Stored rich text fit for a feed reader: spoilers replaced, links absolute."""
    stripped = strip_spoilers(html, placeholder=SPOILER_PLACEHOLDER, stored=True)
    return absolute_links(stripped, base_url)


_HREF = re.compile(r'\s(href|src)="([^"]*)"')


def absolute_links(html: str, base_url: str) -> str:
    """Sanitised HTML with every link and picture address made absolute against `base_url`.

    Sanitised rich text always quotes attribute values with double quotes, so a pattern is
    enough to find them.
    """
    return _HREF.sub(lambda match: f' {match.group(1)}="{urljoin(base_url, match.group(2))}"', html)
