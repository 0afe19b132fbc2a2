"""A picture in the text without typing HTML: the editor's "Insert figure" dialog, its
"Browse…" picker of the site's pictures, and the figure on the published page."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import assert_picture_loaded, sign_in, wait_for_editors
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_puts_a_picture_from_the_site_in_the_text(open_page, editor, make_upload):
    ArticleFactory(
        headline="Ferry season opens",
        featured_image=make_upload("ferry.jpg"),
        featured_image_alt="The ferry leaving the harbour at dawn",
        featured_image_caption="The first crossing",
        featured_image_credit="Photo: Harbour Trust",
    )
    article = ArticleFactory(
        headline="Timetables", body="<p>New times from May.</p>", status="draft"
    )
    watched = open_page()
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    wait_for_editors(page)

    page.locator(".field-body [contenteditable=true]").click()
    page.locator(".field-body .prose-menubar__button[title='figure']").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse...").click()
    picker = opened.value
    use = picker.get_by_role("button", name="Use this picture")
    use.wait_for()
    with picker.expect_event("close"):
        # Clicked from a timer: the click closes the window, which a click that waits on its
        # own outcome may report as an error, however the race between them goes.
        use.evaluate("button => setTimeout(() => button.click())")
    expect(dialog.get_by_label("Alternative Text")).to_have_value(
        "The ferry leaving the harbour at dawn"
    )
    expect(dialog.get_by_label("Caption")).to_have_value("The first crossing Photo: Harbour Trust")
    dialog.get_by_role("button", name="Insert").click()
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    body = Article.objects.get(pk=article.pk).body
    assert '<img src="/media/' in body
    assert 'alt="The ferry leaving the harbour at dawn"' in body
    assert "<figcaption" in body
    # The draft at its own address, as its editor previews it: the picture loads under the CSP.
    page.goto(Article.objects.get(pk=article.pk).get_absolute_url())
    picture = page.locator(".article__body figure img")
    expect(picture).to_have_attribute("alt", "The ferry leaving the harbour at dawn")
    assert_picture_loaded(picture)
    expect(page.locator(".article__body figcaption")).to_have_text(
        "The first crossing Photo: Harbour Trust"
    )
    watched.assert_clean()
