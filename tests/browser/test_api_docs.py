"""The read API's docs page in Chromium: Swagger UI from the site's own files, under the site's
Content-Security-Policy, listing every endpoint and trying one."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_page_runs_under_the_sites_policy_and_tries_a_request(watched, live_server):
    ArticleFactory(slug="harbour-reopens", headline="Harbour reopens", tag_names=["Culture"])
    page = watched.page
    outside = []
    page.on(
        "request",
        lambda request: request.url.startswith(live_server.url) or outside.append(request.url),
    )

    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-summary")

    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {path.replace("\u200b", "") for path in paths} == {
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/authors/",
        "/api/v1/authors/{slug}/",
        "/api/v1/tags/",
        "/api/v1/tags/{slug}/",
    }
    page.locator("#operations-articles-articles_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table .response-col_status")
    assert "Harbour reopens" in page.locator(".live-responses-table").inner_text()
    assert outside == []
    watched.assert_clean()


@pytest.mark.parametrize("topic", ["culture", "televisión"])
def test_trying_the_article_list_with_a_topic_runs_the_request(watched, live_server, topic):
    """Swagger UI checks a parameter's `pattern` with `new RegExp(pattern)`, without the `u`
    flag JSON Schema reads it with: the docs page must take every topic slug the API takes."""
    ArticleFactory(slug="harbour-reopens", headline="Harbour reopens", tag_names=["Culture"])
    ArticleFactory(slug="abroad", headline="Abroad", tag_names=["Televisión"])
    shown = {"culture": "Harbour reopens", "televisión": "Abroad"}[topic]
    page = watched.page

    page.goto("/api/v1/docs/")
    page.locator("#operations-articles-articles_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    field = page.locator("tr[data-param-name='tag'] input")
    field.fill(topic)
    page.get_by_role("button", name="Execute").click()

    page.wait_for_selector(".live-responses-table .response-col_status")
    assert not field.get_attribute("title")
    assert shown in page.locator(".live-responses-table").inner_text()
    watched.assert_clean()
