"""Link previews: what LinkedIn, X, Slack and the like show when someone shares a page.

A `SocialCard` holds a page's Open Graph and Twitter card tags; `meta_tags` writes them out
(the `{% social_meta %}` tag of every page's head). Site pages make theirs here; the News section
makes its articles' and authors' in `articles.seo.social`. A page without a picture of its own
shows the site's default image (`default_picture`), uploaded in the site settings.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from newsroom.photos.renditions import AbsoluteImage

if TYPE_CHECKING:
    from newsroom.models import SiteSettings

# Below this width Twitter shows a small square card rather than a large picture.
LARGE_CARD_MIN_WIDTH = 600


@dataclass(frozen=True)
class SocialCard:
    title: str
    description: str
    url: str
    type: str = "website"
    image: AbsoluteImage | None = None
    image_alt: str = ""
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


def meta_tags(card: SocialCard, *, site_name: str) -> SafeString:
    """The card's `<meta>` tags, one per line, as a page's head carries them.

    Written here rather than by a template: every page's head has a score of them, and a
    template resolving each value costs a page with nothing cached more than the rest of its
    head. Every value is escaped, as a template would.
    """

    def meta(attribute: str, name: str, value) -> str:
        return f'<meta {attribute}="{name}" content="{conditional_escape(value)}">'

    def og(name: str, value) -> str:
        return meta("property", f"og:{name}", value)

    image = card.image
    tags = [og("site_name", site_name), og("type", card.type), og("title", card.title)]
    if card.description:
        tags.append(og("description", card.description))
    tags += [og("url", card.url), og("locale", card.locale)]
    if image:
        tags.append(og("image", image.url))
        if image.mime_type:
            tags.append(og("image:type", image.mime_type))
        if image.width and image.height:
            tags += [og("image:width", image.width), og("image:height", image.height)]
        if card.image_alt:
            tags.append(og("image:alt", card.image_alt))
    tags += [meta("property", name, content) for name, content in card.properties]
    tags += [meta("name", "twitter:card", card.twitter_card)]
    tags += [meta("name", "twitter:title", card.title)]
    if card.description:
        tags.append(meta("name", "twitter:description", card.description))
    if image:
        tags.append(meta("name", "twitter:image", image.url))
        if card.image_alt:
            tags.append(meta("name", "twitter:image:alt", card.image_alt))
    return mark_safe("\n  ".join(tags) + "\n  \n")  # noqa: S308 (each value escaped above)


def default_picture(
    site_settings: "SiteSettings", *, request: HttpRequest
) -> tuple[AbsoluteImage | None, str]:
    """The site's default image for link previews (its 1200-by-630 card, the original until
    that is made) with its alt text; (None, "") when none was uploaded."""
    images = site_settings.default_images
    if not images:
        return None, ""
    return images.absolute(request, images.social), site_settings.default_image_alt
