"""The lists of authors and topics are walked in the order they were added, by key, which a new
slug does not change: one renamed while a client walks the list is listed once, neither skipped
nor repeated. A cursor of the former form, a slug, is read as it was made, its walk going on in
the order of slugs."""

from base64 import b64decode, b64encode
from urllib.parse import parse_qs, urlsplit

import pytest
from taggit.models import Tag

from tests.articles.api.conftest import slugs
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def walk_on(client, page: dict) -> list[dict]:
    seen = []
    while page["next"] is not None:
        page = client.get(page["next"]).json()
        seen += page["results"]
    return seen


def tokens_of(link: str) -> dict[str, list[str]]:
    cursor = parse_qs(urlsplit(link).query)["cursor"][0]
    return parse_qs(b64decode(cursor).decode())


def test_an_author_given_a_new_slug_mid_walk_is_listed_once(client):
    """By slug, bravo renamed zulu came round again and echo renamed alpha was passed over."""
    authors = [AuthorFactory(slug=slug) for slug in ("bravo", "charlie", "delta", "echo")]
    for author in authors:
        ArticleFactory(authors=[author])
    first = client.get("/api/v1/authors/", {"page_size": 2}).json()
    bravo, echo = authors[0], authors[3]
    bravo.slug, echo.slug = "zulu", "alpha"
    bravo.save()
    echo.save()

    rest = walk_on(client, first)

    assert [item["slug"] for item in first["results"] + rest] == [
        "bravo",
        "charlie",
        "delta",
        "alpha",
    ]


def test_a_topic_given_a_new_slug_mid_walk_is_listed_once(client):
    for name in ("Bravo", "Charlie", "Delta", "Echo"):
        ArticleFactory(tag_names=[name])
    first = client.get("/api/v1/tags/", {"page_size": 2}).json()
    Tag.objects.filter(slug="bravo").update(slug="zulu")
    Tag.objects.filter(slug="echo").update(slug="alpha")

    rest = walk_on(client, first)

    assert [item["slug"] for item in first["results"] + rest] == [
        "bravo",
        "charlie",
        "delta",
        "alpha",
    ]


def test_the_links_name_a_key_and_lead_back_too(client):
    for name in ("Bravo", "Charlie", "Delta"):
        ArticleFactory(tag_names=[name])
    keys = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    first = client.get("/api/v1/tags/", {"page_size": 1}).json()
    second = client.get(first["next"]).json()

    assert tokens_of(first["next"]) == {"k": [str(keys[0])]}
    assert slugs_of(second) == ["charlie"]
    assert slugs_of(client.get(second["previous"]).json()) == ["bravo"]


def slugs_of(page: dict) -> list[str]:
    return [item["slug"] for item in page["results"]]


def test_a_cursor_of_the_former_form_goes_on_in_the_order_of_slugs(client):
    for slug in ("echo", "bravo", "delta", "charlie"):
        ArticleFactory(authors=[AuthorFactory(slug=slug)])
    former = b64encode(b"p=charlie").decode()

    page = client.get("/api/v1/authors/", {"cursor": former, "page_size": 1})

    assert page.status_code == 200
    assert slugs(page) == ["delta"]
    assert tokens_of(page.json()["next"]) == {"p": ["delta"]}
    assert slugs_of(client.get(page.json()["next"]).json()) == ["echo"]


@pytest.mark.parametrize("cursor", ["k=12&p=bravo", "k=twelve", "k=", "k=1&o=2"])
def test_a_cursor_the_list_did_not_make_is_refused(client, cursor):
    response = client.get("/api/v1/tags/", {"cursor": b64encode(cursor.encode()).decode()})

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]
