"""What the edge cache is told: each page's tags, how long to keep it, and what to purge when.

Purges go to a small HTTP server on loopback standing in for the edge's purge endpoint, which
records what it is sent; the real Varnish is in test_varnish.py and test_varnish_answers.py.
"""

import logging
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from articles.models import Byline
from articles.views.detail import ArticleDetailView
from newsroom import pagecache
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


class PurgeEndpoint(ThreadingHTTPServer):
    """Answers every PURGE with `status` and records the tags named in `xkey-purge`."""

    def __init__(self, status: int = 200):
        self.status = status
        self.purged: list[set[str]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(handler):
                self.purged.append(set(handler.headers["xkey-purge"].split()))
                handler.send_response(self.status)
                handler.end_headers()

            def log_message(handler, *args):
                return

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def endpoint(settings):
    server = PurgeEndpoint()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{server.server_address[1]}"]
    settings.EDGE_PURGE_ATTEMPTS = 2
    yield server
    server.shutdown()
    server.server_close()


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def edge_seconds(response) -> int:
    """How long the edge may keep `response` (its `s-maxage`), 0 when it may not."""
    found = [part for part in directives(response) if part.startswith("s-maxage=")]
    return int(found[0].removeprefix("s-maxage=")) if found else 0


def test_public_pages_name_their_tags_for_the_edge(client, article, dana):
    page = client.get("/news/story/")
    listing = client.get("/news/authors/dana/")

    assert set(page["xkey"].split()) >= {f"article-{article.pk}", "site"}
    assert set(listing["xkey"].split()) >= {f"author-{dana.pk}", f"article-{article.pk}"}
    assert client.get("/news/story/")["xkey"] == page["xkey"]  # served from the cache alike


@pytest.mark.parametrize(
    ("header", "separator"), [("Surrogate-Key", " "), ("Cache-Tag", ","), ("", None)]
)
def test_one_setting_names_the_header_of_each_edge(client, article, settings, header, separator):
    settings.SURROGATE_KEY_HEADER = header

    response = client.get("/news/story/")

    if not header:
        assert not any(response.has_header(name) for name in ("xkey", "Surrogate-Key"))
        return
    assert f"article-{article.pk}" in response[header].split(separator)
    assert not response.has_header("xkey")


def test_without_purging_the_edge_keeps_pages_only_as_long_as_browsers(client, article):
    assert "s-maxage" not in " ".join(directives(client.get("/news/story/")))


def test_with_purging_the_edge_keeps_pages_long_but_not_past_a_scheduled_publication(
    client, article, endpoint, settings
):
    settings.EDGE_MAX_AGE = 86400
    # Older than the Google News sitemap's two days: it leaves them at no moment to come.
    article.published_at = timezone.now() - timedelta(days=3)
    article.save()
    assert "s-maxage=86400" in directives(client.get("/news/story/"))

    ArticleFactory(slug="later", published_at=timezone.now() + timedelta(minutes=10))
    kept = directives(client.get("/news/story/"))

    s_maxage = next(int(part.split("=")[1]) for part in kept if part.startswith("s-maxage="))
    assert 0 < s_maxage <= 600


def test_the_worker_purges_the_edge_when_a_scheduled_piece_goes_public(
    client, dana, endpoint, settings, django_capture_on_commit_callbacks, clocks
):
    """Pages the edge took before a piece was scheduled may be kept a day: when its time comes,
    the worker handing its publication on purges what it touches, though no reader request
    reaches the app."""
    from articles.events.dispatch import hand_on_due

    settings.EDGE_MAX_AGE = 86400
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(headline="Already out", authors=[dana])
    assert "s-maxage=86400" in directives(client.get("/news/"))
    due = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = ArticleFactory(headline="At its time", authors=[dana], published_at=due)
    endpoint.purged.clear()  # what the first piece's publication purged

    clocks.move(timedelta(hours=1, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert hand_on_due() == 1

    assert len(endpoint.purged) == 1
    assert endpoint.purged[0] >= {f"article-{scheduled.pk}", "news", f"author-{dana.pk}"}


def test_one_purge_per_transaction_names_everything_it_retired(
    article, dana, endpoint, django_capture_on_commit_callbacks
):
    guest = AuthorFactory(slug="guest")
    endpoint.purged.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.headline = "Edited with a new byline"
        article.save()
        Byline.objects.create(article=article, author=guest, position=1)

    assert len(endpoint.purged) == 1
    assert endpoint.purged[0] >= {
        f"article-{article.pk}",
        "news",
        f"author-{dana.pk}",
        f"author-{guest.pk}",
    }


def test_a_draft_purges_nothing(dana, endpoint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = ArticleFactory(status="draft", authors=[dana], tag_names=["Culture"])
        draft.headline = "Still a draft"
        draft.save()

    assert endpoint.purged == []


def test_a_failing_edge_is_retried_then_logged_and_the_change_is_kept(
    article, endpoint, caplog, django_capture_on_commit_callbacks
):
    endpoint.status = 503

    with (
        caplog.at_level(logging.ERROR, logger="newsroom.pagecache.edge.backends"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article.headline = "Saved while the edge failed"
        article.save()

    article.refresh_from_db()
    assert article.headline == "Saved while the edge failed"
    assert len(endpoint.purged) == 2  # EDGE_PURGE_ATTEMPTS
    assert "Edge purge failed after 2 attempts" in caplog.text
    assert f"article-{article.pk}" in caplog.text


def test_an_unreachable_edge_is_logged_too(
    article, settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{port}"]
    settings.EDGE_PURGE_ATTEMPTS = 1

    with (
        caplog.at_level(logging.ERROR, logger="newsroom.pagecache.edge.backends"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        pagecache.retire(["article-1"])

    assert "Edge purge failed after 1 attempts" in caplog.text


def test_a_kept_page_skips_the_work_only_editors_need(client, article):
    client.get("/news/story/")

    hit = client.get("/news/story/")

    assert hit[pagecache.CACHE_STATUS_HEADER] == "hit"
    # Sessions, authentication and messages never ran for it…
    assert not hasattr(hit.wsgi_request, "session")
    assert not hasattr(hit.wsgi_request, "user")
    # …and it carries every security header a page made afresh does.
    made = client.get("/news/authors/dana/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert hit.has_header(header) == made.has_header(header) is True, header
        assert hit[header] == made[header], header


@pytest.fixture
def edited_while_rendered(monkeypatch):
    """Makes the next article page run `change` once its data is read, before it answers."""
    changes = []
    render = ArticleDetailView.render_to_response

    def render_then_change(view, context, **kwargs):
        response = render(view, context, **kwargs)
        response.render()
        while changes:
            changes.pop()()
        return response

    monkeypatch.setattr(ArticleDetailView, "render_to_response", render_then_change)
    return changes.append


def test_a_page_made_while_what_it_shows_changed_is_kept_by_no_cache(
    client, article, endpoint, edited_while_rendered
):
    def correct():
        article.headline = "Corrected while the page was made"
        article.save()

    edited_while_rendered(correct)
    made = client.get("/news/story/")

    # The edge was purged of the piece while this page was made from it as it was before.
    assert "Corrected while the page was made" not in made.content.decode()
    assert directives(made) == {"private", "no-cache"}
    assert made[pagecache.CACHE_STATUS_HEADER] == "miss"
    again = client.get("/news/story/")
    assert again[pagecache.CACHE_STATUS_HEADER] == "miss"
    assert "Corrected while the page was made" in again.content.decode()
    assert edge_seconds(again) > 0
    assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"


def test_a_page_made_while_something_else_changed_is_kept_as_ever(
    client, article, endpoint, edited_while_rendered
):
    edited_while_rendered(lambda: pagecache.retire(["article-999999", "author-999999"]))

    made = client.get("/news/story/")

    assert edge_seconds(made) > 0
    assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"


def test_a_kept_page_costs_no_more_round_trips_when_the_edge_is_purged(
    client, article, settings, monkeypatch
):
    calls = []
    for method in ("get", "get_many", "set", "set_many", "add", "incr"):
        original = getattr(cache, method)
        monkeypatch.setattr(
            cache, method, lambda *a, _m=method, _f=original, **k: calls.append(_m) or _f(*a, **k)
        )

    def hit_calls() -> list[str]:
        client.get("/news/story/")
        calls.clear()
        assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"
        return list(calls)

    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # held pages aside: none are held with an edge
    without_edge = hit_calls()
    settings.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:6091"]
    pagecache.clear()

    assert hit_calls() == without_edge
    assert without_edge.count("get_many") == 1  # the page, its check, the clock, the schedule


def test_with_purging_the_edge_keeps_no_page_past_a_piece_leaving_the_news_sitemap(
    client, article, endpoint, settings
):
    # What leaves the Google News sitemap is a change no save announces, as a scheduled
    # publication is: every page's keeping ends by it, as it ends by the next publication.
    settings.EDGE_MAX_AGE = 86400
    article.published_at = timezone.now() - timedelta(days=2, minutes=-10)
    article.save()

    kept = directives(client.get("/news/story/"))

    s_maxage = next(int(part.split("=")[1]) for part in kept if part.startswith("s-maxage="))
    assert 0 < s_maxage <= 600
