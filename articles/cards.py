"""The article cards of every listing, each kept until its article changes.

A card shows an article with its bylines and warnings; rendering a page of them is most of a
listing's cost, so each is kept as HTML until its article (or an author's name) changes. A
listing loads only `CARD_KEY_FIELDS` of its rows; cards not yet made load the rest of their
rows, bylines and warnings (three queries for any number of cards).
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from articles.cache_tags import article_tag
from articles.models import LISTING_DEFERRED, Article, prefetch_cards
from newsroom import pagecache

# What a listing needs of a row whose card is kept: its order and the card's name.
CARD_KEY_FIELDS = ("id", "published_at")


def rendered_cards(
    articles: list[Article], *, lead: Article | None = None, heading_level: int = 2
) -> dict[int, SafeString]:
    """The HTML of each article's card by primary key (see `card_layouts`)."""
    layouts = card_layouts(articles, lead=lead, heading_level=heading_level)

    def render(missing: list[str]) -> dict[str, SafeString]:
        rows = card_rows([layouts[name][0] for name in missing])
        return {
            name: render_card(rows[layouts[name][0].pk], **layouts[name][1]) for name in missing
        }

    found = pagecache.remember_many(
        list(layouts), render, tags=lambda name: [article_tag(layouts[name][0].pk)]
    )
    return {article.pk: found[name] for name, (article, _) in layouts.items()}


def card_layouts(
    articles: list[Article], *, lead: Article | None = None, heading_level: int = 2
) -> dict[str, tuple[Article, dict]]:
    """Each card's name, with its article and layout.

    `lead` gets the large featured layout; without one, the first card's picture loads eagerly,
    as the first thing a reader sees. The names say everything a card's HTML depends on, so a
    list of them names a list of cards.
    """
    eager = articles[0] if articles and lead is None else None
    layouts = {}
    for article in articles:
        layout = {
            "lead": article == lead,
            "eager": article == eager,
            "heading_level": heading_level,
        }
        layouts[card_name(article, **layout)] = (article, layout)
    return layouts


def card_rows(articles: list[Article]) -> dict[int, Article]:
    """`articles` by primary key with everything a card shows; rows loaded with fewer columns
    (see `CARD_KEY_FIELDS`) are loaded again whole, in one query."""
    partial = [
        article.pk for article in articles if article.get_deferred_fields() - set(LISTING_DEFERRED)
    ]
    rows = {article.pk: article for article in articles}
    if partial:
        rows.update(Article.objects.for_listing().in_bulk(partial))
    prefetch_cards(list(rows.values()))
    return rows


def card_name(article: Article, *, lead: bool, eager: bool, heading_level: int) -> str:
    variant = "lead" if lead else f"{heading_level}{'-eager' if eager else ''}"
    return f"card:{article.pk}:{variant}"


def render_card(
    article: Article, *, lead: bool = False, eager: bool = False, heading_level: int = 2
) -> SafeString:
    return render_to_string(
        "articles/_card.html",
        {"article": article, "lead": lead, "eager": eager, "heading_level": heading_level},
    )
