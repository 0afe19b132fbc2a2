"""Template helpers of the press room: what a press release shows at its end."""

from django import template

from articles.embargo import access
from articles.models import Article, PressContact
from articles.press.boilerplate import AboutSection, about_section
from articles.press.contacts import release_contacts
from articles.press.media_kit import Kit, release_kit
from articles.workflow import previews
from newsroom.models import SiteSettings

register = template.Library()


@register.simple_tag
def media_contacts(article: Article) -> list[PressContact]:
    """`{% media_contacts article as contacts %}`: whom to call about a press release (none for
    other kinds); whatever is being kept around them is retired when one of them changes."""
    return release_contacts(article)


@register.simple_tag(takes_context=True)
def about_section_of(context, article: Article) -> AboutSection | None:
    """`{% about_section_of article as about %}`: the "About" section a press release ends with."""
    site_settings = context.get("site_settings") or SiteSettings.current()
    return about_section(article, site_settings)


@register.simple_tag(takes_context=True)
def media_kit_of(context, article: Article) -> Kit:
    """`{% media_kit_of article as kit %}`: a release's media kit, its downloads at the public
    addresses, or under the link a journalist or a reviewer opened the page with."""
    preview = context.get("preview") or {}
    if (shared := preview.get("embargo")) is not None:
        return release_kit(article, under="embargoed", token=access.token_for(shared))
    if (reviewed := preview.get("link")) is not None:
        return release_kit(article, under="preview", token=previews.token_for(reviewed))
    return release_kit(article)
