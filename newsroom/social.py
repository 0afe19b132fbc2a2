"""Link previews: what LinkedIn, X, Slack and the like show when someone shares a page.

A `SocialCard` holds a page's Open Graph and Twitter card tags; the template
`partials/social_meta.html` writes it out. Site pages make theirs here; the News section makes
its articles' and authors' in `articles.seo.social`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import to_locale

from newsroom.photos.renditions import AbsoluteImage

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
