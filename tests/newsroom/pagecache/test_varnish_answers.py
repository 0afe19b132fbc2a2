"""What Varnish, with the shipped VCL, answers each reader (the `varnish` fixture, varnish.py):
the page of the scheme they came by, and only what is current to a conditional request."""

import re
import time

import pytest

from articles.models import Article
from tests.newsroom.pagecache.varnish import cached, get

HTTPS = {"X-Forwarded-Proto": "https"}


def canonical(page: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', page)[1]


def test_a_page_is_kept_at_the_edge_for_each_scheme_readers_come_by(varnish, pieces, settings):
    # Behind the TLS proxy the app names a page's address with the scheme it was asked by
    # (canonical link, og:url, structured data), and with SECURE_SSL_REDIRECT answers plain
    # http with a redirect: no reader may be given the other scheme's answer.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    story = varnish + "/news/story/"

    plain = cached(story, **{"X-Forwarded-Proto": "http"})
    secure = cached(story, **HTTPS)

    assert (plain[0], canonical(plain[1])) == ("MISS", "http://127.0.0.1/news/story/")
    assert (secure[0], canonical(secure[1])) == ("MISS", "https://127.0.0.1/news/story/")
    # Each scheme as the app reads it (the first value, exactly `https`) is one page.
    again = cached(story, **{"X-Forwarded-Proto": "https, http"})
    assert (again[0], canonical(again[1])) == ("HIT", "https://127.0.0.1/news/story/")
    unsaid = cached(story)
    assert (unsaid[0], canonical(unsaid[1])) == ("HIT", "http://127.0.0.1/news/story/")


def remade_within_its_second(url: str, piece: Article) -> tuple[dict, dict]:
    """The headers of `url` made anew through the edge, and of it made again, changed, within the
    same second: the app sends that copy without `Last-Modified` until the second after (the
    page cache's `dated`)."""
    for attempt in range(5):
        time.sleep(1 - time.time() % 1)  # at the start of a second
        piece.headline = f"Culture story, take {attempt}"
        piece.save()
        first = get(url)[1]
        piece.headline = f"Culture story, take {attempt}, corrected"
        piece.save()
        second = get(url)[1]
        if "Last-Modified" in first and "Last-Modified" not in second:
            return first, second
    pytest.fail("the page was never made twice within one second")


def test_a_copy_without_last_modified_answers_if_modified_since_with_itself(varnish, pieces):
    story = Article.objects.get(slug="story")
    first, second = remade_within_its_second(varnish + "/news/story/", story)

    # A reader holding the first copy asks by its date alone. Varnish would date the edge's copy
    # by when it fetched it, that same second, and answer 304: the reader would keep the story
    # as it was before the correction until the edge's copy changed.
    status, headers, page = get(
        varnish + "/news/story/", **{"If-Modified-Since": first["Last-Modified"]}
    )
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert f"{story.headline}</h1>" in page
    # Its ETag still revalidates it; a copy with its date still answers by date.
    assert get(varnish + "/news/story/", **{"If-None-Match": second["ETag"]})[0] == 304
    column = get(varnish + "/news/column/")[1]
    assert (
        get(varnish + "/news/column/", **{"If-Modified-Since": column["Last-Modified"]})[0] == 304
    )
