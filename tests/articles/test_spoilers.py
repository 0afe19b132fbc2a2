"""Spoilers that stay hidden until a reader chooses to see them: nothing that describes a piece
to the outside (pages, previews, feeds, search, structured data) gives one away."""

import json
from html import unescape

import pytest

from articles.models import Article
from articles.spoilers import public_excerpt
from tests.articles.feeds.reading import parse
from tests.articles.seo.test_structured_data import head_tags
from tests.articles.spoiling import (
    HELD_INTRO_MARKER,
    HELD_MARKER,
    HIDDEN_MARKERS,
    MARKER,
    visible_outside_hidden_elements,
)
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/news/",
    "/news/authors/dana/",
    "/news/tags/television/",
    "/news/inline/",
    "/news/held/",
]


def test_spoilers_appear_nowhere_but_in_their_hidden_elements(client, spoiling_articles):
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        outside = visible_outside_hidden_elements(html)
        assert MARKER not in outside, f"spoiler leaked on {url}"
        assert HELD_MARKER not in outside, f"held-back text leaked on {url}"
        assert HELD_INTRO_MARKER not in outside, f"held-back introduction leaked on {url}"

    assert MARKER in client.get("/news/inline/").content.decode()
    held = client.get("/news/held/").content.decode()
    assert HELD_MARKER in held
    assert HELD_INTRO_MARKER in held


@pytest.mark.parametrize("slug", ["inline", "held"])
def test_meta_tags_and_structured_data_leave_spoilers_out(client, spoiling_articles, slug):
    article = Article.objects.get(slug=slug)

    html = client.get(f"/news/{slug}/").content.decode()

    head = html[: html.index("</head>")]
    tags = head_tags(html)
    data = tags.article
    for marker in HIDDEN_MARKERS:
        assert marker not in head
        assert marker not in json.dumps(tags.json_ld, ensure_ascii=False)
    assert data.get("description", "") == article.meta_description
    # Link previews: the warning first, then the spoiler-free description; the image's alt,
    # but for the held piece, whose page shows it only once opened.
    warning = article.ordered_warnings[0].text
    for name in ("og:description", "twitter:description"):
        assert tags.meta[name] == [f"(Warning: {warning}) {article.meta_description}".strip()]
    alt = [] if slug == "held" else ["A ferry at its mooring"]
    for name in ("og:image:alt", "twitter:image:alt"):
        assert tags.meta.get(name, []) == alt


FEEDS = [
    "/news/feed/",
    "/news/atom/",
    "/news/feed.json",
    "/news/feed/kinds/news/",
    "/news/atom/kinds/news/",
    "/news/feed/kinds/news.json",
    "/news/feed/authors/dana/",
    "/news/atom/authors/dana/",
    "/news/feed/authors/dana.json",
    "/news/feed/tags/television/",
    "/news/atom/tags/television/",
    "/news/feed/tags/television.json",
]


def test_feeds_never_carry_a_spoiler_or_held_back_text(client, spoiling_articles):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "contains spoilers for season one" in content, url
        assert "discusses the finale in detail" in content, url
        for marker in HIDDEN_MARKERS:
            assert marker not in content, f"{marker} leaked in {url}"


def test_search_never_finds_an_article_by_a_spoiler_nor_quotes_one(client, spoiling_articles):
    for query in ["season ends", "works", "headline"]:
        html = client.get("/news/search/", {"q": query}).content.decode()
        for marker in HIDDEN_MARKERS:
            assert marker not in html, f"{marker} quoted for {query!r}"
    shown = client.get("/news/search/", {"q": "season ends"})
    assert [article.slug for article in shown.context["articles"]] == ["inline"]
    assert "ends" in str(shown.context["articles"][0].snippet)

    hidden = [*HIDDEN_MARKERS, "captain sinks the ferry", "happens to the crew", "keeper"]
    for query in hidden:
        response = client.get("/news/search/", {"q": query})
        assert list(response.context["articles"]) == [], f"found by hidden text: {query!r}"


def test_descriptions_written_for_the_outside_leave_spoilers_out(spoiling_articles):
    inline, held = spoiling_articles

    assert inline.meta_description == "Season one ends when , and it works."
    assert held.meta_description == ""
    assert MARKER not in public_excerpt(inline.body)


def test_a_held_piece_is_described_by_its_written_summary_after_its_warning(client):
    ArticleFactory(
        slug="held",
        dek="A crew's last season, discussed.",
        seo_description="",
        introduction=f"<p>{HELD_INTRO_MARKER}</p>",
        body=f"<p>{HELD_MARKER}</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale",
    )

    tags = head_tags(client.get("/news/held/").content.decode())
    (entry,) = parse(client, "/news/atom/").entries

    warned = "(Warning: discusses the finale) A crew's last season, discussed."
    assert tags.meta["og:description"] == [warned]
    assert tags.article["description"] == "A crew's last season, discussed."
    assert unescape(entry.summary) == warned


def test_a_description_cut_from_the_text_is_its_words_escaped_once_where_written(client):
    ArticleFactory(
        slug="ampersand",
        dek="",
        seo_description="",
        introduction="",
        body="<p>Tom &amp; Jerry's big day.</p><p>Second paragraph.</p>",
    )
    words = "Tom & Jerry's big day. Second paragraph."

    html = client.get("/news/ampersand/").content.decode()
    tags = head_tags(html)
    (item,) = client.get("/news/feed.json").json()["items"]

    escaped = "Tom &amp; Jerry&#x27;s big day. Second paragraph."
    assert f'<meta name="description" content="{escaped}">' in html
    assert tags.meta["og:description"] == tags.meta["twitter:description"] == [words]
    assert tags.article["description"] == words
    # RSS and Atom summaries are HTML: the words escaped once as HTML, which readers show.
    for url in ("/news/feed/", "/news/atom/"):
        (entry,) = parse(client, url).entries
        assert unescape(entry.summary) == words, url
    assert item["summary"] == words  # JSON Feed's is plain text


def test_a_description_cut_short_ends_on_a_whole_word(client):
    article = ArticleFactory(
        slug="long",
        dek="",
        seo_description="",
        introduction="",
        body="<p>" + "Salt &amp; pepper. " * 20 + "</p>",
    )

    html = client.get("/news/long/").content.decode()

    assert len(article.meta_description) <= 160
    # Cut in the words, not in their markup: the last `&` whole, escaped once.
    description = "Salt &amp; pepper. " * 10 + "Salt &amp;…"
    assert f'<meta name="description" content="{description}">' in html


def test_the_warning_comes_first_in_an_element_screen_readers_announce(client, spoiling_articles):
    html = client.get("/news/inline/").content.decode()

    warning = '<div class="content-warning" role="note" aria-label="Content warning">'
    assert warning in html
    assert "<p>(Warning: contains spoilers for season one)</p>" in html
    assert html.index(warning) < html.index('class="article__body"')


def test_an_inline_spoiler_is_a_reveal_control_that_works_without_javascript(
    client, spoiling_articles
):
    html = client.get("/news/inline/").content.decode()

    assert '<span class="spoiler" data-nosnippet><input type="checkbox"' in html
    assert '<label class="spoiler__label" for="spoiler-1">' in html
    assert "Show spoiler" in html


def test_an_inline_spoiler_names_its_passage_for_the_script_that_makes_it_a_button(
    client, spoiling_articles
):
    html = client.get("/news/inline/").content.decode()

    # The control says which passage it shows, and the page's one script of its own (deferred,
    # from the site's files) turns the box into a button that says whether the passage is open.
    assert (
        '<input type="checkbox" role="switch" class="spoiler__toggle" id="spoiler-1" '
        'aria-controls="spoiler-1-text">' in html
    )
    assert f'<span class="spoiler__text" id="spoiler-1-text" hidden>{MARKER}</span>' in html
    assert '<script src="/static/js/spoilers.js" defer></script>' in html
    # Besides it, the only script elements are structured data, which browsers never run.
    assert html.count("<script") - 1 == html.count('<script type="application/ld+json">') == 2


def test_site_pages_render_spoilers_hidden_too(client):
    SitePageFactory(slug="about", body=f'<p>Our story <span class="spoiler">{MARKER}</span>.</p>')

    html = client.get("/about/").content.decode()

    assert MARKER not in visible_outside_hidden_elements(html)


def test_previews_keep_spoilers_hidden_too(client, editor_client, spoiling_articles):
    from articles.models import Correction
    from articles.workflow import previews

    inline, held = spoiling_articles
    Article.objects.filter(pk__in=[inline.pk, held.pk]).update(status="draft")
    Correction.objects.create(article=inline, text="An update on the ferry.")
    links = [previews.create_link(article=article, reviewer="Dana") for article in (inline, held)]

    pages = [
        editor_client.get("/news/inline/"),
        editor_client.get("/news/held/"),
        *(client.get(previews.url_for(link)) for link in links),
    ]

    for response in pages:
        assert response.status_code == 200
        outside = visible_outside_hidden_elements(response.content.decode())
        for marker in HIDDEN_MARKERS:
            assert marker not in outside
