"""The article cards of every listing, each kept until its article changes.

A card shows an article with its bylines and warnings; rendering a page of them is most of a
listing's cost, so each is kept as HTML until its article (or an author's name) changes. A
listing loads only `CARD_KEY_FIELDS` of its rows; cards not yet made load what they show of
their rows (`CARD_COLUMNS`) with their bylines and warnings (`card_values`: one query for any
number of cards, compiled once) and are rendered together. With a cache that keeps nothing,
every card is made on every request, so the listing loads all that in the first place
(`listed_columns`).

The card's markup is written here (`card_html`) rather than by a template, each text escaped
with the standard library's `html.escape` (what Django's `escape` calls, without its lazy-string
wrapper): a listing that is not kept makes a dozen cards per request, at a fraction of the cost.
"""

from html import escape

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Expression, QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from articles.cache_tags import article_tag
from articles.models import CARD_NOTES, Article, card_notes, read_card_notes
from newsroom import pagecache
from newsroom.compiled import CompiledLookup
from newsroom.dates import display_date, isodatetime
from newsroom.photos.templatetags.photos import picture

# What a listing needs of a row whose card is kept: its order and the card's name.
CARD_KEY_FIELDS = ("id", "published_at")
# How wide the layout shows a card's picture: the featured card's, and every other's.
LEAD_PICTURE_SIZES = (
    "(min-width: 72rem) 46rem, (min-width: 64rem) 64vw, (min-width: 48rem) 58vw, 100vw"
)
PICTURE_SIZES = "(min-width: 64rem) 22rem, (min-width: 40rem) 46vw, 6rem"
# What a card shows of its article (with its bylines and warnings), in the model's order.
CARD_COLUMNS = tuple(
    field.attname
    for field in Article._meta.concrete_fields
    if field.attname
    in {
        "id",
        "kind",
        "headline",
        "slug",
        "dek",
        "featured_image",
        "featured_image_width",
        "featured_image_height",
        "featured_image_renditions",
        "published_at",
    }
)
CARD_FIELDS = frozenset(CARD_COLUMNS)


def listed_columns() -> tuple[str, ...]:
    """What a listing loads of each of its rows: the key when cards are kept, else everything a
    card shows, since every card is then made and would otherwise load its row again."""
    return CARD_KEY_FIELDS if pagecache.keeping() else CARD_COLUMNS


def card_values(queryset: QuerySet, columns: tuple[str, ...], **after: Expression) -> QuerySet:
    """`queryset`'s rows as a listing loads them: `columns`, and with all a card shows of its
    row (`CARD_COLUMNS`), its bylines and warnings too (`card_notes`), in the same query; then
    the expressions `after`, in their order."""
    if columns != CARD_COLUMNS:
        return queryset.annotate(**after).values_list(*columns, *after)
    notes = card_notes()
    return queryset.annotate(**notes, **after).values_list(*CARD_COLUMNS, *notes, *after)


def listed_article(row: tuple, columns: tuple[str, ...], using: str = DEFAULT_DB_ALIAS) -> Article:
    """The article of a row `card_values` loaded with `columns`."""
    if columns != CARD_COLUMNS:
        return Article.from_db(using, columns, row)
    article = Article.from_db(using, CARD_COLUMNS, row[: len(CARD_COLUMNS)])
    read_card_notes(article, *row[len(CARD_COLUMNS) :])
    return article


# Cards not yet made load their rows in one query, compiled once per number of cards; those
# whose rows a queryset loaded whole load only their bylines and warnings, the same way.
CARD_ROWS = CompiledLookup(
    lambda keys: card_values(Article.objects.filter(pk__in=keys), CARD_COLUMNS), keys=list
)
CARD_NOTES_OF = CompiledLookup(
    lambda keys: (
        Article.objects.filter(pk__in=keys).annotate(**card_notes()).values_list("id", *CARD_NOTES)
    ),
    keys=list,
)


def rendered_cards(
    articles: list[Article], *, lead: Article | None = None, heading_level: int = 2
) -> dict[int, SafeString]:
    """The HTML of each article's card by primary key (see `card_layouts`)."""
    layouts = card_layouts(articles, lead=lead, heading_level=heading_level)

    def render(missing: list[str]) -> dict[str, SafeString]:
        rows = card_rows([layouts[name][0] for name in missing])
        cards = [(rows[layouts[name][0].pk], layouts[name][1]) for name in missing]
        return dict(zip(missing, render_cards(cards), strict=True))

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
    """`articles` by primary key with everything a card shows: rows loaded with fewer columns
    (see `CARD_KEY_FIELDS`) get the rest of `CARD_COLUMNS` with their bylines and warnings, in
    one query; rows loaded whole without them get those in one more."""
    rows = {article.pk: article for article in articles}
    partial = [pk for pk, article in rows.items() if article.get_deferred_fields() & CARD_FIELDS]
    if partial:
        using, split = articles[0]._state.db or DEFAULT_DB_ALIAS, len(CARD_COLUMNS)
        for row in CARD_ROWS.rows(keys=partial, using=using):
            article = rows[row[0]]
            for name, value in zip(CARD_COLUMNS, row[:split], strict=True):
                setattr(article, name, value)
            read_card_notes(article, *row[split:])
    note_cards(list(rows.values()))
    return rows


def note_cards(articles: list[Article]) -> None:
    """Give those of `articles` loaded without them what their cards show of their bylines
    and warnings: one query however many (`CARD_NOTES_OF`), none if all have them."""
    unnoted = {article.pk: article for article in articles if not has_notes(article)}
    if not unnoted:
        return
    using = articles[0]._state.db or DEFAULT_DB_ALIAS
    for pk, *notes in CARD_NOTES_OF.rows(keys=list(unnoted), using=using):
        read_card_notes(unnoted[pk], *notes)


def has_notes(article: Article) -> bool:
    """Whether the article's bylines and warnings are loaded (`ordered_bylines` is kept on it)."""
    return "ordered_bylines" in article.__dict__ and "ordered_warnings" in article.__dict__


def card_name(article: Article, *, lead: bool, eager: bool, heading_level: int) -> str:
    variant = "lead" if lead else f"{heading_level}{'-eager' if eager else ''}"
    return f"card:{article.pk}:{variant}"


def render_card(
    article: Article, *, lead: bool = False, eager: bool = False, heading_level: int = 2
) -> SafeString:
    layout = {"lead": lead, "eager": eager, "heading_level": heading_level}
    return render_cards([(article, layout)])[0]


def render_cards(cards: list[tuple[Article, dict]]) -> list[SafeString]:
    """The HTML of each (article, layout) card."""
    return [card_html(article, **layout) for article, layout in cards]


def card_html(
    article: Article,
    *,
    lead: bool = False,
    eager: bool = False,
    heading_level: int = 2,
    snippet: str = "",
) -> SafeString:
    """An article's card: its picture, date and warnings, headline, dek, `snippet` (a search's
    matching words, already escaped or plain text) and bylines.

    `lead` is the listing's featured card, whose picture is the page's first (fetched first);
    `eager` loads an ordinary card's picture at once, as the first a reader sees.
    """
    url, level = escape(article.get_absolute_url()), int(heading_level)
    html = [f'<article class="card{" card--lead" if lead else ""}">\n']
    if article.featured_image:
        if lead:
            shown = picture(article.image, sizes=LEAD_PICTURE_SIZES, priority=True)
        else:
            loading = "eager" if eager else "lazy"
            shown = picture(article.image, sizes=PICTURE_SIZES, loading=loading)
        html.append(
            f'  <a class="card__image" href="{url}" tabindex="-1" aria-hidden="true">\n'
            f"    {shown}\n  </a>\n"
        )
    badges = "".join(
        f'<span class="badge badge--warning">{escape(warning.badge)}</span> '
        for warning in article.ordered_warnings
    )
    published = article.published_at
    html.append(
        '  <div class="card__text">\n'
        f'    <p class="card__meta"><time datetime="{isodatetime(published)}">'
        f"{display_date(published)}</time> {badges}</p>\n"
        f'    <h{level} class="card__headline"><a href="{url}"><span class="kind-label">'
        f"{escape(article.kind_label)}:</span> {escape(article.headline)}</a></h{level}>\n"
    )
    if article.dek:
        html.append(f'    <p class="card__dek">{escape(article.dek)}</p>\n')
    if snippet:
        html.append(f'    <p class="card__snippet">{conditional_escape(snippet)}</p>\n')
    if article.ordered_bylines:
        html.append(f'    <p class="byline">By {escape(article.byline_names)}</p>\n')
    html.append("  </div>\n</article>\n")
    return mark_safe("".join(html))  # noqa: S308 (every text in it escaped above)
