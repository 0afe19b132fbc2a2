"""/api/v1/authors/ and /api/v1/tags/: those with public pieces only, as their pages decide."""

from base64 import b64encode
from urllib.parse import urlencode

import pytest
from taggit.models import Tag

from articles.workflow import publishing
from tests.admin_forms import saved
from tests.articles.api.conftest import slugs
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_authors_with_public_pieces_are_listed_in_the_order_they_were_added(client, newsroom):
    AuthorFactory(slug="idle")

    assert slugs(client.get("/api/v1/authors/")) == ["dana", "eli"]


def test_an_author_is_shown_with_every_documented_field(client, newsroom):
    data = client.get("/api/v1/authors/dana/").json()

    assert data == {
        "slug": "dana",
        "name": "Dana Whitfield",
        "role": "Co-CEO",
        "organisation": "Northwind Labs",
        "title": "Co-CEO, Northwind Labs",
        "bio": "Leads the company's work on public policy.",
        "url": "http://testserver/news/authors/dana/",
        "headshot": None,
        "linkedin_url": "https://www.linkedin.com/in/dana/",
        "website_url": "",
        "articles": "http://testserver/api/v1/articles/?author=dana",
    }


def test_a_headshot_is_the_square_the_page_describes(client, make_upload):
    ArticleFactory(
        authors=[AuthorFactory(slug="pictured", headshot=make_upload("me.png", size=(600, 600)))]
    )

    headshot = client.get("/api/v1/authors/pictured/").json()["headshot"]

    assert headshot["url"].startswith("http://testserver/media/renditions/authors/")
    assert headshot["width"] == headshot["height"]


@pytest.mark.parametrize("slug", ["ghost", "idle", "nobody"])
def test_an_author_without_public_pieces_is_not_found(client, newsroom, slug):
    AuthorFactory(slug="idle")

    response = client.get(f"/api/v1/authors/{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No author with public articles has this address."}
    assert client.get(f"/news/authors/{slug}/").status_code == 404


def test_an_author_appears_with_their_first_public_piece(client, newsroom):
    client.get("/api/v1/authors/")
    publishing.publish(newsroom["draft"])

    assert slugs(client.get("/api/v1/authors/")) == ["dana", "eli", "ghost"]
    assert client.get("/api/v1/authors/ghost/").status_code == 200


def test_an_author_given_a_new_slug_is_listed_with_it_at_once(client, editor_client):
    amy, zed = AuthorFactory(slug="amy"), AuthorFactory(slug="zed")
    ArticleFactory(slug="by-amy", authors=[amy])
    ArticleFactory(slug="by-zed", authors=[zed])
    assert slugs(client.get("/api/v1/authors/", {"page_size": 1})) == ["amy"]

    saved(editor_client, f"/admin/articles/author/{amy.pk}/change/", slug="aaron")

    assert slugs(client.get("/api/v1/authors/", {"page_size": 1})) == ["aaron"]


def test_topics_of_public_pieces_are_listed_by_slug(client, newsroom):
    response = client.get("/api/v1/tags/")

    assert slugs(response) == ["culture", "television"]
    assert response.json()["results"][0] == {
        "name": "Culture",
        "slug": "culture",
        "url": "http://testserver/news/tags/culture/",
        "articles": "http://testserver/api/v1/articles/?tag=culture",
    }


@pytest.mark.parametrize("slug", ["secrets", "nowhere"])
def test_a_topic_without_public_pieces_is_not_found(client, newsroom, slug):
    response = client.get(f"/api/v1/tags/{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No topic with public articles has this address."}
    assert client.get(f"/news/tags/{slug}/").status_code == 404


def test_a_topic_given_a_new_slug_is_listed_with_it_at_once(client, editor_client):
    ArticleFactory(slug="on-apples", tag_names=["Apples"])
    ArticleFactory(slug="on-zebras", tag_names=["Zebras"])
    assert slugs(client.get("/api/v1/tags/", {"page_size": 1})) == ["apples"]

    apples = Tag.objects.get(slug="apples")
    url = f"/admin/taggit/tag/{apples.pk}/change/"
    saved(editor_client, url, name="Aardvarks", slug="aardvarks")

    assert slugs(client.get("/api/v1/tags/", {"page_size": 1})) == ["aardvarks"]


def test_a_topic_in_any_alphabet_has_an_address(client):
    article = ArticleFactory(tag_names=["Educación", "日本語"])

    for tag in article.tags.all():
        response = client.get(f"/api/v1/tags/{tag.slug}/")
        assert response.status_code == 200
        assert response.json()["name"] == tag.name
    assert sorted(slugs(client.get("/api/v1/tags/"))) == sorted(article.tags.slugs())


def test_author_and_topic_pages_follow_one_another_by_cursor(client):
    for n in range(5):
        ArticleFactory(authors=[AuthorFactory(slug=f"writer-{n}")], tag_names=[f"Topic {n}"])

    for url, expected in [
        ("/api/v1/authors/", [f"writer-{n}" for n in range(5)]),
        ("/api/v1/tags/", [f"topic-{n}" for n in range(5)]),
    ]:
        seen, page = [], client.get(url, {"page_size": 2}).json()
        while True:
            seen += [item["slug"] for item in page["results"]]
            if page["next"] is None:
                break
            page = client.get(page["next"]).json()
        assert seen == expected


def test_pages_of_topics_follow_one_another_past_the_longest_slug_in_any_alphabet(client):
    """A page ending on a topic whose slug is 100 letters of another alphabet leads on, both
    ways; a cursor of the former form naming it (each letter three or four bytes, written as
    nine or twelve characters in the cursor) is read."""
    longest = ["日" * 100, "𠀀" * 100, "ж" * 100]
    article = ArticleFactory(tag_names=["Culture", "Zoology"])
    for slug in longest:
        article.tags.add(Tag.objects.create(name=slug[:50], slug=slug))
    expected = list(Tag.objects.order_by("pk").values_list("slug", flat=True))

    seen, page = [], client.get("/api/v1/tags/", {"page_size": 1}).json()
    while True:
        seen += [item["slug"] for item in page["results"]]
        if page["next"] is None:
            break
        response = client.get(page["next"])
        assert response.status_code == 200, response.json()
        page = response.json()
    back = []
    while page["previous"] is not None:
        response = client.get(page["previous"])
        assert response.status_code == 200, response.json()
        page = response.json()
        back += [item["slug"] for item in page["results"]]

    assert seen == expected
    assert back == expected[-2::-1]
    for slug in longest:
        former = b64encode(urlencode({"p": slug}).encode()).decode()
        response = client.get("/api/v1/tags/", {"cursor": former})
        assert response.status_code == 200, response.json()
        after = Tag.objects.filter(slug__gt=slug).order_by("slug")
        assert slugs(response) == list(after.values_list("slug", flat=True))


@pytest.mark.parametrize("count", [1, 20])
def test_lists_of_authors_and_topics_cost_the_same_queries_however_long(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(count):
        ArticleFactory(authors=[AuthorFactory()], tag_names=[f"Topic {n}"])
    client.get("/api/v1/authors/")

    for url in ["/api/v1/authors/", "/api/v1/tags/"]:
        with django_assert_num_queries(1):
            assert len(client.get(url, {"page_size": 20}).json()["results"]) == count
