"""What Varnish, with the shipped VCL, answers each reader (the `varnish` fixture, varnish.py):
the page of the scheme they came by, only what is current to a conditional request, and a
download made afresh after a change committed while it was made."""

import http.client
import io
import re
import threading
import time
import urllib.parse
import urllib.request
import zipfile

import pytest

from articles.models import Article
from articles.press import views as press_views
from tests.articles.press.kits import pdf_item
from tests.newsroom.pagecache.varnish import cached, get, running_varnishd
from tests.newsroom.serving import running_gunicorn

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


def download(url: str) -> tuple[str, bytes]:
    """(X-Cache, body) of a file through Varnish."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.headers["X-Cache"], response.read()


def credits_in(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("credits.txt").decode()


def test_a_kit_zip_made_while_an_item_of_it_changed_is_not_kept_at_the_edge(varnish, monkeypatch):
    # The ZIP reads the kit, an editor's change to an item is committed (the edge purged of
    # the kit), then the ZIP, as it was, reaches the edge: kept, it would stay until EDGE_MAX_AGE.
    sheet = pdf_item(title="Fact sheet, 2025")
    made, answer = threading.Event(), threading.Event()
    zip_response = press_views.zip_response

    def zip_response_slowly(items, **kwargs):
        response = zip_response(items, **kwargs)
        if not answer.is_set():
            made.set()
            assert answer.wait(timeout=30)
        return response

    monkeypatch.setattr(press_views, "zip_response", zip_response_slowly)
    first: list = []
    reader = threading.Thread(
        target=lambda: first.append(download(varnish + "/press/media-kit.zip"))
    )
    reader.start()
    assert made.wait(timeout=30)

    sheet.title = "Fact sheet, 2026"
    sheet.save()
    answer.set()
    reader.join(timeout=30)

    assert "Fact sheet, 2025" in credits_in(first[0][1])
    again = download(varnish + "/press/media-kit.zip")
    assert again[0] == "MISS"
    assert "Fact sheet, 2026" in credits_in(again[1])
    assert download(varnish + "/press/media-kit.zip")[0] == "HIT"


def test_a_readers_script_name_header_never_reaches_the_app(tmp_path):
    # gunicorn, as it comes, takes SCRIPT_NAME and PATH_INFO from headers sent from loopback,
    # where Varnish connects from: the VCL drops a reader's, whatever gunicorn is told.
    with running_gunicorn() as port, running_varnishd(port, tmp_path) as (_, url, _):
        status, _, body = get(url + "/evil/news/", SCRIPT_NAME="/evil", PATH_INFO="/admin/")

    assert (status, body) == (200, "|/evil/news/")


def redirect_from(url: str) -> tuple[int, str]:
    """The status and Location of a redirect through Varnish, not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def test_a_former_address_sends_on_the_tracking_the_edge_kept_from_the_app(varnish, pieces):
    # The edge strips tracking parameters before the app; the redirect to where the piece lives
    # now carries them on, so the analytics of the page it leads to count the shared link.
    story = Article.objects.get(slug="story")
    story.slug = "culture-story"
    story.save()

    found = redirect_from(varnish + "/news/story/?utm_source=linkedin&page=2&fbclid=IwAR0&utm=x")

    assert found == (301, "/news/culture-story/?page=2&utm=x&utm_source=linkedin&fbclid=IwAR0")
    assert redirect_from(varnish + "/news/story/?") == (301, "/news/culture-story/")
    assert redirect_from(varnish + "/news/story/?gclid=1") == (301, "/news/culture-story/?gclid=1")
