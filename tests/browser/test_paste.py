"""A LinkedIn post copied in Chromium and pasted into "Add cross-posted piece", as staff do it.

The post is a page laid out like LinkedIn's feed (tests/articles/crosspost/corpus/pages/):
Chromium selects it and copies it to its clipboard, and pastes it into the form, where
paste-html.js keeps the clipboard's HTML. The check step must show the real headline, the
warning with its subject and the author's card as removed, and make the draft.
"""

import json

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.crosspost.test_corpus import CORPUS
from tests.browser.conftest import AXE_SCRIPT, sign_in
from tests.browser.test_accessibility import RUN_AXE

pytestmark = pytest.mark.django_db(transaction=True)

POST = CORPUS / "pages" / "linkedin_post_edited.html"
ORIGIN = "https://www.linkedin.com/posts/priya-raman_succession-activity-7282000000000000001"
SELECT_POST = """() => {
  const range = document.createRange();
  range.setStartBefore(document.querySelector("[data-copy-from]"));
  range.setEndAfter(document.querySelector("[data-copy-to]"));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def copy_the_post(context) -> None:
    """Select the post on its page and copy it with Ctrl+C, as a person would."""
    source = context.new_page()
    source.route("**/*", lambda route: route.abort())  # its pictures stay unfetched
    source.set_content(POST.read_text(encoding="utf-8"))
    source.evaluate(SELECT_POST)
    source.keyboard.press("Control+C")
    source.close()


def test_a_formatted_linkedin_post_pasted_in_chromium_becomes_a_checked_draft(
    open_page, editor, node_modules
):
    watched = open_page(AXE_SCRIPT)
    page = watched.page
    sign_in(page, "editor")
    copy_the_post(page.context)

    page.goto("/admin/articles/article/add-cross-post/")
    page.get_by_label("Original URL").fill(ORIGIN)
    page.get_by_label("…or add a new author: name").fill("Priya Raman")
    page.get_by_role("textbox", name="The piece").click()
    page.keyboard.press("Control+V")

    expect(page.locator("#paste-status")).to_have_text(
        "Formatting kept from the clipboard: headings, lists, links, bold and italic."
    )
    assert "update-components-actor__title" in page.locator("#id_pasted_html").input_value()
    page.get_by_role("button", name="Check the piece").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the piece before the draft is made"
    )
    headline = "What a TV boardroom taught me about our own succession plan."
    expect(page.get_by_label("Headline")).to_have_value(headline)
    expect(page.get_by_label("Slug")).to_have_value(
        "what-a-tv-boardroom-taught-me-about-our-own-succession-plan"
    )
    expect(page.locator("#id_kind")).to_have_value("op-ed")
    expect(page.get_by_label("Kind of warning")).to_have_value("spoilers")
    expect(page.get_by_label("Warning text")).to_have_value(
        "contains spoilers for the final season of Succession"
    )
    expect(page.get_by_label("Spoils")).to_have_value("Succession")
    preview = page.locator(".paste-preview__text")
    expect(preview).to_contain_text("We finished the last episode on a Sunday night")
    expect(preview).not_to_contain_text("Priya Raman")
    removed = page.locator(".paste-removed")
    for line in ["Priya Raman • 2nd", "2d • Edited •", "#leadership #engineering #succession"]:
        expect(removed.get_by_text(line, exact=True)).to_be_visible()
    watched.assert_clean()
    violations = page.evaluate(RUN_AXE)
    assert violations == [], json.dumps(violations, indent=2)
    watched.console_errors.clear()  # axe's probes set inline styles the policy refuses

    page.get_by_label("Headline").fill("Who holds the keys when you leave")
    page.get_by_role("button", name="Make the draft").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "The draft op-ed “Who holds the keys when you leave” was made from the pasted piece."
    )
    article = Article.objects.get()
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    assert (article.slug, article.status) == ("who-holds-the-keys-when-you-leave", "draft")
    assert article.lead_author.name == "Priya Raman"
    assert article.warnings.get().subject == "Succession"
    assert article.body.startswith("<p>We finished the last episode on a Sunday night")
    watched.assert_clean()
