"""Link previews: what LinkedIn, X, Slack and the like show when someone shares a page.

A `SocialCard` holds a page's Open Graph and Twitter card tags; the template
`partials/social_meta.html` writes it out. Site pages make theirs here; the News section makes
its articles' and authors' in `articles.seo.social`. A page without a picture of its own shows
the site's default image (`default_picture`), uploaded in the site settings.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
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


def default_picture(
    site_settings: "SiteSettings", *, request: HttpRequest
) -> tuple[AbsoluteImage | None, str]:
    """The site's default image for link previews (its 1200-by-630 card, the original until
    that is made) with its alt text; (None, "") when none was uploaded."""
    images = site_settings.default_images
    if not images:
        return None, ""
    return images.absolute(request, images.social), site_settings.default_image_alt
