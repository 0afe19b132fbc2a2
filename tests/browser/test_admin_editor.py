import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_rich_text_editor_loads_and_writes_under_the_content_security_policy(watched, editor):
    page = watched.page
    sign_in(page, "editor")
    response = page.goto("/admin/articles/article/add/")

    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "'nonce-" in policy
    body = page.locator(".field-body [contenteditable=true]")
    body.click()
    page.keyboard.type("Typed in the editor.")

    assert page.locator("textarea#id_body").input_value() == "<p>Typed in the editor.</p>"
    watched.assert_clean()


def test_every_admin_page_an_editor_works_in_loads_cleanly_under_the_policy(watched, editor):
    article = ArticleFactory(tag_names=["Culture"])
    page = watched.page
    sign_in(page, "editor")
    for path in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/article/add-cross-post/",
        "/admin/articles/author/add/",
        "/admin/newsroom/sitepage/add/",
        "/admin/newsroom/sitesettings/",
        "/admin/taggit/tag/",
        "/admin/auth/user/add/",
        "/admin/axes/accessattempt/",
        "/admin/desk/calendar/",
        "/admin/desk/calendar/week/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        if editor_fields := page.locator("[data-django-prose-editor-configurable]").count():
            expect(page.locator("[contenteditable=true]")).to_have_count(editor_fields)

    watched.assert_clean()


def test_the_tags_field_shows_every_tag_it_holds(watched, editor):
    names = [f"Topic number {number}" for number in range(15)]
    article = ArticleFactory(tag_names=names)
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    box = page.locator("#id_tags")

    assert all(name in box.input_value() for name in names)
    assert box.evaluate("box => box.scrollHeight <= box.clientHeight + 1"), "tags are cut off"
    box.press("End")
    box.type(", One more topic")
    assert box.evaluate("box => box.scrollHeight <= box.clientHeight + 1"), "the box did not grow"
    watched.assert_clean()


def test_the_editor_keeps_a_spoiler_outside_the_link_on_its_words(watched, editor):
    article = ArticleFactory(body="<p>Intro.</p>")
    # Stored the other way round, as the editor wrote it while links outranked spoilers.
    Article.objects.filter(pk=article.pk).update(
        body='<p>Intro.</p><p>Then <a href="https://example.com/recap"><span class="spoiler">'
        'the captain</span></a><span class="spoiler"> sinks</span>.</p>'
    )
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(".field-body [contenteditable=true] p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" More.")

    assert page.locator("textarea#id_body").input_value() == (
        '<p>Intro. More.</p><p>Then <span class="spoiler"><a href="https://example.com/recap">'
        "the captain</a> sinks</span>.</p>"
    )
    watched.assert_clean()
