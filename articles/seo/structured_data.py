"""Structured data (schema.org JSON-LD) describing the site's pages to search engines.

`article_json_ld` describes an article (its type by kind, images, dates, every author as a
`Person`, the publisher, the original of a cross-post); `breadcrumbs` the page's place in the
site; `author_page_json_ld` an author's profile page; `organization_json_ld` and
`website_json_ld` (with its `SearchAction`) the newsroom itself, on the news index and, with
its media contacts as `ContactPoint`s, on the press room and press releases. Each builds a
plain dict; `json_ld_script` serialises one into a `<script type="application/ld+json">` element
that no text inside can break out of. Addresses come from `articles.seo.indexing`, so `url` and
`mainEntityOfPage` always match the canonical link.

Descriptions are `meta_description` and the author's bio, never a spoiler passage.
"""

import json
from collections.abc import Sequence

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag

from articles.crosspost import origins
from articles.models import Article, ArticleKind, Author, PressContact, dialling_number
from articles.seo.indexing import page_indexing
from newsroom.addresses import address
from newsroom.dates import isodatetime
from newsroom.models import SiteSettings
from newsroom.photos.renditions import AbsoluteImage, Renditions

SCHEMA_CONTEXT = "https://schema.org"

# The schema.org type of each kind of article, in one place. Op-eds are opinion; everything
# else the newsroom publishes is reported news or the company's own announcement.
SCHEMA_TYPES: dict[str, str] = {
    ArticleKind.NEWS: "NewsArticle",
    ArticleKind.OP_ED: "OpinionNewsArticle",
    ArticleKind.PRESS_RELEASE: "NewsArticle",
    ArticleKind.ANNOUNCEMENT: "NewsArticle",
    ArticleKind.FEATURE: "NewsArticle",
    ArticleKind.INTERVIEW: "NewsArticle",
}

# How a press contact's `ContactPoint` says what they are for.
MEDIA_CONTACT_TYPE = "media relations"

# The schema.org type of the original a cross-post reproduces, by `origins.piece_form`.
ORIGIN_TYPES = {"post": "SocialMediaPosting", "article": "Article"}

# Google shows at most this many characters of a headline.
HEADLINE_CHARS = 110
HEADSHOT_SIZE = 400
FALLBACK_LOGO = "img/favicon.svg"


def schema_type(kind: str) -> str:
    return SCHEMA_TYPES.get(kind, "NewsArticle")


def person(byline, *, request: HttpRequest) -> dict:
    """A byline as a schema.org Person, with the title printed on this piece."""
    return _person(
        byline.author, role=byline.role, organisation=byline.organisation, request=request
    )


def _person(author: Author, *, role: str, organisation: str, request: HttpRequest) -> dict:
    data = {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if role:
        data["jobTitle"] = role
    if organisation:
        data["worksFor"] = {"@type": "Organization", "name": organisation}
    same_as = [url for url in (author.public_linkedin_url, author.public_website_url) if url]
    if same_as:
        data["sameAs"] = same_as
    if image := headshot(author, request=request):
        data["image"] = image_object(image)
    return data


def headshot(author: Author, *, request: HttpRequest) -> AbsoluteImage | None:
    """The author's square headshot, as search engines and link previews are given it."""
    images = author.headshot_images
    square = images.square(HEADSHOT_SIZE)
    return images.absolute(request, square) if square else None


def image_object(image: AbsoluteImage) -> dict:
    data = {"@type": "ImageObject", "url": image.url}
    if image.width and image.height:
        data |= {"width": image.width, "height": image.height}
    return data


def article_images(article: Article, *, request: HttpRequest) -> list[dict]:
    """The featured image as Google asks for it: large, in the page's ratio and 1.91:1."""
    image = article.image
    if not image:
        return []
    renditions = [rendition for rendition in (image.largest, image.social) if rendition]
    # Without renditions (None), the original.
    return [image_object(image.absolute(request, r)) for r in renditions or [None]]


def organization(
    *,
    request: HttpRequest,
    site_settings: SiteSettings,
    contacts: Sequence[PressContact] = (),
) -> dict:
    """The publisher: the organisation behind the newsroom, with its logo and, where a page
    shows them, its media contacts."""
    data = {
        "@type": "Organization",
        "name": settings.NEWSROOM_ORGANISATION,
        "url": request.build_absolute_uri("/"),
        "logo": logo(request=request, site_settings=site_settings),
    }
    if contacts:
        data["contactPoint"] = [contact_point(contact) for contact in contacts]
    return data


def contact_point(contact: PressContact) -> dict:
    """A press contact as a schema.org ContactPoint for journalists."""
    data = {"@type": "ContactPoint", "contactType": MEDIA_CONTACT_TYPE, "name": contact.name}
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["telephone"] = dialling_number(contact.phone)
    if contact.covers:
        data["description"] = f"Media contact for {contact.covers}"
    return data


def logo(*, request: HttpRequest, site_settings: SiteSettings) -> dict:
    """The logo uploaded in the site settings; the site's icon until there is one."""
    if site_settings.logo:
        size = (site_settings.logo_width, site_settings.logo_height)
        image = Renditions(None, original=site_settings.logo, original_size=size)
        return image_object(image.absolute(request))
    return {"@type": "ImageObject", "url": request.build_absolute_uri(static(FALLBACK_LOGO))}


def based_on(article: Article, *, url: str) -> dict:
    """The original of a cross-post as a CreativeWork: where, by whom and when."""
    data = {"@type": ORIGIN_TYPES[origins.piece_form(url)], "url": url}
    if article.credited_name:
        data["author"] = {"@type": "Person", "name": article.credited_name}
    if article.origin_published_on:
        data["datePublished"] = isodatetime(article.origin_published_on)
    if article.origin_platform:
        data["publisher"] = {"@type": "Organization", "name": article.origin_platform}
    return data


def article_json_ld(
    article: Article,
    *,
    request: HttpRequest,
    site_settings: SiteSettings | None = None,
    tags: list[Tag] | None = None,
    contacts: Sequence[PressContact] = (),
) -> dict:
    """The article as schema.org data: its type by kind, addresses, images, dates, authors,
    publisher (with the media `contacts` of a press release) and original; `tags` when the
    caller has them loaded.

    The description is `article.meta_description`, which never contains a spoiler passage.
    """
    site_settings = site_settings or SiteSettings.current()
    page = page_indexing(article, request=request)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": schema_type(article.kind),
        "headline": article.headline[:HEADLINE_CHARS],
        "url": page.canonical_url,
        "mainEntityOfPage": page.canonical_url,
        "articleSection": article.kind_label,
    }
    if description := article.meta_description:
        data["description"] = description
    if images := article_images(article, request=request):
        data["image"] = images
    if article.published_at:
        data["datePublished"] = isodatetime(article.published_at)
        data["dateModified"] = isodatetime(article.date_modified)
    if keywords := [tag.name for tag in (article.ordered_topics if tags is None else tags)]:
        data["keywords"] = keywords
    data["inLanguage"] = settings.LANGUAGE_CODE
    data["author"] = [person(byline, request=request) for byline in article.ordered_bylines]
    data["publisher"] = organization(
        request=request, site_settings=site_settings, contacts=contacts
    )
    if page.based_on_url:
        data["isBasedOn"] = based_on(article, url=page.based_on_url)
    return data


def breadcrumbs(trail: list[tuple[str, str]], *, request: HttpRequest) -> dict:
    """A BreadcrumbList of (name, path) pairs, outermost first."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def author_page_json_ld(author: Author, *, request: HttpRequest) -> dict:
    """An author's page as a ProfilePage about a Person, with their current title."""
    person = _person(author, role=author.role, organisation=author.organisation, request=request)
    if author.bio:
        person["description"] = author.bio
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "ProfilePage",
        "url": request.build_absolute_uri(author.get_absolute_url()),
        "mainEntity": person,
    }


def organization_json_ld(
    *, request: HttpRequest, site_settings: SiteSettings, contacts: Sequence[PressContact] = ()
) -> dict:
    return {
        "@context": SCHEMA_CONTEXT,
        **organization(request=request, site_settings=site_settings, contacts=contacts),
    }


def website_json_ld(*, request: HttpRequest, site_settings: SiteSettings) -> dict:
    """The newsroom as a WebSite whose search engines can send a query to our search page."""
    search = request.build_absolute_uri(address("articles:search"))
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebSite",
        "name": site_settings.site_name,
        "url": request.build_absolute_uri(address("articles:index")),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": organization(request=request, site_settings=site_settings),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


# What `json_script` escapes, for the same reason: inside <script>, "</script>" or "<!--" in a
# string would end or confuse the element; JSON's \u escapes mean the same text to a parser.
# Replaced one by one: `str.translate` looks up every character in Python, a dozen times slower
# on a page's JSON-LD.
_SCRIPT_ESCAPES = (
    ("<", "\\u003C"),
    (">", "\\u003E"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def json_ld_text(data: dict) -> str:
    """`data` as JSON that is safe to place between `<script>` tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return text


def json_ld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` element holding `data`."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_text(data)),  # noqa: S308
    )
