"""An editor publishes the op-ed DESIGN.md describes; a reader finds it, reads it, reveals the
inline spoiler by keyboard and goes back to the news."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_picture_loaded, sign_in
from tests.conftest import image_bytes
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "What a TV show teaches us about work"


def add_byline(page, row: int, name: str) -> None:
    page.locator(".add-row a", has_text="Add another Byline").click()
    form = page.locator(f"#bylines-{row}")
    form.locator(f"input[name='bylines-{row}-position']").fill(str(row))
    form.locator(".select2-selection").click()
    # The search box of the dropdown just opened (a release's media contacts have one inline).
    page.locator(".select2-dropdown .select2-search__field").fill(name.split()[0])
    page.locator(".select2-results__option", has_text=name).click()


def reveal_inline_spoiler_by_keyboard(page, passage: str) -> None:
    """Tab to the spoiler's control, reveal it with the space bar, and hide it again."""
    hidden = page.get_by_text(passage)
    expect(hidden).to_be_hidden()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('spoiler__button')"):
            break
    else:
        pytest.fail("the spoiler's control cannot be reached with the Tab key")
    page.keyboard.press("Space")
    expect(hidden).to_be_visible()
    expect(page.get_by_role("button", name="Hide spoiler", expanded=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(hidden).to_be_hidden()


def test_an_editor_publishes_an_op_ed_and_a_reader_reads_it(open_page, editor):
    AuthorFactory(name="Dana Whitfield", slug="dana-whitfield", role="Co-CEO")
    AuthorFactory(name="Marcus Ellis", slug="marcus-ellis", role="Co-CEO")
    desk = open_page()
    page = desk.page

    sign_in(page, "editor")
    page.goto("/admin/articles/article/add/")
    page.locator("#id_kind").select_option(label="Op-ed")
    page.get_by_label("Headline").press_sequentially(HEADLINE)
    assert page.get_by_label("Slug").input_value() == "what-a-tv-show-teaches-us-about-work"
    page.get_by_label("Summary (dek)").fill("Lessons from season one for every team.")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.type("The first season ends with the team rebuilding the office. ")
    page.keyboard.press("Control+Alt+s")  # the editor's spoiler mark, on and off again
    page.keyboard.type("The boss never comes back.")
    page.keyboard.press("Control+Alt+s")
    page.locator("#id_featured_image").set_input_files(
        files=[{"name": "office.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    # The featured image's: the media kit's empty form has an "Alt text" too.
    page.locator("#id_featured_image_alt").fill("The cast standing in an empty office")
    add_byline(page, 0, "Dana Whitfield")
    add_byline(page, 1, "Marcus Ellis")
    page.locator(".add-row a", has_text="Add another Warning").click()
    page.locator("#id_warnings-0-kind").select_option("spoilers")
    page.locator("#id_warnings-0-text").fill("contains spoilers for season one")
    page.get_by_role("button", name="Publish now").click()

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    desk.assert_clean()

    reader = open_page()
    page = reader.page
    page.goto("/news/")
    page.get_by_role("link", name=f"Op-ed: {HEADLINE}").click()
    page.wait_for_url("**/news/what-a-tv-show-teaches-us-about-work/")

    assert page.locator("h1").inner_text() == f"Op-ed: {HEADLINE}"
    assert page.locator(".byline").inner_text() == (
        "By Dana Whitfield, Co-CEO, Northwind Labs; and Marcus Ellis, Co-CEO, Northwind Labs"
    )
    assert page.get_by_role("note").inner_text() == "(Warning: contains spoilers for season one)"
    image = page.get_by_role("img", name="The cast standing in an empty office")
    # Loaded: a rendition sized for the layout, so any width but none.
    assert_picture_loaded(image)
    reveal_inline_spoiler_by_keyboard(page, "The boss never comes back.")
    page.get_by_role("link", name="Back to News").click()
    page.wait_for_url(re.compile(r"/news/$"))
    reader.assert_clean()
