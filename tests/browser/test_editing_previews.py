"""The change form's previews in Chromium: they follow the editor's typing, and say exactly
what the published page says about itself."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Everything an article page says about itself to search engines and networks.
HEAD_META = {"description", "robots", "twitter:card", "twitter:title", "twitter:description"}


def described(html: str) -> dict:
    """The title, canonical link and description, Open Graph and X tags of a page's head."""
    soup = BeautifulSoup(html, "html.parser")
    tags = [
        (meta.get("property") or meta.get("name"), meta["content"])
        for meta in soup.find_all("meta")
        if meta.get("property") or meta.get("name") in HEAD_META
    ]
    canonical = soup.find("link", rel="canonical")
    return {"title": soup.title.string, "canonical": canonical["href"], "meta": tags}


def shown_in_previews(page) -> tuple[dict, dict]:
    """What the previews show: the page's tags as written, and each preview's visible text."""
    written = "<head>" + page.locator("#preview-tags code").text_content() + "</head>"
    visible = {
        name: page.locator(selector).inner_text()
        for name, selector in {
            "search title": ".serp-preview__title",
            "share title": "#preview-share .share-preview__title",
            "x title": "#preview-x .share-preview__title",
        }.items()
    }
    return described(written), visible


def shortened(full: str, shown: str) -> bool:
    return shown == full or (shown.endswith("…") and full.startswith(shown[:-1].rstrip()))


def test_an_editor_types_a_headline_and_sees_the_google_and_linkedin_previews_change(
    watched, editor
):
    article = ArticleFactory(
        kind="op-ed", headline="Plan in seasons", authors=[AuthorFactory(name="Dana Whitfield")]
    )
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    search_title = page.locator(".serp-preview__title")
    share_title = page.locator("#preview-share .share-preview__title")
    expect(search_title).to_have_text("Op-ed: Plan in seasons · Newsroom")

    headline = page.get_by_label("Headline")
    headline.fill("")
    headline.press_sequentially("Plan in seasons, not years")

    expect(search_title).to_have_text("Op-ed: Plan in seasons, not years · Newsroom")
    expect(share_title).to_have_text("Op-ed: Plan in seasons, not years")
    expect(page.locator("#preview-card .card__headline")).to_contain_text("not years")
    headline.press_sequentially(" and the decades that follow from them, one quarter at a time")
    expect(search_title).to_have_text(
        "Op-ed: Plan in seasons, not years and the decades that…", timeout=10_000
    )
    expect(page.locator("#checks")).to_contain_text("Title in search")
    article.refresh_from_db()
    assert article.headline == "Plan in seasons"
    watched.assert_clean()


def test_the_previews_say_what_the_page_says_for_every_demo_article(open_page, editor):
    call_command("seed_demo", stdout=None)
    from articles.models import Article

    # Drafts and scheduled pieces are compared as they will be once public.
    Article.objects.exclude(pk__in=Article.objects.published()).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    articles = list(Article.objects.all())
    assert len(articles) == 12
    desk = open_page()
    sign_in(desk.page, "editor")
    reader = open_page()

    for article in articles:
        reader.page.goto(article.get_absolute_url())
        on_page = described(reader.page.content())
        desk.page.goto(f"/admin/articles/article/{article.pk}/change/")
        in_previews, visible = shown_in_previews(desk.page)

        assert in_previews == on_page, article.slug
        og = dict(on_page["meta"])
        assert shortened(on_page["title"], visible["search title"]), article.slug
        assert shortened(og["og:title"], visible["share title"]), article.slug
        assert shortened(og["twitter:title"], visible["x title"]), article.slug
    desk.assert_clean()
    reader.assert_clean()


def test_the_change_form_and_its_previews_stay_private_under_the_strict_policy(watched, editor):
    article = ArticleFactory()
    page = watched.page
    sign_in(page, "editor")

    response = page.goto(f"/admin/articles/article/{article.pk}/change/")
    with page.expect_response(lambda answer: answer.url.endswith("/panels/")) as panels:
        page.get_by_label("Summary (dek)").fill("A new summary for the cards.")

    for answer in (response, panels.value):
        assert answer.status == 200
        cache_control = {part.strip() for part in answer.headers["cache-control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        policy = answer.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
    expect(page.locator(".serp-preview__description")).to_have_text("A new summary for the cards.")
    watched.assert_clean()


def test_the_word_count_under_the_text_follows_the_typing(watched, editor):
    article = ArticleFactory(body="<p>Three words here.</p>")
    page = watched.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    count = page.locator(".field-body #body-word-count")
    expect(count).to_have_text("3 words · 1 min read")

    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Now there are five words.")

    expect(count).to_have_text("5 words · 1 min read")
    watched.assert_clean()
