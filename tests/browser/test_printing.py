"""An article as it prints: the piece and what belongs to it, black on white, without the site's
navigation, forms and links onward; a spoiler the reader has not revealed stays hidden."""

import pytest

from articles.models import Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

SPOILER = "the captain sinks the ferry"
SOURCE = "https://example.com/the-ferry-report"

VISIBLE = """(selector) => [...document.querySelectorAll(selector)].some(
  (element) => element.getClientRects().length > 0
    && getComputedStyle(element).visibility !== "hidden"
)"""


@pytest.fixture
def printed(browser, live_server):
    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def article():
    piece = ArticleFactory(
        slug="ferry",
        headline="The ferry's last crossing",
        body=f'<p>Read <a href="{SOURCE}">the report</a>; in the end '
        f'<span class="spoiler">{SPOILER}</span>.</p>',
        spoiler_warning="contains spoilers for the finale",
        origin_url="https://medium.com/@dana/the-ferry",
        tag_names=["ferries"],
    )
    Correction.objects.create(
        article=piece, kind="correction", text="An earlier version named the wrong harbour."
    )
    ArticleFactory(headline="Ferries in winter", tag_names=["ferries"])
    return piece


def test_an_article_prints_without_the_sites_chrome_and_keeps_its_spoilers_hidden(printed, article):
    printed.goto("/news/ferry/")
    assert printed.evaluate(VISIBLE, ".related"), "the related pieces show on screen"
    printed.emulate_media(media="print")

    for chrome in (
        ".skip-link",
        ".site-nav",
        ".site-search",
        ".site-header__search",
        ".alerts-signup",
        ".back-link",
        ".related",
        ".topics",
        ".site-footer",
    ):
        assert not printed.evaluate(VISIBLE, chrome), chrome
    for kept in (
        ".site-name",
        ".article__headline",
        ".byline",
        ".dateline",
        ".article__body",
        ".attribution",
        ".corrections",
        ".content-warning",
    ):
        assert printed.evaluate(VISIBLE, kept), kept
    assert printed.get_by_text("Read the report").is_visible()
    assert printed.get_by_text(SPOILER).is_hidden()
    link_after = printed.evaluate(
        """getComputedStyle(document.querySelector('.article__body a'), '::after').content"""
    )
    assert SOURCE in link_after
    # Black on white, whatever the reader's scheme on screen.
    colours = printed.evaluate(
        """[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
            getComputedStyle(document.querySelector('.article__headline')).color]"""
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]


def test_a_spoiler_the_reader_revealed_prints(printed, article):
    printed.goto("/news/ferry/")
    printed.get_by_role("button", name="Show spoiler").click()
    printed.emulate_media(media="print")

    assert printed.get_by_text(SPOILER).is_visible()
