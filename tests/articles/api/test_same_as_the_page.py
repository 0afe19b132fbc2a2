"""The API says what the article's page says: its canonical address is the page's
`<link rel="canonical">`, its origin the page's JSON-LD `isBasedOn`, its warnings and updated
time the page's, whatever the piece's cross-post settings; and it holds back what the page of a
piece held behind its warning holds back."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from articles.events.payloads import article_payload
from articles.models import Article, ContentWarning
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def page_head(client, article: Article) -> tuple[str, dict]:
    """The canonical link and the article's JSON-LD of its page, as a crawler reads them."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    canonical = soup.find("link", rel="canonical")["href"]
    graphs = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    [article_data] = [graph for graph in graphs if "headline" in graph]
    return canonical, article_data


def api_article(client, article: Article) -> dict:
    response = client.get(f"/api/v1/articles/{article.slug}/")
    assert response.status_code == 200
    return response.json()


def origin_of(json_ld: dict) -> dict | None:
    """`isBasedOn` in the API's terms."""
    based_on = json_ld.get("isBasedOn")
    if based_on is None:
        return None
    return {
        "url": based_on["url"],
        "platform": based_on.get("publisher", {}).get("name"),
        "author": based_on.get("author", {}).get("name"),
        "published_on": based_on.get("datePublished"),
    }


CROSS_POST = {"origin_url": "https://www.linkedin.com/pulse/a-piece-dana/"}
SHAPES = {
    "plain article": {},
    "cross-post deferring to its origin": CROSS_POST,
    "cross-post indexed as its own": CROSS_POST | {"indexing": Article.Indexing.SELF},
    "cross-post kept out of search": CROSS_POST | {"indexing": Article.Indexing.NOINDEX},
    "cross-post with date and handle": CROSS_POST
    | {"origin_published_on": "2025-01-14", "origin_author": "@dana"},
    "newspaper piece credited to its outlet": {
        "origin_url": "https://www.ft.com/content/a-piece",
        "origin_author": "The FT's editors",
        "origin_platform": "Financial Times",
    },
    "credited without an address": {"origin_platform": "Medium", "origin_author": "Dana"},
}


@pytest.mark.parametrize("fields", SHAPES.values(), ids=SHAPES.keys())
def test_canonical_and_origin_are_the_pages(client, fields):
    article = ArticleFactory(slug="piece", tag_names=["Culture"], **fields)

    canonical, json_ld = page_head(client, article)
    data = api_article(client, article)

    assert data["canonical"] == canonical
    assert data["canonical"] == json_ld["url"]
    assert data["origin"] == origin_of(json_ld)
    assert data["updated_at"] == json_ld["dateModified"]
    assert data["published_at"] == json_ld["datePublished"]
    assert [author["url"] for author in data["authors"]] == [p["url"] for p in json_ld["author"]]


def test_a_cross_post_names_its_original_and_a_plain_article_none(client):
    cross_post = ArticleFactory(slug="cross", origin_url="https://medium.com/@dana/a-piece-1")
    plain = ArticleFactory(slug="plain")

    assert api_article(client, cross_post)["origin"]["url"] == cross_post.origin_url
    assert api_article(client, cross_post)["canonical"] == cross_post.origin_url
    assert api_article(client, plain)["origin"] is None
    assert api_article(client, plain)["canonical"] == "http://testserver/news/plain/"


def test_the_canonical_address_follows_the_host_the_page_is_asked_on(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.com"]
    article = ArticleFactory(slug="plain")

    page = client.get("/news/plain/", HTTP_HOST="news.example.com", secure=True)
    api = client.get("/api/v1/articles/plain/", HTTP_HOST="news.example.com", secure=True)

    soup = BeautifulSoup(page.content, "html.parser")
    assert api.json()["canonical"] == soup.find("link", rel="canonical")["href"]
    assert api.json()["url"] == "https://news.example.com" + article.get_absolute_url()


def test_warnings_are_the_pages_in_its_order(client):
    article = ArticleFactory(
        slug="warned", spoiler_warning="spoils the finale", spoiler_warning__subject="Low Tide"
    )
    article.warnings.create(kind="grief", text="describes a loss", position=1)

    html = client.get("/news/warned/").content.decode()
    warnings = api_article(client, article)["warnings"]

    assert [w["text"] for w in warnings] == ["spoils the finale", "describes a loss"]
    assert html.index("spoils the finale") < html.index("describes a loss")


CAPTION = "Her coffin is carried from the church by her three sons."


def test_the_caption_of_a_held_pieces_picture_is_held_back_as_on_its_page(client, make_upload):
    """The page of a piece held behind its warning puts its featured picture and the caption
    inside the `<details>` a reader opens: the API, whose `body_html` holds the text back, holds
    back the caption and the alt text too, giving the picture and its credit as feeds do."""
    article = ArticleFactory(
        slug="held",
        hold_behind_warning=True,
        featured_image=make_upload("funeral.jpg", size=(1600, 900)),
        featured_image_alt="Mourners outside the church",
        featured_image_caption=CAPTION,
    )
    ContentWarning.objects.create(
        article=article, kind=ContentWarning.Kind.GRIEF, text="describes a bereavement"
    )
    page = client.get("/news/held/").content.decode()
    held = re.search(r'<details class="held-text">.*?</details>', page, re.S).group(0)
    assert CAPTION in held  # the page shows it only once the reader opens the text

    data = client.get("/api/v1/articles/held/").json()

    assert data["held_behind_warning"] is True
    assert CAPTION not in str(data)
    assert "Mourners" not in str(data)
    assert (data["image"]["alt"], data["image"]["caption"]) == ("", "")
    assert data["image"]["url"].endswith(".jpg")
    sent = str(article_payload(article.pk))  # what webhooks send of it
    assert CAPTION not in sent
    assert "Mourners" not in sent


def test_the_caption_of_a_picture_on_an_open_page_is_the_pages(client, make_upload):
    ArticleFactory(
        slug="open",
        featured_image=make_upload("launch.jpg", size=(1600, 900)),
        featured_image_alt="The team on stage",
        featured_image_caption="The launch in Leeds.",
        featured_image_credit="Photo: Sam Reyes",
    )
    page = client.get("/news/open/").content.decode()

    image = client.get("/api/v1/articles/open/").json()["image"]

    assert (image["alt"], image["caption"], image["credit"]) == (
        "The team on stage",
        "The launch in Leeds.",
        "Photo: Sam Reyes",
    )
    assert 'alt="The team on stage"' in page
    assert "The launch in Leeds." in page
