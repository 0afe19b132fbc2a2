"""axe-core finds no accessibility violations on any public page, nor on the editor's desk and
the article form an editor writes in, on a phone or a desktop."""

import json

import pytest
from django.utils import timezone

from articles.models import Article, DraftBuffer
from tests.browser.conftest import AXE_SCRIPT, DESKTOP, PHONE, sign_in, wait_for_editors
from tests.browser.pages import desk_sample, publish_sample
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    where: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
}"""


@pytest.mark.parametrize(
    ("viewport", "scheme"),
    [(PHONE, "light"), (DESKTOP, "light"), (DESKTOP, "dark")],
    ids=["phone", "desktop", "desktop in the dark scheme"],
)
def test_axe_finds_no_violations_on_public_pages(
    open_page, node_modules, make_upload, viewport, scheme
):
    pages = publish_sample(make_upload)
    watched = open_page(AXE_SCRIPT)
    page = watched.page
    page.set_viewport_size(viewport)
    # Its colour-contrast rule reads the colours of the reader's scheme.
    page.emulate_media(color_scheme=scheme)

    found = {}
    for name, path in pages.items():
        page.goto(path)
        if violations := page.evaluate(RUN_AXE):
            found[name] = violations

    assert found == {}, json.dumps(found, indent=2)


def test_axe_finds_no_violations_on_an_article_read_without_its_script(
    open_page, node_modules, make_upload
):
    # Its spoiler's control is then the page's own switch, not the script's button. axe needs
    # scripts (its timers), so the page's one script is kept from it instead of all of them.
    article = publish_sample(make_upload)["article"]
    page = open_page(AXE_SCRIPT).page
    page.set_viewport_size(PHONE)
    page.route("**/spoilers.js", lambda route: route.abort())

    page.goto(article)
    found = {"spoiler hidden": page.evaluate(RUN_AXE)}
    page.get_by_role("switch", name="Show spoiler").first.click()
    found["spoiler shown"] = page.evaluate(RUN_AXE)

    assert found == {"spoiler hidden": [], "spoiler shown": []}, json.dumps(found, indent=2)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_the_article_form_and_it_never_scrolls_sideways(
    open_page, node_modules, make_upload, editor, viewport
):
    publish_sample(make_upload)
    op_ed = Article.objects.get(slug="what-a-tv-show-teaches-us-about-work")
    # The form as it opens after a closed tab: with the offer to restore unsaved changes.
    DraftBuffer.objects.create(
        article=op_ed,
        user=editor,
        fields={"headline": op_ed.headline},
        based_on_version=op_ed.version - 1,
        based_on_token=f"{op_ed.version - 1}:0",
    )
    # A piece in review: its form offers "Return to draft" with a note to the writer.
    in_review = ArticleFactory(status="in-review", published_at=None)
    # A piece returned to its writer: its notice names who returned it, when, and the note.
    returned = ArticleFactory(
        status="draft",
        published_at=None,
        return_note="A second source.",
        returned_by=editor,
        returned_at=timezone.now(),
    )
    watched = open_page(AXE_SCRIPT)
    page = watched.page
    page.set_viewport_size(viewport)
    sign_in(page, "editor")

    found, wide = {}, {}
    for name, path in {
        "change form": f"/admin/articles/article/{op_ed.pk}/change/",
        "add form": "/admin/articles/article/add/",
        "piece in review": f"/admin/articles/article/{in_review.pk}/change/",
        "returned piece": f"/admin/articles/article/{returned.pk}/change/",
    }.items():
        page.goto(path)
        wait_for_editors(page)
        if name == "change form":
            assert page.locator("#autosave-offer").is_visible()
        if name == "returned piece":
            assert (
                "Returned to draft by editor on"
                in page.locator(".publishing__returned").inner_text()
            )
        if violations := page.evaluate(RUN_AXE):
            found[name] = violations
        if (width := page.evaluate("document.documentElement.scrollWidth")) > viewport["width"]:
            wide[name] = width

    assert found == {}, json.dumps(found, indent=2)
    assert wide == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_the_desk(open_page, node_modules, editor, viewport):
    pages = desk_sample(editor)
    watched = open_page(AXE_SCRIPT)
    page = watched.page
    page.set_viewport_size(viewport)
    sign_in(page, "editor")

    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, path
        assert {"private", "no-store"} <= set(response.headers["cache-control"].split(", "))
        policy = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy, path
        # Each page as it loads, before axe: axe reads a stylesheet's @import (Django's
        # forms.css imports widgets.css on the Move page) by adding its text as a <style>
        # element, which the policy blocks as it would any inline style.
        watched.assert_clean()
        if violations := page.evaluate(RUN_AXE):
            found[name] = violations
        watched.console_errors.clear()

    assert found == {}, json.dumps(found, indent=2)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_the_move_page(open_page, node_modules, editor, viewport):
    planned = ArticleFactory(
        headline="Interview", status="draft", published_at=None, planned_for=timezone.now()
    )
    page = open_page(AXE_SCRIPT).page
    page.set_viewport_size(viewport)
    sign_in(page, "editor")

    assert page.goto(f"/admin/desk/articles/{planned.pk}/move/").status == 200

    assert page.evaluate(RUN_AXE) == []
    group = page.get_by_role("group", name="New time")
    assert group.get_by_label("New date").is_visible()
    assert group.get_by_label("New time of day").is_visible()
