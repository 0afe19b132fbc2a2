"""What a reader sees before scrolling, on a phone and a desktop, with the demo content and no
JavaScript: the news index's lead and newest story, search results in the index's cards, and
filters that still work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def reader(browser, live_server, serve_media):
    """A browser page on the live server with JavaScript off, as some readers have it."""
    contexts = []

    def open_at(viewport: dict):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, java_script_enabled=False
        )
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


def headline_link(page, article):
    return page.get_by_role("link", name=f"{article.kind_label}: {article.headline}", exact=True)


def assert_on_first_screen(locator, viewport: dict) -> None:
    box = locator.bounding_box()
    assert box is not None, "not shown"
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= viewport["height"], (
        f"ends {box['y'] + box['height']:.0f}px down a {viewport['height']}px screen"
    )


@VIEWPORTS
def test_stories_come_first_and_the_filters_and_search_still_work(reader, demo, viewport):
    # One test, since making the demo content takes longer than each check.
    page = reader(viewport)

    the_newest_story_and_the_lead_are_on_the_first_screen(page, demo, viewport)
    the_filters_work_from_the_first_screen(page)
    search_results_are_the_indexs_cards_with_their_snippets(page, viewport)


def the_newest_story_and_the_lead_are_on_the_first_screen(page, demo, viewport):
    assert demo.lead != demo.newest  # the demo features an older piece

    page.goto("/news/")

    assert_on_first_screen(headline_link(page, demo.newest), viewport)
    assert_on_first_screen(headline_link(page, demo.lead), viewport)
    # Nothing is cut off sideways.
    assert page.evaluate("document.documentElement.scrollWidth") == viewport["width"]


def the_filters_work_from_the_first_screen(page):
    page.goto("/news/")
    filters = page.get_by_role("navigation", name="Kinds of article")

    filters.get_by_role("link", name="Op-ed", exact=True).click()

    expect(page).to_have_url(re.compile(r"/news/\?kind=op-ed$"))
    expect(page.get_by_text("Showing op-ed articles.")).to_be_visible()
    page.locator("summary", has_text="Spoilers").click()
    page.get_by_label("Which pieces to list").select_option(label="Hide pieces with spoilers")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Pieces with spoilers are hidden.")).to_be_visible()
    expect(page.get_by_role("link", name="Show them")).to_have_attribute(
        "href", "?kind=op-ed&hide_spoilers=none"
    )


def search_results_are_the_indexs_cards_with_their_snippets(page, viewport):
    page.goto("/news/search/?q=ferry&hide_spoilers=none")

    first = page.locator(".card-list > li").first
    expect(first.locator(".card__snippet mark").first).to_be_visible()
    assert_on_first_screen(first.locator(".card__headline"), viewport)
    pictured = page.locator(".card-list > li", has=page.locator(".card__image")).first
    image = pictured.locator(".card__image img")
    # A card's picture, not one as wide as the page.
    assert image.bounding_box()["width"] <= viewport["width"] / 2
