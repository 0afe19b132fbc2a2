"""Link previews of the News section: the cards of articles and authors.

A card (`newsroom.social.SocialCard`) holds what LinkedIn, X, Slack and the like show when
someone shares a page. An article's card carries its social-card rendition (1200 by 630), its
warnings before its description, and its dates, authors and tags. Nothing here includes a spoiler
passage: descriptions come from `meta_description`, and the image's alt text is refused by the
admin when it gives one away.
"""

from django.http import HttpRequest
from taggit.models import Tag

from articles.models import Article, Author
from articles.seo.structured_data import headshot
from articles.spoilers import warned_description
from newsroom.dates import isodatetime
from newsroom.social import SocialCard


def article_card(
    article: Article, *, url: str, request: HttpRequest, tags: list[Tag] | None = None
) -> SocialCard:
    """An article's card: og:type article, its social image, dates, authors, section and tags
    (`tags`, when the caller has them loaded)."""
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
    tags = article.tags.all() if tags is None else tags
    properties += [("article:tag", tag.name) for tag in tags]
    image = article.image
    return SocialCard(
        title=article.meta_title,
        description=warned_description(article),
        url=url,
        type="article",
        image=image.absolute(request, image.social),
        image_alt=article.featured_image_alt,
        properties=properties,
    )


def author_card(author: Author, *, url: str, request: HttpRequest) -> SocialCard:
    """An author's page: og:type profile, with their square headshot."""
    return SocialCard(
        title=author.name,
        description=author.bio or author.title_line,
        url=url,
        type="profile",
        image=headshot(author, request=request),
        image_alt=author.name,
    )
