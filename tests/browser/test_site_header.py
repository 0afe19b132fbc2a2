"""The site header on a 360-pixel phone: every section of the navigation is on screen, none
hidden past the edge, and a long site name keeps the link to search beside it."""

import pytest

from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_360 = {"width": 360, "height": 740}
LONG_NAME = "Northwind Labs Newsroom 24"

# Each navigation link's box, and the page's and the navigation's own right edges.
MEASURE = """() => ({
  pageWidth: document.documentElement.scrollWidth,
  navRight: document.querySelector(".site-nav").getBoundingClientRect().right,
  links: [...document.querySelectorAll(".site-nav a")].map((link) => {
    const box = link.getBoundingClientRect();
    return {text: link.textContent, left: box.left, right: box.right};
  }),
})"""
BOX = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right};
}"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE_360)
    yield context.new_page()
    context.close()


@pytest.fixture
def crowded_site():
    SiteSettings(site_name=LONG_NAME).save()
    for order, title in enumerate(["About", "Media contacts", "Press kit"]):
        SitePageFactory(title=title, nav_order=order)
    ArticleFactory(slug="ferry")


@pytest.mark.parametrize("path", ["/news/", "/news/ferry/"])
def test_every_section_of_the_navigation_is_on_a_360_pixel_screen(phone, crowded_site, path):
    phone.goto(path)

    measured = phone.evaluate(MEASURE)

    assert measured["pageWidth"] <= PHONE_360["width"]
    assert [link["text"] for link in measured["links"]] == [
        "News",
        "Press",
        "About",
        "Media contacts",
        "Press kit",
    ]
    off_screen = [
        link["text"]
        for link in measured["links"]
        if link["left"] < 0 or link["right"] > min(measured["navRight"], PHONE_360["width"])
    ]
    assert off_screen == []


def test_a_long_site_name_keeps_the_search_link_on_its_line(phone, crowded_site):
    assert len(LONG_NAME) >= 25
    phone.goto("/news/")

    name = phone.evaluate(BOX, ".site-name")
    search = phone.evaluate(BOX, ".site-header__search")

    assert phone.get_by_role("link", name=LONG_NAME).is_visible()
    assert search["top"] < name["bottom"], "the search link dropped below the name"
    assert search["right"] <= PHONE_360["width"]
