"""Warnings and spoilers as readers meet them: reveal controls outside links, held-back text,
badges on cards, warnings in order, and hiding pieces with spoilers on the listings."""

from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, ContentWarning
from tests.articles.spoiling import HELD_MARKER, visible_outside_hidden_elements
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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
