"""Autosave in Chromium: an editor's typing outlives a closed tab, and comes back on request."""

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, DraftBuffer
from tests.browser.conftest import sign_in, wait_for_editors
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.autosave]


def test_an_editor_closes_the_tab_mid_edit_reopens_the_article_and_restores_the_text(
    open_page, editor
):
    article = ArticleFactory(
        kind="op-ed",
        status="draft",
        headline="Plan in seasons",
        body="<p>The first season ends well.</p>",
        authors=[AuthorFactory(name="Dana Whitfield")],
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    watched = open_page()
    page = watched.page
    sign_in(page, "editor")
    page.goto(url)
    wait_for_editors(page)
    revisions = Version.objects.get_for_object(article).count()

    headline = page.get_by_label("Headline")
    headline.fill("")
    headline.press_sequentially("Plan in seasons, not years")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("The first season ends well.")
    page.keyboard.press("Enter")
    page.keyboard.type("The second season is about listening.")
    with page.expect_response(lambda answer: answer.url.endswith("/autosave/")) as kept:
        pass
    assert kept.value.ok
    expect(page.locator("#autosave-status")).to_contain_text("Unsaved changes kept for you at")
    watched.assert_clean()
    page.close()  # the tab, mid-edit: nothing was saved

    article.refresh_from_db()
    assert article.headline == "Plan in seasons"
    assert "listening" not in article.body
    assert Version.objects.get_for_object(article).count() == revisions

    page = watched.page.context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(url)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("You have unsaved changes from")
    expect(page.locator("#autosave-noscript")).to_be_hidden()
    expect(page.get_by_label("Headline")).to_have_value("Plan in seasons")
    wait_for_editors(page)
    page.get_by_role("button", name="Restore unsaved changes from").click()

    expect(offer).to_have_count(0)
    expect(page.get_by_label("Headline")).to_have_value("Plan in seasons, not years")
    body = page.locator(".field-body [contenteditable=true]")
    expect(body).to_contain_text("The second season is about listening.")
    expect(page.locator("#body-word-count")).to_contain_text("11 words")
    expect(page.locator(".serp-preview__title")).to_contain_text("Plan in seasons, not years")
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.headline == "Plan in seasons, not years"
    assert "<p>The second season is about listening.</p>" in article.body
    assert Version.objects.get_for_object(article).count() == revisions + 1
    assert not DraftBuffer.objects.exists()
    page.goto(url)
    expect(page.locator("#autosave-offer")).to_have_count(0)
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []


def test_discarding_kept_changes_leaves_the_article_as_saved(open_page, editor):
    article = ArticleFactory(status="draft", headline="As saved")
    DraftBuffer.objects.create(
        article=article,
        user=editor,
        fields={"headline": "Typed, never saved"},
        based_on_version=article.version,
        based_on_token=f"{article.version}:0",
    )
    watched = open_page()
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    page.get_by_role("button", name="Discard").click()

    expect(page.locator("#autosave-status")).to_have_text("The unsaved changes were discarded.")
    expect(page.get_by_label("Headline")).to_have_value("As saved")
    assert not DraftBuffer.objects.exists()
    assert Article.objects.get().headline == "As saved"
    watched.assert_clean()


def test_without_javascript_the_offer_says_that_restoring_needs_it(browser, live_server, editor):
    article = ArticleFactory(status="draft")
    DraftBuffer.objects.create(
        article=article,
        user=editor,
        fields={"headline": "Typed"},
        based_on_version=article.version,
        based_on_token=f"{article.version}:0",
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "editor")
        page.goto(f"/admin/articles/article/{article.pk}/change/")

        expect(page.locator("#autosave-noscript")).to_contain_text(
            "Autosave and restoring need JavaScript"
        )
        expect(page.locator("#autosave-noscript")).to_contain_text("nothing is lost")
        expect(page.get_by_role("button", name="Restore unsaved changes from")).to_be_hidden()
    finally:
        context.close()


def test_text_nested_too_deep_to_keep_is_refused_and_the_editor_told_why(open_page, editor):
    article = ArticleFactory(
        status="draft",
        headline="Plan in seasons",
        body="<p>The first season ends well.</p>",
        authors=[AuthorFactory(name="Dana Whitfield")],
    )
    watched = open_page()
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    wait_for_editors(page)

    # What a hand-made request (or a script) puts in the body: no paste goes this deep.
    with page.expect_response(lambda answer: answer.url.endswith("/autosave/")) as refused:
        page.evaluate(
            """() => {
                const body = document.getElementById("id_body")
                body.value = "<ul><li>".repeat(20000) + "words"
                body.form.dispatchEvent(new Event("input", { bubbles: true }))
            }"""
        )

    assert refused.value.status == 422
    expect(page.locator("#autosave-status")).to_have_text(
        "Your latest changes could not be kept: the body is nested more than 512 levels deep "
        "(elements inside elements), deeper than any browser shows a page. Paste it again as "
        "plain text, or simplify it."
    )
    assert not DraftBuffer.objects.exists()
