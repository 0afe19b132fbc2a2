"""Warnings as data, and spoilers that stay hidden until a reader chooses to see them."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, ContentWarning
from articles.spoilers import find_leaks, public_excerpt
from tests.articles.admin.test_admin import article_form, errors_of
from tests.articles.feeds.reading import parse
from tests.articles.seo.test_structured_data import head_tags
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

MARKER = "zq7-marker-the-captain-sinks-the-ferry"
HELD_MARKER = "zq8-held-body-marker"
HELD_INTRO_MARKER = "zq9-held-introduction-marker"
HIDDEN_MARKERS = (MARKER, HELD_MARKER, HELD_INTRO_MARKER)


def visible_outside_hidden_elements(html: str) -> str:
    """The page minus the contents of hidden spoiler passages and held-back text."""
    html = re.sub(r'<span class="spoiler__text">.*?</span></span>', "", html, flags=re.S)
    return re.sub(r'<details class="held-text">.*?</details>', "", html, flags=re.S)


@pytest.fixture
def spoiling_articles(make_upload):
    """One article with an inline spoiler and no written summary; one held behind its warning,
    introduction and text.

    Both have a picture, so link previews carry its alt text.
    """
    author = AuthorFactory(slug="dana")
    picture = {"featured_image_alt": "A ferry at its mooring"}
    inline = ArticleFactory(
        slug="inline",
        dek="",
        seo_description="",
        introduction="",
        body=f'<p>Season one ends when <span class="spoiler">{MARKER}</span>, and it works.</p>',
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide at Marrow Bay",
        origin_url="https://www.linkedin.com/pulse/season-one-dana/",
        authors=[author],
        tag_names=["Television"],
        featured_image=make_upload("ferry.jpg", size=(640, 360)),
        **picture,
    )
    held = ArticleFactory(
        slug="held",
        dek="",
        seo_description="",
        introduction=f"<p>The keeper and {HELD_INTRO_MARKER} in the last episode.</p>",
        body=f"<p>{HELD_MARKER} is what happens to the crew.</p>",
        hold_behind_warning=True,
        spoiler_warning="discusses the finale in detail",
        authors=[author],
        tag_names=["Television"],
        featured_image=make_upload("crew.jpg", size=(640, 360)),
        **picture,
    )
    return inline, held


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
    # Link previews: the warning first, then the spoiler-free description; the image's alt.
    warning = article.ordered_warnings[0].text
    for name in ("og:description", "twitter:description"):
        assert tags.meta[name] == [f"(Warning: {warning}) {article.meta_description}".strip()]
    for name in ("og:image:alt", "twitter:image:alt"):
        assert tags.meta[name] == ["A ferry at its mooring"]


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
    # The only script elements are structured data (article, breadcrumbs): browsers never run it.
    assert html.count("<script") == html.count('<script type="application/ld+json">') == 2


class _ControlsInLinks(HTMLParser):
    """Collects the reveal controls (checkbox, label) that sit inside a link."""

    def __init__(self):
        super().__init__()
        self.open_links = 0
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.open_links += 1
        elif tag in {"input", "label"} and self.open_links:
            self.found.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self.open_links:
            self.open_links -= 1


def article_body(html: str) -> str:
    start = html.index('<div class="article__body">')
    return html[start : html.index("</div>", start)]


def controls_in_links(html: str) -> list[str]:
    parser = _ControlsInLinks()
    parser.feed(article_body(html))
    return parser.found


LINKED_PASSAGE = (
    '<p>The finale: <a href="https://example.com/recap"><span class="spoiler">the captain sinks '
    "the ferry</span></a>.</p>"
)
# A sentence marked as a spoiler whose middle words are a link, as the editor stored it while
# its Link mark outranked the Spoiler mark.
PARTLY_LINKED_PASSAGE = (
    '<p>In the end <span class="spoiler">the captain </span><a href="https://example.com/recap">'
    '<span class="spoiler">sinks the ferry</span></a><span class="spoiler"> with all hands</span>'
    ".</p>"
)


def test_a_spoiler_on_linked_words_has_its_control_outside_the_link(client):
    article = ArticleFactory(body=LINKED_PASSAGE, spoiler_warning="contains spoilers")

    html = client.get(article.get_absolute_url()).content.decode()

    assert controls_in_links(html) == []
    assert article_body(html).count("Show spoiler") == 1


def test_a_spoiler_passage_partly_linked_is_one_control(client):
    article = ArticleFactory(body=PARTLY_LINKED_PASSAGE, spoiler_warning="contains spoilers")

    html = client.get(article.get_absolute_url()).content.decode()

    assert controls_in_links(html) == []
    assert article_body(html).count("Show spoiler") == 1


@pytest.mark.parametrize("body", [LINKED_PASSAGE, PARTLY_LINKED_PASSAGE])
def test_a_passage_stored_inside_a_link_before_is_still_one_control_outside_it(client, body):
    article = ArticleFactory(spoiler_warning="contains spoilers")
    # As the sanitiser stored it before it moved passages out of links: the save is skipped.
    Article.objects.filter(pk=article.pk).update(body=body)

    html = client.get(article.get_absolute_url()).content.decode()

    assert controls_in_links(html) == []
    assert article_body(html).count("Show spoiler") == 1
    assert "sinks the ferry" not in visible_outside_hidden_elements(html)


def test_a_held_back_body_sits_inside_a_details_element_after_the_warning(
    client, spoiling_articles
):
    html = client.get("/news/held/").content.decode()

    assert '<details class="held-text">' in html
    assert "<summary>Show the full text</summary>" in html
    assert html.index("(Warning: discusses the finale in detail)") < html.index("<details")
    assert html.index("<details") < html.index(HELD_MARKER) < html.index("</details>")


def test_an_article_without_warnings_shows_none(client):
    article = ArticleFactory(body="<p>Plain news.</p>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "content-warning" not in html
    assert "held-text" not in html
    assert "spoiler__" not in html


def test_cards_carry_a_badge_naming_the_warning(client, spoiling_articles):
    ArticleFactory(slug="grief").warnings.create(kind="grief", text="discusses a bereavement")

    html = client.get("/news/").content.decode()

    assert '<span class="badge badge--warning">Spoilers: Low Tide at Marrow Bay</span>' in html
    assert '<span class="badge badge--warning">Content warning: Grief or loss</span>' in html


def test_warnings_are_shown_in_their_order(client):
    article = ArticleFactory()
    article.warnings.create(kind="violence", text="describes an assault", position=1)
    article.warnings.create(kind="spoilers", text="contains spoilers", position=0)

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.index("(Warning: contains spoilers)") < html.index(
        "(Warning: describes an assault)"
    )


def test_the_database_refuses_an_empty_or_unknown_warning():
    article = ArticleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ContentWarning.objects.create(article=article, text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContentWarning.objects.create(article=article, text="x", kind="mild")


# Hiding pieces with spoilers on the news index.


def listed(response) -> list[str]:
    cards = list(response.context["articles"])
    if response.context.get("featured"):
        cards.insert(0, response.context["featured"])
    return sorted(article.slug for article in cards)


def test_readers_can_hide_pieces_with_spoilers_and_the_choice_is_remembered(
    client, spoiling_articles
):
    ArticleFactory(slug="plain")
    ArticleFactory(slug="grief").warnings.create(kind="grief", text="discusses a bereavement")

    hidden = client.get("/news/?hide_spoilers=all")

    assert listed(hidden) == ["grief", "plain"]
    assert hidden.cookies["hide_spoilers"].value == "all"
    assert "Pieces with spoilers are hidden." in hidden.content.decode()
    assert "Cookie" in hidden["Vary"]
    assert listed(client.get("/news/")) == ["grief", "plain"]  # remembered
    assert listed(client.get("/news/tags/television/")) == []

    shown = client.get("/news/?hide_spoilers=none")

    assert listed(shown) == ["grief", "held", "inline", "plain"]
    assert shown.cookies["hide_spoilers"].value == ""
    assert listed(client.get("/news/")) == ["grief", "held", "inline", "plain"]


def test_the_next_pages_of_a_listing_follow_the_choice_from_its_cookie(client, spoiling_articles):
    ArticleFactory.create_batch(14)

    hidden = client.get("/news/?hide_spoilers=all")

    assert 'href="?page=2"' in hidden.content.decode()
    second = client.get("/news/?page=2")  # with the cookie the first page set
    assert not second.cookies
    assert "public" in second["Cache-Control"]
    assert "held" not in listed(second)
    assert "Pieces with spoilers are hidden." in second.content.decode()


def test_readers_can_hide_spoilers_for_one_subject_only(client, spoiling_articles):
    ArticleFactory(
        slug="other-show",
        spoiler_warning="spoils the finale",
        spoiler_warning__subject="Harbour Lights",
    )

    response = client.get("/news/?hide_spoilers=low-tide-at-marrow-bay")

    assert listed(response) == ["held", "other-show"]
    html = response.content.decode()
    assert "Pieces with spoilers for Low Tide at Marrow Bay are hidden." in html
    assert '<option value="harbour-lights">Hide spoilers for Harbour Lights</option>' in html


def test_a_bogus_spoiler_choice_is_ignored(client, spoiling_articles):
    response = client.get("/news/?hide_spoilers=%3Cscript%3E")

    assert response.status_code == 200
    assert listed(response) == ["held", "inline"]


# Editors: marking passages, and the admin refusing leaks.


def test_find_leaks_catches_a_whole_passage_or_a_long_run_of_its_words():
    passage = "the captain quietly sinks the old ferry at dawn"
    body = f'<p>In the end <span class="spoiler">{passage}</span>.</p>'

    leaks = find_leaks(
        body=body,
        fields={
            "dek": "Why the captain quietly sinks the old ferry matters",
            "seo_description": "A show about a ferry and its captain.",
            "headline": "The Captain Quietly Sinks The Old Ferry At Dawn",
        },
    )

    assert set(leaks) == {"dek", "headline"}


def test_the_admin_refuses_a_dek_that_gives_away_a_marked_spoiler(admin_client):
    body = '<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>'
    data = article_form(
        AuthorFactory(),
        body=body,
        dek="A deckhand: Wren finds the forged inspection logbook.",
        seo_description="Wren finds the forged inspection logbook, and more.",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    errors = errors_of(response)
    assert "Summary (dek) gives away a passage marked as a spoiler" in errors
    assert "SEO description gives away a passage marked as a spoiler" in errors
    assert not Article.objects.exists()


def test_a_spoiler_marked_in_the_editor_is_stored_in_its_one_form(admin_client):
    body = '<p>Then <span class="spoiler" data-x="1">Wren finds the logbook</span>.</p>'

    admin_client.post("/admin/articles/article/add/", article_form(AuthorFactory(), body=body))

    assert (
        Article.objects.get().body
        == '<p>Then <span class="spoiler">Wren finds the logbook</span>.</p>'
    )


def test_holding_the_text_needs_a_warning(admin_client):
    data = article_form(AuthorFactory(), hold_behind_warning="on", **{"warnings-TOTAL_FORMS": "0"})

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "The text is held behind a warning, but there is no warning." in errors_of(response)


def test_the_admin_saves_warnings_from_the_inline(admin_client):
    response = admin_client.post("/admin/articles/article/add/", article_form(AuthorFactory()))

    assert response.status_code == 302
    warning = Article.objects.get().warnings.get()
    assert (warning.kind, warning.text, warning.subject_slug) == (
        "spoilers",
        "contains spoilers for season one",
        "low-tide-at-marrow-bay",
    )


def test_the_editor_loads_the_spoiler_button(admin_client):
    html = admin_client.get("/admin/articles/article/add/").content.decode()

    assert "js/editor-spoiler.js" in html
    assert "&quot;Spoiler&quot;:true" in html or '"Spoiler":true' in html


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
