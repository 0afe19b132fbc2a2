"""What Varnish, with the shipped VCL, answers each reader (the `varnish` fixture, varnish.py):
the page of the scheme they came by, and only what is current to a conditional request."""

import re

from tests.newsroom.pagecache.varnish import cached

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
