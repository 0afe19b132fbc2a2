"""Template helpers for the public pages."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from articles.cache_tags import article_tag
from articles.cards import card_html
from articles.feeds import FeedScope
from articles.filters import HIDE_SPOILERS_COOKIE, SHOW_ALL
from articles.models import as_printed
from articles.seo import head
from articles.seo.structured_data import json_ld_script
from newsroom import dates, pagecache, tracking
from newsroom.addresses import address
from newsroom.social import SocialCard, meta_tags
from newsroom.spoiler_markup import render_spoilers

register = template.Library()

# Dates as the whole site writes them (`newsroom.dates`): "Jan 14, 2025", "Jan 14, 2025 09:00
# GMT" ("… 09:00 IST (UTC+05:30)" for journalists under embargo), and a `<time datetime>` value
# without microseconds, which HTML validators reject.
register.filter("display_date", dates.display_date)
register.filter("display_datetime", dates.display_datetime)
register.filter("display_datetime_abroad", dates.display_datetime_abroad)
register.filter("isodatetime", dates.isodatetime)
# `{% for joiner, byline in article.ordered_bylines|as_printed %}`: a byline line with titles.
register.filter("as_printed", as_printed)


@register.filter
def page_title(article, site_name: str) -> str:
    """The article page's `<title>` text (`articles.seo.head.page_title`)."""
    return head.page_title(article, site_name=site_name)


@register.simple_tag(name="address")
def address_tag(name: str, slug: str | None = None) -> str:
    """`{% url %}` for the News section's addresses, each reversed once (`newsroom.addresses`):
    `{% address "articles:index" %}`, `{% address "articles:tag" tag.slug %}`."""
    return address(name, slug)


@register.simple_tag
def spoiler_param() -> str:
    """The query parameter (and cookie) that carries a reader's choice of hidden spoilers."""
    return HIDE_SPOILERS_COOKIE


@register.simple_tag(takes_context=True)
def every_piece_query(context) -> str:
    """The query string of the listing (or search) on the page with every piece shown.

    It keeps what the view read as its filters or query (`listing_params`), never the raw
    request, and leaves out the page number: the listing grows.
    """
    params = {**(context.get("listing_params") or {}), HIDE_SPOILERS_COOKIE: SHOW_ALL}
    return "?" + urlencode(params)


# No parameter a listing reads is longer (searches use their first 200 characters); longer
# values are not copied into every pagination link of the page.
MAX_CARRIED_CHARS = 500


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with `page` set to `number`, for pagination links.

    Tracking parameters are left behind: they describe how this reader arrived, and a page
    kept in the cache would hand them to every reader after. So is a spoiler choice: the page
    that took it set its cookie, and carried on, it would make every next page a choice made
    anew, which sets the cookie again and is never kept.
    """
    params = context["request"].GET.copy()
    for name, values in list(params.lists()):
        if tracking.is_tracking_param(name) or name == HIDE_SPOILERS_COOKIE:
            del params[name]
            continue
        params.setlist(name, [value for value in values if len(value) <= MAX_CARRIED_CHARS])
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def card(context, article, lead=False, eager=False, snippet=None) -> SafeString:
    """The article's card: from the listing's batch (`cards`) when the view prepared it, else
    made here; a search's card, with the `snippet` of what matched, is always made here."""
    # Whatever is being kept around the card shows the article, kept card or not.
    pagecache.shows(article_tag(article.pk))
    if snippet is None:
        prepared = context.get("cards") or {}
        if article.pk in prepared:
            return prepared[article.pk]
    return card_html(
        article,
        lead=lead,
        eager=eager,
        heading_level=context.get("heading_level") or 2,
        snippet=snippet or "",
    )


@register.filter
def json_ld(data: dict) -> SafeString:
    """`data` in a `<script type="application/ld+json">` element, escaped so that no text in it
    can end the element early."""
    return json_ld_script(data)


# A picture's tag as the sanitiser stores it, which keeps no `loading` of its own.
_PICTURE_START = re.compile(r"<img\b")


@register.filter(is_safe=True)
def lazy_pictures(html: SafeString, after_a_picture: bool = False) -> SafeString:
    """Rendered rich text whose pictures load as the reader scrolls to them: all of them when
    `after_a_picture` (the page shows one above, such as its lead picture), else all but the
    first, which may be the first thing a reader sees."""
    if "<img" not in html:
        return html
    shown = 0 if after_a_picture else 1

    def lazily(tag: re.Match) -> str:
        nonlocal shown
        shown -= 1
        return tag[0] if shown >= 0 else '<img loading="lazy" decoding="async"'

    return mark_safe(_PICTURE_START.sub(lazily, html))  # noqa: S308 (fixed attributes added)


@register.filter
def rich_text(html: str, id_prefix: str = "spoiler") -> SafeString:
    """Render a RichTextField's HTML, with its spoiler passages hidden until revealed.

    Only for fields stored through `RichTextField`, which sanitises on every save; `id_prefix`
    keeps the reveal controls of two fields on one page apart.
    """
    return mark_safe(render_spoilers(html or "", id_prefix=id_prefix))  # noqa: S308


@register.simple_tag(takes_context=True)
def feed_links(context) -> SafeString:
    """Autodiscovery links: the feeds of what the page shows (`feed_scope`), then all news.

    Written here rather than by a template, as `social_meta` is: every page's head has them.
    """
    site_name = context["site_settings"].site_name
    scopes = [FeedScope()]
    scope = context.get("feed_scope")
    if scope is not None and not scope.is_everything:
        scopes.insert(0, scope)
    links = [
        f'<link rel="alternate" type="{media_type}" title="{conditional_escape(title)} '
        f'({format_name})" href="{conditional_escape(url)}">'
        for scope in scopes
        for title in [scope.title(site_name)]
        for media_type, format_name, url in (
            ("application/rss+xml", "RSS", scope.rss_url),
            ("application/atom+xml", "Atom", scope.atom_url),
            ("application/feed+json", "JSON Feed", scope.json_url),
        )
    ]
    return mark_safe("\n  ".join(links) + "\n")  # noqa: S308 (each value escaped above)


@register.simple_tag(takes_context=True)
def social_meta(context, card: SocialCard) -> SafeString:
    """A page's link preview tags (`newsroom.social.meta_tags`), under the site's name."""
    return meta_tags(card, site_name=context["site_settings"].site_name)
