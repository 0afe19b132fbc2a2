"""How the API answers its clients: read-only, JSON whatever is asked for, readable from any
origin, with ETags and 304s, and at most `API_RATE` requests per client address."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models.functions import Now
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsroom.environment import api_rate
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/",
    "/api/v1/articles/",
    "/api/v1/articles/story/",
    "/api/v1/authors/",
    "/api/v1/authors/dana/",
    "/api/v1/tags/",
    "/api/v1/tags/culture/",
    "/api/v1/schema/",
]
PAGES = [url for url in ENDPOINTS if url not in ("/api/v1/", "/api/v1/schema/")]


@pytest.fixture
def story():
    return ArticleFactory(slug="story", authors=[AuthorFactory(slug="dana")], tag_names=["Culture"])


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_endpoint_only_reads(client, story, url, method):
    response = getattr(client, method)(url, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_signed_in_editor_cannot_write_either(editor_client, story):
    response = editor_client.delete("/api/v1/articles/story/")

    assert response.status_code == 405
    assert story.__class__.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize(
    "url", ["/api/v1/nope/", "/api/", "/api/v2/articles/", "/api/v1/articles/a%0Ab/"]
)
def test_an_unknown_address_is_a_json_404_by_any_method(client, url):
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "No such endpoint: see /api/v1/docs/."}


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/schema/", "/api/v1/docs/", "/api/v1/nope/", "/api/v1/articles"]
)
def test_answers_no_publication_changes_say_how_long_they_may_be_kept(client, settings, url):
    settings.PAGE_MAX_AGE = 45
    for method in ("get", "head"):
        response = getattr(client, method)(url)
        assert response["Cache-Control"] == "public, max-age=45"


def test_an_unknown_address_written_to_is_never_kept(client):
    response = client.post("/api/v1/nope/")

    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "*/*", "nonsense"])
def test_answers_are_json_whatever_is_asked_for(client, story, accept):
    response = client.get("/api/v1/articles/story/", HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Accept" not in response.get("Vary", "")


@pytest.mark.parametrize("url", [*ENDPOINTS, "/api/v1/articles/gone/", "/api/v1/nope/"])
def test_any_origin_may_read_every_answer_kept_or_not(client, story, url):
    for _ in range(2):  # made, then from the page cache
        response = client.get(url, HTTP_ORIGIN="https://elsewhere.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response


def test_a_304_may_be_read_from_any_origin_too(client, story):
    etag = client.get("/api/v1/articles/")["ETag"]

    response = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered_for_conditional_requests(client, story):
    response = client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_site_pages_are_not_opened_to_other_origins(client, story):
    assert "Access-Control-Allow-Origin" not in client.get("/news/story/")


@pytest.mark.parametrize("url", PAGES)
def test_each_list_and_detail_answers_a_304_while_it_is_current(client, story, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public, max-age=")

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_an_etag_changes_when_what_the_answer_shows_changes(client, story):
    before = client.get("/api/v1/articles/story/")["ETag"]
    story.headline = "A new headline"
    story.save()

    response = client.get("/api/v1/articles/story/", HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response.json()["headline"] == "A new headline"
    assert response["ETag"] != before


def test_an_editors_request_is_answered_privately_and_never_kept(editor_client, client, story):
    response = editor_client.get("/api/v1/articles/story/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert client.get("/api/v1/articles/story/")["X-Page-Cache"] == "miss"


@pytest.fixture
def rate(settings):
    settings.API_RATE = "3/min"
    cache.clear()


def test_a_client_over_the_rate_is_told_when_to_come_back(rate, story):
    reader = Client(REMOTE_ADDR="203.0.113.5")
    answers = [reader.get(f"/api/v1/articles/?page_size={n}") for n in range(1, 5)]

    assert [response.status_code for response in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")
    assert "private" in refused["Cache-Control"]
    # Another address has its own allowance.
    assert Client(REMOTE_ADDR="203.0.113.6").get("/api/v1/authors/").status_code == 200


def test_kept_answers_served_before_the_api_are_not_counted(rate, story):
    reader = Client(REMOTE_ADDR="203.0.113.5")

    statuses = [reader.get("/api/v1/articles/").status_code for _ in range(10)]

    assert statuses == [200] * 10
    assert reader.get("/api/v1/authors/").status_code == 200
    assert reader.get("/api/v1/tags/").status_code == 200
    assert reader.get("/api/v1/").status_code == 429


def test_behind_proxies_the_client_is_the_address_they_recorded(rate, settings, story):
    settings.TRUSTED_PROXY_COUNT = 1

    def ask(client_address: str, forged: str = "198.51.100.1"):
        proxy = Client(REMOTE_ADDR="10.0.0.1")
        forwarded = f"{forged}, {client_address}"
        return proxy.get("/api/v1/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [ask("203.0.113.5", forged=f"198.51.100.{n}") for n in range(4)] == [200, 200, 200, 429]
    assert ask("203.0.113.6") == 200


def test_the_rate_can_be_turned_off(settings, story):
    settings.API_RATE = None

    assert {Client().get("/api/v1/").status_code for _ in range(700)} == {200}


@pytest.mark.parametrize(
    ("value", "rate"), [("600/min", "600/min"), (" 20/S ", "20/s"), ("off", None), ("OFF", None)]
)
def test_the_rate_is_read_from_the_environment(value, rate):
    assert api_rate(value) == rate


@pytest.mark.parametrize("value", ["600", "fast", "0/min", "600/fortnight", "-1/s", ""])
def test_a_rate_that_is_no_rate_stops_the_site_from_starting(value):
    with pytest.raises(ImproperlyConfigured, match="API_RATE"):
        api_rate(value)


def test_a_piece_under_embargo_enters_kept_answers_when_its_time_comes(client, story, clocks):
    moment = timezone.now() + timedelta(hours=1)
    ArticleFactory(slug="release", embargoed_until=moment, published_at=moment)
    assert "release" not in client.get("/api/v1/articles/").content.decode()
    assert client.get("/api/v1/articles/")["X-Page-Cache"] == "hit"
    assert client.get("/api/v1/articles/release/").status_code == 404

    # The hour passes and no signal is sent. The app's clock and the worker's are moved on; the
    # database's cannot be, so the piece's times become the database's now by an update, which
    # tells nobody, as the hour would have left them.
    clocks.move(timedelta(hours=1, seconds=1))
    Article.objects.filter(slug="release").update(published_at=Now(), embargoed_until=Now())

    assert "release" in client.get("/api/v1/articles/").content.decode()
    assert client.get("/api/v1/articles/release/").status_code == 200


@pytest.mark.parametrize(
    ("asked", "location"),
    [
        ("/api/v1/articles", "/api/v1/articles/"),
        ("/api/v1/articles/story?x=1", "/api/v1/articles/story/?x=1"),
        ("/api/v1", "/api/v1/"),
    ],
)
def test_an_address_without_its_final_slash_redirects_to_it(client, story, asked, location):
    response = client.get(asked)

    assert response.status_code == 301
    assert response["Location"] == location


def test_markup_in_answers_is_escaped_json_no_script_can_be_ended_by(client):
    ArticleFactory(
        slug="story",
        headline="</script><script>alert(1)</script> & more",
        body="<p>Text &amp; more.</p>",
    )

    response = client.get("/api/v1/articles/story/")

    assert not {b"<", b">", b"&"} & {bytes([byte]) for byte in response.content}
    assert response.json()["headline"] == "</script><script>alert(1)</script> & more"
    assert response.json()["body_html"].startswith("<p>")
