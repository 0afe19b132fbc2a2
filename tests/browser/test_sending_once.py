"""An admin form is sent once: a double click on its button or a second Enter before the next
page arrives makes one article, not two; a page the browser brings back (Back, from its
back-forward cache) has its buttons working again."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import sign_in, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Double submit test"
ADD = "/admin/articles/article/add/"


def start_a_draft(page) -> None:
    page.goto(ADD)
    page.get_by_label("Headline").press_sequentially(HEADLINE)
    expect(page.get_by_label("Slug")).to_have_value("double-submit-test")


def test_a_double_click_on_save_draft_makes_one_draft(watched):
    staff_member("colin", "Contributors")
    page = watched.page
    sign_in(page, "colin")
    start_a_draft(page)

    # A person's double click: the second comes as the first is being sent.
    box = page.get_by_role("button", name="Save draft").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(80)
    page.mouse.click(x, y)

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    assert list(Article.objects.values_list("slug", flat=True)) == ["double-submit-test"]
    # The page the save led to has its buttons working.
    expect(page.get_by_role("button", name="Save draft")).to_be_enabled()
    watched.assert_clean()


def test_enter_pressed_twice_in_the_headline_makes_one_draft(watched, editor):
    page = watched.page
    sign_in(page, "editor")
    start_a_draft(page)

    page.get_by_label("Headline").press("Enter")
    page.wait_for_timeout(80)
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    assert list(Article.objects.values_list("slug", flat=True)) == ["double-submit-test"]
    watched.assert_clean()


def test_the_buttons_work_again_on_a_page_the_browser_brings_back(watched, editor):
    page = watched.page
    sign_in(page, "editor")
    start_a_draft(page)
    # The save is answered with nothing to show, so the page stays as it was left: as when the
    # browser keeps it in its back-forward cache.
    page.route(
        f"**{ADD}",
        lambda route: (
            route.fulfill(status=204) if route.request.method == "POST" else route.continue_()
        ),
    )
    save = page.get_by_role("button", name="Save draft")

    save.click()

    expect(save).to_be_disabled()
    expect(page.get_by_role("button", name="Publish now")).to_be_disabled()
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(save).to_be_enabled()
    expect(page.get_by_role("button", name="Publish now")).to_be_enabled()
    assert not Article.objects.exists()
    watched.assert_clean()
