"""Structured data (schema.org JSON-LD) describing an article to search engines.

`article_json_ld` builds the data as a plain dict; `json_ld_script` serialises it into a
`<script type="application/ld+json">` element that no text inside can break out of. Addresses
come from `articles.indexing`, so `url` and `mainEntityOfPage` always match the canonical link.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles import origins
from articles.indexing import page_indexing
from articles.models import Article, ArticleKind

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

# The schema.org type of the original a cross-post reproduces, by `origins.piece_form`.
ORIGIN_TYPES = {"post": "SocialMediaPosting", "article": "Article"}

# Google shows at most this many characters of a headline.
HEADLINE_CHARS = 110


def schema_type(kind: str) -> str:
    return SCHEMA_TYPES.get(kind, "NewsArticle")


def _iso(value) -> str:
    return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()


def person(byline, *, request: HttpRequest) -> dict:
    """A byline as a schema.org Person, with the title printed on this piece."""
    author = byline.author
    data = {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if byline.role:
        data["jobTitle"] = byline.role
    if byline.organisation:
        data["worksFor"] = {"@type": "Organization", "name": byline.organisation}
    same_as = [url for url in (author.linkedin_url, author.website_url) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def based_on(article: Article, *, url: str) -> dict:
    """The original of a cross-post as a CreativeWork: where, by whom and when."""
    data = {"@type": ORIGIN_TYPES[origins.piece_form(url)], "url": url}
    if article.credited_name:
        data["author"] = {"@type": "Person", "name": article.credited_name}
    if article.origin_published_on:
        data["datePublished"] = _iso(article.origin_published_on)
    if article.origin_platform:
        data["publisher"] = {"@type": "Organization", "name": article.origin_platform}
    return data


def article_json_ld(article: Article, *, request: HttpRequest) -> dict:
    """The article as schema.org data: its type by kind, addresses, dates, authors, original.

    The description is `article.meta_description`, which never contains a spoiler passage.
    """
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
    if article.published_at:
        data["datePublished"] = _iso(article.published_at)
    data["author"] = [person(byline, request=request) for byline in article.ordered_bylines]
    data["publisher"] = {"@type": "Organization", "name": settings.NEWSROOM_ORGANISATION}
    if page.based_on_url:
        data["isBasedOn"] = based_on(article, url=page.based_on_url)
    return data


# What `json_script` escapes, for the same reason: inside <script>, "</script>" or "<!--" in a
# string would end or confuse the element; JSON's \u escapes mean the same text to a parser.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def json_ld_text(data: dict) -> str:
    """`data` as JSON that is safe to place between `<script>` tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def json_ld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` element holding `data`."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_text(data)),  # noqa: S308
    )
