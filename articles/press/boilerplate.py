"""The "About <organisation>" section that ends every press release.

The paragraph is written once, in the site settings, with its own revision history; a release
can replace it with its own or leave it out. It is a section of the page only: not part of the
release's text, so the summary, link previews, feeds and search never quote it.
"""

from dataclasses import dataclass

from django.conf import settings

from articles.models import Article
from articles.press.contacts import is_release
from newsroom.models import SiteSettings


@dataclass(frozen=True)
class AboutSection:
    heading: str
    # Sanitised on save by `RichTextField`, as every rich text is.
    html: str


def about_heading() -> str:
    return f"About {settings.NEWSROOM_ORGANISATION}"


def site_about(site_settings: SiteSettings) -> AboutSection | None:
    """The organisation's own paragraph, as the press room shows it; None until it is written."""
    html = site_settings.boilerplate
    return AboutSection(heading=about_heading(), html=html) if html else None


def about_section(article: Article, site_settings: SiteSettings) -> AboutSection | None:
    """The section `article` ends with: its own paragraph, else the site's; None for a piece
    that is not a press release, that leaves it out, or when neither paragraph is written."""
    if not is_release(article) or article.omit_boilerplate:
        return None
    if article.boilerplate:
        return AboutSection(heading=about_heading(), html=article.boilerplate)
    return site_about(site_settings)
