"""Query parameters: a wrong one is a 400 whose JSON names it, whatever a client sends, before
any query runs; an unknown one is ignored; each value is one kept answer however it is spelt."""

from base64 import b64encode
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest

from articles.api import parameters
from articles.api.parameters import normaliser
from newsroom.pagecache.keys import MAX_VALUE_CHARS
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/articles/", "/api/v1/authors/", "/api/v1/tags/"]
LONG = "x" * 100_000


def cursor_at(position: str, **tokens) -> str:
    """A cursor of the articles' list at `position` (a publication time), with `tokens` (`k`,
    the key of the piece there; `o`, the offset of cursors of the former form)."""
    return b64encode(urlencode({"p": position, **tokens}).encode()).decode()


HOSTILE = {
    "updated_since": [
        "<script>alert(1)</script>",
        "yesterday",
        "2025-13-45",
        "2025-01-14T25:00:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "２０２５-01-14",
        "2025-01-14%00",
        LONG,
    ],
    "page_size": ["-1", "0", str(10**9), "1.5", "abc", "1e3", "+5", "٥", "1_0", LONG],
    "cursor": [
        "garbage",
        "%00",
        "' OR 1=1 --",
        "cD0yMDI1",
        "bz05OTk5OTk=",
        "cD1ub3Q",
        LONG,
        # Dates and times out of range once in UTC, which is how the database compares them.
        cursor_at("0001-01-01T00:30:00+01:00"),
        cursor_at("9999-12-31T23:30:00-05:00"),
        # A key without a time, or with an offset, which no link gives; a key that is none.
        b64encode(b"k=1").decode(),
        cursor_at("2025-01-14T09:00:00+00:00", k=1, o=1),
        cursor_at("2025-01-14T09:00:00+00:00", k="1e3"),
        cursor_at("2025-01-14T09:00:00+00:00", k=10**18),
    ],
    "kind": ["nope", "NEWS", "<script>", "news\x01", LONG],
    "tag": ["<script>", "a b", "../etc", "a" * 101, LONG],
    "author": ["<script>", "Ünïcode", "a" * 121, LONG],
}
CASES = [(name, value) for name, values in HOSTILE.items() for value in values]


def ids(value) -> str:
    return value if len(value) < 30 else f"{value[:10]}…({len(value)})"


@pytest.mark.parametrize(("name", "value"), CASES, ids=[f"{n}={ids(v)}" for n, v in CASES])
def test_a_wrong_value_is_a_400_naming_the_parameter(
    client, django_assert_num_queries, name, value
):
    ArticleFactory(slug="story")
    client.get("/api/v1/articles/")  # the first reader page finds the next scheduled time

    with django_assert_num_queries(0):
        response = client.get("/api/v1/articles/", {name: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == [name]
    assert isinstance(body[name][0], str)
    assert "<script>" not in response.content.decode(), "the value is not echoed"
    assert len(response.content) < 500


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("query", ["page_size=0", "page_size=101", "cursor=garbage"])
def test_every_list_refuses_a_wrong_page_size_or_cursor(client, url, query):
    ArticleFactory(tag_names=["Culture"])

    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [query.partition("=")[0]]


def test_every_wrong_parameter_is_named_at_once(client):
    response = client.get("/api/v1/articles/?kind=nope&page_size=0&updated_since=soon")

    assert response.status_code == 400
    assert sorted(response.json()) == ["kind", "page_size", "updated_since"]


def test_a_cursor_of_another_list_or_shape_is_refused(client):
    for n in range(3):
        ArticleFactory(authors=[], tag_names=[f"Topic {n}"])
    tags_cursor = client.get("/api/v1/tags/", {"page_size": 1}).json()["next"]
    cursor = tags_cursor.split("cursor=")[1].split("&")[0]

    response = client.get(f"/api/v1/articles/?cursor={cursor}")

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


@pytest.mark.parametrize(
    ("position", "listed"),
    [("0001-01-01T00:30:00-01:00", []), ("9999-12-31T23:30:00+05:00", ["story"])],
)
def test_a_cursor_at_either_end_of_time_in_utc_is_read(client, position, listed):
    ArticleFactory(slug="story")

    response = client.get("/api/v1/articles/", {"cursor": cursor_at(position)})

    assert response.status_code == 200
    assert [article["slug"] for article in response.json()["results"]] == listed


@pytest.mark.parametrize(
    "written",
    # 2025-01-14T09:00:00Z with offsets Python reads and PostgreSQL does not: seconds and a
    # fraction of one, or more hours than it takes.
    ["2025-01-14T14:30:15.500000+05:30:15.500000", "2025-01-13T09:00:01-23:59:59"],
)
def test_a_cursor_with_any_offset_python_reads_names_its_moment(client, written):
    at = datetime(2025, 1, 14, 9, tzinfo=UTC)
    ArticleFactory(slug="newer", published_at=at + timedelta(hours=1))
    story = ArticleFactory(slug="story", published_at=at)
    ArticleFactory(slug="older", published_at=at - timedelta(days=1))

    for tokens, listed in [
        ({}, ["older"]),
        ({"k": story.pk}, ["older"]),
        ({"k": story.pk, "r": 1}, ["newer"]),
    ]:
        response = client.get("/api/v1/articles/", {"cursor": cursor_at(written, **tokens)})
        assert response.status_code == 200, tokens
        assert [article["slug"] for article in response.json()["results"]] == listed


@pytest.mark.parametrize("url", ["/api/v1/articles/?kind=%00", "/api/v1/articles/?tag=%00%00"])
def test_a_nul_character_is_dropped_before_the_api_reads_the_value(client, url):
    ArticleFactory(slug="story")

    # As everywhere on the site (newsroom.middleware.RequestLimitsMiddleware): what is left of
    # the value, here nothing, is read as given.
    assert client.get(url).status_code == 200
    assert list(client.get("/api/v1/articles/?kind=no%00pe").json()) == ["kind"]


@pytest.mark.parametrize("private", [False, True], ids=["reader", "signed-in"])
def test_a_very_long_value_is_refused_for_every_client(client, admin_user, private):
    if private:
        client.force_login(admin_user)

    for name in HOSTILE:
        response = client.get("/api/v1/articles/", {name: LONG})
        assert response.status_code == 400, name
        assert list(response.json()) == [name]


def test_the_page_cache_passes_the_longest_cursor_on_whole_and_cuts_a_longer_one_too_long():
    """The page cache cuts a value before its normaliser and the view see it: a cursor cut to
    what it passes on would be read as another, shorter one, or refused though a list made it."""
    assert parameters.MAX_CURSOR_CHARS < MAX_VALUE_CHARS


def test_empty_and_unknown_parameters_are_not_given(client):
    ArticleFactory(slug="story")

    plain = client.get("/api/v1/articles/")
    odd = client.get(
        "/api/v1/articles/?kind=&tag=%20&page_size=&format=api&order_by=password&utm_source=x"
    )

    assert odd.status_code == 200
    assert odd.content == plain.content


def test_one_value_in_any_spelling_is_one_kept_answer(client):
    ArticleFactory(slug="story")

    first = client.get("/api/v1/articles/?page_size=20&kind=news")
    again = client.get("/api/v1/articles/?kind=%20news&page_size=020&utm_source=mail")

    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


@pytest.mark.parametrize(
    ("name", "raw", "key"),
    [
        ("page_size", "20", ""),
        ("page_size", " 05", "5"),
        ("page_size", "0", "0"),
        ("updated_since", "2025-01-14", "2025-01-14T00:00:00+00:00"),
        ("updated_since", "2025-01-14T10:00:00+01:00", "2025-01-14T09:00:00+00:00"),
        # A `+` left unencoded in the URL reaches the API as a space.
        ("updated_since", "2025-01-14T10:00 01:00", "2025-01-14T09:00:00+00:00"),
        ("updated_since", "2025-01-14%10:00", "2025-01-14%10:00"),
        ("updated_since", "soon", "soon"),
        ("kind", " op-ed ", "op-ed"),
        ("kind", "nope", "nope"),
        ("cursor", "", ""),
    ],
)
def test_the_page_cache_keys_a_value_as_the_api_reads_it(name, raw, key):
    assert normaliser(name)(raw) == key


def test_the_schema_refuses_a_format_it_does_not_have(client):
    assert client.get("/api/v1/schema/", {"format": "yaml"})["Content-Type"].startswith(
        "application/yaml"
    )
    response = client.get("/api/v1/schema/", {"format": "xml"})

    assert response.status_code == 400
    assert response.json() == {"format": ["Give json or yaml."]}
