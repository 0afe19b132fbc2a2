"""Link previews of the News section: the cards of articles and authors.

A card (`newsroom.social.SocialCard`) holds what LinkedIn, X, Slack and the like show when
someone shares a page. An article's card carries its social-card rendition (1200 by 630), its
warnings before its description, and its dates, authors and tags. Nothing here includes a spoiler
passage: descriptions come from `meta_description`, and the image's alt text is refused by the
admin when it gives one away.

A piece without a picture is shared with the site's default image, or, without one, with a
title card of its headline and the site's name (`newsroom.photos.cards`), made once per text:
by the task worker when the piece goes public or its headline changes (`title_cards`), else by
the first page that shows it.
"""

import logging

from django.http import HttpRequest
from taggit.models import Tag

from articles.cache_tags import article_tag
from articles.models import Article, Author
from articles.seo.structured_data import headshot
from articles.spoilers import warned_description
from newsroom import pagecache, theme
from newsroom.dates import isodatetime
from newsroom.models import SiteSettings
from newsroom.photos import cards
from newsroom.photos.renditions import AbsoluteImage, Rendition
from newsroom.social import SocialCard, default_picture

logger = logging.getLogger(__name__)


def article_card(
    article: Article,
    *,
    url: str,
    request: HttpRequest,
    tags: list[Tag] | None = None,
    site_settings: SiteSettings | None = None,
    draw_title_card: bool = True,
) -> SocialCard:
    """An article's card: og:type article, its social image, dates, authors, section and tags
    (`tags`, when the caller has them loaded). Without `draw_title_card`, a title card not yet
    stored is left out rather than drawn (previews of unsaved text draw nothing)."""
    properties = []
    if article.published_at:
        properties += [
            ("article:published_time", isodatetime(article.published_at)),
            ("article:modified_time", isodatetime(article.date_modified)),
        ]
    properties += [
        ("article:author", request.build_absolute_uri(byline.author.get_absolute_url()))
        for byline in article.ordered_bylines
    ]
    properties.append(("article:section", article.kind_label))
    tags = article.ordered_topics if tags is None else tags
    properties += [("article:tag", tag.name) for tag in tags]
    image, image_alt = article_picture(
        article,
        request=request,
        site_settings=site_settings or SiteSettings.current(),
        draw_title_card=draw_title_card,
    )
    return SocialCard(
        title=article.meta_title,
        description=warned_description(article),
        url=url,
        type="article",
        image=image,
        image_alt=image_alt,
        properties=properties,
    )


def article_picture(
    article: Article,
    *,
    request: HttpRequest,
    site_settings: SiteSettings,
    draw_title_card: bool = True,
) -> tuple[AbsoluteImage | None, str]:
    """What a shared piece shows, with its alt text: its own picture (with no alt text for a
    piece held behind its warning: `picture_words`); else the site's default image; else its
    title card."""
    if not shares_title_card(article, site_settings):
        if image := article.image:
            return image.absolute(request, image.social), article.picture_words.alt
        return default_picture(site_settings, request=request)
    card = title_card(article, site_name=site_settings.site_name, draw=draw_title_card)
    if card is None:
        return None, ""
    image = AbsoluteImage(
        url=request.build_absolute_uri(card.url),
        width=card.width,
        height=card.height,
        mime_type=card.mime_type,
        size=card.size,
    )
    return image, f"{article.headline} · {site_settings.site_name}"


def shares_title_card(article: Article, site_settings: SiteSettings) -> bool:
    """Whether the piece is shared with its title card: it has no picture of its own, and the
    site no default image."""
    return not article.image and not site_settings.default_image


def title_card(article: Article, *, site_name: str, draw: bool = True) -> Rendition | None:
    """The article's title card, stored the first time it is asked for; None (and the error
    logged) if it cannot be made, which leaves the page without a picture, never broken.

    Where it is stored is kept apart from the page: a change to the site retires every page,
    and each would otherwise ask the storage again.
    """
    card = cards.TitleCard(
        title=article.headline,
        site_name=site_name,
        palette=theme.TITLE_CARD,
        folder=f"articles/{article.pk}",
    )

    if not draw:
        size = None if article.pk is None else cards.stored_size(card.name)
        return None if size is None else cards.card_rendition(name=card.name, size=size)

    def store() -> dict:
        stored = cards.stored_card(card)
        return {"name": stored.name, "size": stored.size}

    try:
        found = pagecache.remember(f"title-card:{card.name}", store, tags=[article_tag(article.pk)])
    except Exception:
        logger.exception("Could not make the title card of article %s", article.pk)
        return None
    return cards.card_rendition(**found)


def author_card(
    author: Author,
    *,
    url: str,
    request: HttpRequest,
    site_settings: SiteSettings | None = None,
) -> SocialCard:
    """An author's page: og:type profile, with their square headshot (else the site's default
    image)."""
    image, image_alt = headshot(author, request=request), author.name
    if image is None:
        site_settings = site_settings or SiteSettings.current()
        image, image_alt = default_picture(site_settings, request=request)
    return SocialCard(
        title=author.name,
        description=author.bio or author.title_line,
        url=url,
        type="profile",
        image=image,
        image_alt=image_alt,
    )
