"""What the page cache tells browsers and CDNs, and who it never serves from the cache."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import parse_http_date

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.pagecache.test_pagecache import READER_URLS

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_logged_in_editors_bypass_the_cache(client, article):
    client.get("/news/story/")
    client.force_login(UserFactory(is_staff=True))

    Article.objects.filter(pk=article.pk).update(headline="Changed without a signal")
    response = client.get("/news/story/")

    assert "Changed without a signal" in text(response)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_public_pages_carry_cdn_cache_headers(client, article, settings):
    settings.PAGE_MAX_AGE = 60
    settings.PAGE_STALE_WHILE_REVALIDATE = 300

    for url in [*READER_URLS, "/news/story/"]:
        response = client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "stale-while-revalidate=300"}, url
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert "Cookie" in response.get("Vary", "") or url == "/news/story/"


def test_an_unchanged_page_answers_304_to_a_conditional_request(client, article):
    first = client.get("/news/story/")

    by_etag = client.get("/news/story/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/news/story/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_date.status_code == 304


def test_a_head_request_is_conditional_too(client, article, settings, monkeypatch):
    # A monitor or a link checker asks with HEAD; an unchanged page is 304 to it as to GET,
    # kept or made afresh, and its ETag is the same one a GET gets. A page made afresh is
    # dated by its making: the clock stands still, so a slow run cannot make it a second later.
    made = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: made)
    first = client.get("/news/story/")
    for seconds in (300, 0):
        settings.PAGE_CACHE_SECONDS = seconds

        by_etag = client.head("/news/story/", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.head("/news/story/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        stale = client.head("/news/story/", HTTP_IF_NONE_MATCH='"an-older-etag"')

        assert by_etag.status_code == 304, seconds
        assert by_date.status_code == 304, seconds
        assert stale.status_code == 200, seconds
        assert stale["ETag"] == first["ETag"], seconds


def test_a_changed_page_answers_200_to_a_conditional_request(client, article):
    first = client.get("/news/story/")

    article.headline = "A corrected headline"
    article.save()
    response = client.get(
        "/news/story/",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "A corrected headline" in text(response)


def test_conditional_requests_work_with_the_page_cache_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/news/")

    assert client.get("/news/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_missing_pages_are_not_stored(client, article):
    assert client.get("/news/nothing-here/").status_code == 404
    ArticleFactory(slug="nothing-here")

    assert client.get("/news/nothing-here/").status_code == 200


def test_the_admin_is_never_stored_by_browsers_or_proxies(admin_client):
    for url in ["/admin/", "/admin/articles/article/", "/admin/no-such-page/"]:
        response = admin_client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
        assert "public" not in directives


def test_the_admin_login_redirect_is_never_stored(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_the_page_cache_can_be_turned_off(client, article, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/news/story/")

    # The article alone: its bylines, tags and related articles come with its kept fragments.
    with django_assert_num_queries(1):
        assert client.get("/news/story/").status_code == 200


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles.xml"])
def test_a_sitemap_served_from_the_cache_still_tells_search_engines_not_to_index_it(
    client, article, url
):
    made = client.get(url)
    kept = client.get(url)

    assert kept["X-Page-Cache"] == "hit"
    assert made["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert kept.get("X-Robots-Tag") == made["X-Robots-Tag"]


@pytest.mark.parametrize("held_seconds", [0, 3600], ids=["stored", "held"])
@pytest.mark.parametrize("method", ["get", "head"])
@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/authors/dana/", "/news/", "/news/story/"]
)
def test_a_page_served_from_the_cache_carries_every_header_it_was_made_with(
    client, article, settings, url, method, held_seconds
):
    settings.PAGE_CACHE_LOCAL_SECONDS = held_seconds
    made = getattr(client, method)(url)
    kept = getattr(client, method)(url)

    assert (made["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    if url.startswith("/api/"):
        assert kept["Allow"] == "GET, HEAD, OPTIONS"
    assert {**dict(kept.items()), "X-Page-Cache": "miss"} == dict(made.items())


def test_a_page_changed_within_the_second_it_was_made_is_not_answered_304_by_its_date(
    client, article, clocks
):
    # Feed readers and crawlers often ask with the date alone. The app's clock is held still:
    # the edit lands within the second the first page was made, as a quick fix often does.
    first = client.get("/news/feed/")

    article.headline = "A corrected headline"
    article.save()
    response = client.get("/news/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert response.status_code == 200
    assert "A corrected headline" in text(response)


def test_a_page_changed_within_its_second_is_dated_the_second_after(client, article, clocks):
    first = client.get("/news/story/")
    article.headline = "A corrected headline"
    article.save()
    remade = client.get("/news/story/")
    clocks.move(timedelta(seconds=1))
    kept = client.get("/news/story/")

    # No date ahead of the answer's own: the page made again goes without one until its second.
    assert "Last-Modified" not in remade
    assert kept["X-Page-Cache"] == "hit"
    assert parse_http_date(kept["Last-Modified"]) == parse_http_date(first["Last-Modified"]) + 1
    by_old_date = client.get("/news/story/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    by_new_date = client.get("/news/story/", HTTP_IF_MODIFIED_SINCE=kept["Last-Modified"])
    assert by_old_date.status_code == 200
    assert by_new_date.status_code == 304


def test_a_page_made_again_unchanged_keeps_its_date(client, article, clocks):
    first = client.get("/news/story/")
    clocks.move(timedelta(minutes=5))
    article.save()  # saved as it was: the page is made again, the same
    again = client.get("/news/story/")

    assert again["X-Page-Cache"] == "miss"
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    by_date = client.get("/news/story/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
