"""Link previews: the Open Graph and Twitter card tags of each public page.

A `SocialCard` holds what LinkedIn, X, Slack and the like show when someone shares a page; the
template `partials/social_meta.html` writes it out. An article's card carries its social-card
rendition (1200 by 630), its warnings before its description, and its dates, authors and tags.
Nothing here includes a spoiler passage: descriptions come from `meta_description`, and the
image's alt text is refused by the admin when it gives one away.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import to_locale

from articles.models import Article, Author
from articles.seo.structured_data import HEADSHOT_SIZE
from articles.spoilers import warned_description

# Below this width Twitter shows a small square card rather than a large picture.
LARGE_CARD_MIN_WIDTH = 600


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int | None
    height: int | None
    alt: str
    mime_type: str = ""


@dataclass(frozen=True)
class SocialCard:
    title: str
    description: str
    url: str
    type: str = "website"
    image: SocialImage | None = None
    # Further Open Graph properties, in order: article:published_time, article:author…
    properties: list[tuple[str, str]] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return to_locale(settings.LANGUAGE_CODE)

    @property
    def twitter_card(self) -> str:
        image = self.image
        if image and image.width and image.height and image.width >= LARGE_CARD_MIN_WIDTH:
            return "summary_large_image" if image.width > image.height else "summary"
        return "summary"


def _iso(moment) -> str:
    return moment.isoformat(timespec="seconds")


def article_card(article: Article, *, url: str, request: HttpRequest) -> SocialCard:
    """An article's card: og:type article, its social image, dates, authors, section and tags."""
    properties = []
    if article.published_at:
        properties += [
            ("article:published_time", _iso(article.published_at)),
            ("article:modified_time", _iso(article.date_modified)),
        ]
    properties += [
        ("article:author", request.build_absolute_uri(byline.author.get_absolute_url()))
        for byline in article.ordered_bylines
    ]
    properties.append(("article:section", article.kind_label))
    properties += [("article:tag", tag.name) for tag in article.tags.all()]
    return SocialCard(
        title=article.meta_title,
        description=warned_description(article),
        url=url,
        type="article",
        image=article_image(article, request=request),
        properties=properties,
    )


def article_image(article: Article, *, request: HttpRequest) -> SocialImage | None:
    if not article.featured_image:
        return None
    alt = article.featured_image_alt
    card = article.image.social
    if card is None:
        return SocialImage(
            url=request.build_absolute_uri(article.featured_image.url),
            width=article.featured_image_width,
            height=article.featured_image_height,
            alt=alt,
        )
    return SocialImage(
        url=request.build_absolute_uri(card.url),
        width=card.width,
        height=card.height,
        alt=alt,
        mime_type=card.mime_type,
    )


def author_card(author: Author, *, url: str, request: HttpRequest) -> SocialCard:
    """An author's page: og:type profile, with their square headshot."""
    image = None
    if author.headshot and (headshot := author.headshot_images.square(HEADSHOT_SIZE)):
        image = SocialImage(
            url=request.build_absolute_uri(headshot.url),
            width=headshot.width,
            height=headshot.height,
            alt=author.name,
            mime_type=headshot.mime_type,
        )
    description = author.bio or author.title_line
    return SocialCard(
        title=author.name, description=description, url=url, type="profile", image=image
    )
