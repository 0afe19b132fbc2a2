"""An article's related pieces follow a reader's choice to hide pieces with spoilers, as the
news index does, and each choice is kept apart by the page cache, the page's fragments and the
edge."""

import re

import pytest
from django.utils.cache import has_vary_header

from articles.models import Article, ContentWarning
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ferry_pieces():
    """A piece on ferries, and three more on ferries: one spoiling a show, one spoiling
    another, one with no spoiler."""
    ArticleFactory(slug="reading", headline="Ferries this winter", tag_names=["Ferries"])
    ArticleFactory(
        slug="tide",
        headline="Low Tide finale",
        tag_names=["Ferries"],
        spoiler_warning="spoils the finale",
        spoiler_warning__subject="Low Tide at Marrow Bay",
    )
    ArticleFactory(
        slug="crossing",
        headline="The Crossing recap",
        tag_names=["Ferries"],
        spoiler_warning="spoils season two",
        spoiler_warning__subject="The Crossing",
    )
    ArticleFactory(slug="timetable", headline="Ferry timetable", tag_names=["Ferries"])


def related(client, hide_spoilers: str | None = None) -> list[str]:
    """The slugs the related list of /news/reading/ links to, for a reader with this choice."""
    if hide_spoilers is None:
        client.cookies.pop("hide_spoilers", None)
    else:
        client.cookies["hide_spoilers"] = hide_spoilers
    response = client.get("/news/reading/")
    assert response.status_code == 200
    html = response.content.decode()
    (section,) = re.findall(r'<section class="related".*?</section>', html, flags=re.S)
    return sorted(re.findall(r'href="/news/([^/"]+)/"', section))


EVERY = ["crossing", "tide", "timetable"]


@pytest.mark.parametrize("cache", ["pages kept", "fragments kept", "nothing kept"])
def test_related_pieces_leave_out_those_a_reader_hides_as_the_index_does(
    client, settings, ferry_pieces, cache
):
    if cache == "fragments kept":
        settings.PAGE_CACHE_SECONDS = 0
    elif cache == "nothing kept":
        settings.CACHES = NOTHING_KEPT

    # Each choice in turn, and again, so a page or fragment kept for one never answers another.
    for _ in range(2):
        assert related(client) == EVERY
        assert related(client, "all") == ["timetable"]
        assert related(client, "low-tide-at-marrow-bay") == ["crossing", "timetable"]
        assert related(client, "none") == EVERY
        # A value the site would not set is no choice, as on the index.
        assert related(client, "no-such-show") == EVERY


def test_the_index_and_the_related_list_hide_the_same_pieces(client, ferry_pieces):
    client.cookies["hide_spoilers"] = "all"
    listed = client.get("/news/", {"tag": "ferries"}).context["articles"]

    assert sorted(a.slug for a in listed if a.slug != "reading") == related(client, "all")


def test_an_article_page_tells_the_edge_it_varies_by_the_cookie(client, ferry_pieces):
    response = client.get("/news/reading/")

    assert has_vary_header(response, "Cookie")


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_an_article_takes_no_spoiler_choice_from_its_address(
    client, editor_client, ferry_pieces, who
):
    # Only listings offer the choice: an article kept once per value typed after it would let
    # anyone fill the cache, and a link could set a reader's cookie from any page. An editor's
    # pages, which no cache keeps, read the request as it came, and take none either.
    browser = editor_client if who == "editor" else client
    browser.cookies["hide_spoilers"] = "all"
    response = browser.get("/news/reading/", {"hide_spoilers": "none"})

    assert "hide_spoilers" not in response.cookies
    assert [a.slug for a in response.context["related"].pieces] == ["timetable"]


@pytest.mark.parametrize("cache", ["fragments kept", "nothing kept"])
def test_a_related_piece_carries_its_warnings_as_its_card_does(
    client, settings, ferry_pieces, cache
):
    # A reader who lists every piece still sees which related ones would spoil a show before
    # following them, as the index's cards tell them.
    settings.PAGE_CACHE_SECONDS = 0
    if cache == "nothing kept":
        settings.CACHES = NOTHING_KEPT

    html = client.get("/news/reading/").content.decode()

    (section,) = re.findall(r'<section class="related".*?</section>', html, flags=re.S)
    items = dict(re.findall(r'<li><a href="/news/([^/"]+)/">(.*?)</li>', section, flags=re.S))
    badge = '<span class="badge badge--warning">{}</span>'
    assert badge.format("Spoilers: Low Tide at Marrow Bay") in items["tide"]
    assert badge.format("Spoilers: The Crossing") in items["crossing"]
    assert "badge" not in items["timetable"]


def related_status(client, hide_spoilers: str | None = None) -> str:
    """What the related list of /news/reading/ says of the pieces it leaves out, as text."""
    if hide_spoilers is None:
        client.cookies.pop("hide_spoilers", None)
    else:
        client.cookies["hide_spoilers"] = hide_spoilers
    html = client.get("/news/reading/").content.decode()
    sections = re.findall(r'<section class="related".*?</section>', html, flags=re.S)
    found = re.findall(
        r'<p class="spoiler-status" role="status">(.*?)</p>', "".join(sections), re.S
    )
    return " ".join(" ".join(found).split())


CHOICE_LINK = '<a href="/news/#hide-spoilers">Change which pieces you see</a>'


@pytest.mark.parametrize("cache", ["pages kept", "fragments kept", "nothing kept"])
def test_the_related_list_says_how_many_pieces_it_leaves_out_with_a_link_to_the_choice(
    client, settings, ferry_pieces, cache
):
    if cache == "fragments kept":
        settings.PAGE_CACHE_SECONDS = 0
    elif cache == "nothing kept":
        settings.CACHES = NOTHING_KEPT

    for _ in range(2):
        assert related_status(client) == ""
        assert related_status(client, "all") == (
            f"2 related pieces with spoilers are hidden. {CHOICE_LINK}"
        )
        assert related_status(client, "low-tide-at-marrow-bay") == (
            f"1 related piece with spoilers for Low Tide at Marrow Bay is hidden. {CHOICE_LINK}"
        )
        assert related_status(client, "none") == ""
        assert related_status(client, "no-such-show") == ""


def test_the_related_list_says_so_when_it_leaves_out_every_piece(client, ferry_pieces):
    Article.objects.get(slug="timetable").tags.clear()

    assert related(client, "all") == []
    assert related_status(client, "all") == (
        f"2 related pieces with spoilers are hidden. {CHOICE_LINK}"
    )


def test_a_hidden_piece_that_would_not_have_been_listed_is_not_counted(client, ferry_pieces):
    # Three pieces sharing both topics rank above the spoilers, which share one: the list
    # is the same whether the reader hides them or not.
    Article.objects.get(slug="reading").tags.add("Winter")
    for number in range(3):
        ArticleFactory(slug=f"winter-{number}", tag_names=["Ferries", "Winter"])

    assert related(client, "all") == related(client) == ["winter-0", "winter-1", "winter-2"]
    assert related_status(client, "all") == ""


def test_the_count_follows_a_hidden_piece_losing_its_warning(client, settings, ferry_pieces):
    settings.PAGE_CACHE_SECONDS = 0
    assert related_status(client, "all").startswith("2 related pieces")

    ContentWarning.objects.get(article__slug="tide").delete()

    assert related(client, "all") == ["tide", "timetable"]
    assert related_status(client, "all").startswith("1 related piece with")


def test_the_index_links_the_related_lists_words_to_its_choice(client, ferry_pieces):
    html = client.get("/news/").content.decode()

    assert '<select id="hide-spoilers" name="hide_spoilers">' in html
