"""What a page without a picture of its own shows when shared: the site's default image, or for
an article without one a title card of its headline and the site's name, made once."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.seo import social
from newsroom import pagecache, theme
from newsroom.models import SiteSettings
from tests.articles.seo.test_structured_data import head_tags
from tests.articles.test_query_budget import ARTICLE_QUERIES, ARTICLE_QUERIES_WITH_NOTHING_KEPT
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

MEDIA = "http://testserver/media/"


def meta_of(client, url) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    return head_tags(response.content.decode()).meta


def stored_image(url: str) -> Image.Image:
    """The file an absolute media URL names, read back through the storage and decoded."""
    assert url.startswith(MEDIA), url
    with default_storage.open(url.removeprefix(MEDIA)) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def card_files(article) -> list[str]:
    _, files = default_storage.listdir(f"renditions/cards/articles/{article.pk}")
    return files


@pytest.fixture
def default_image(make_upload):
    """Site settings with a default image, saved as the admin saves them."""

    def upload(alt="The newsroom's office by the river"):
        site = SiteSettings.load()
        site.default_image = make_upload("office.jpg", size=(1600, 900))
        site.default_image_alt = alt
        site.save()
        return SiteSettings.load()

    return upload


def test_a_piece_without_a_picture_is_shared_with_a_title_card(client):
    article = ArticleFactory(slug="plain", headline="Northwind opens a Lisbon office")

    meta = meta_of(client, "/news/plain/")

    [url] = meta["og:image"]
    assert url.startswith(f"{MEDIA}renditions/cards/articles/{article.pk}/")
    assert url.endswith(".png")
    assert meta["og:image:type"] == ["image/png"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == ["Northwind opens a Lisbon office · Newsroom"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:image"] == [url]
    assert meta["twitter:image:alt"] == meta["og:image:alt"]
    card = stored_image(url)
    assert (card.format, card.size, card.mode) == ("PNG", (1200, 630), "RGB")
    assert "#{:02x}{:02x}{:02x}".format(*card.getpixel((4, 4))) == theme.ACCENT
    assert len(card.getcolors(maxcolors=100_000)) > 10  # lettering, not a blank ground


def test_the_title_card_is_made_once_and_again_when_the_headline_changes(client):
    article = ArticleFactory(slug="plain", headline="The first headline")
    first = meta_of(client, "/news/plain/")["og:image"]
    pagecache.clear()
    assert meta_of(client, "/news/plain/")["og:image"] == first
    assert len(card_files(article)) == 1

    article.headline = "A better headline"
    article.save()

    # The kept page is retired by the change: no clearing needed.
    second = meta_of(client, "/news/plain/")["og:image"]
    assert second != first
    assert len(card_files(article)) == 2
    assert meta_of(client, "/news/plain/")["og:image:alt"] == ["A better headline · Newsroom"]


def test_renaming_the_site_gives_its_pieces_new_cards(client):
    ArticleFactory(slug="plain", headline="The headline")
    before = meta_of(client, "/news/plain/")["og:image"]

    site = SiteSettings.load()
    site.site_name = "Northwind News"
    site.save()

    meta = meta_of(client, "/news/plain/")
    assert meta["og:image"] != before
    assert meta["og:image:alt"] == ["The headline · Northwind News"]


def test_the_sites_default_image_is_shared_by_pieces_without_a_picture(
    client, default_image, make_upload
):
    ArticleFactory(slug="plain")
    ArticleFactory(
        slug="pictured",
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
    )
    assert "renditions/cards/" in meta_of(client, "/news/plain/")["og:image"][0]

    default_image()

    # The site's change retires the kept page.
    meta = meta_of(client, "/news/plain/")
    [url] = meta["og:image"]
    assert url.startswith(f"{MEDIA}renditions/site/office")
    assert url.endswith("/social.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:type"] == ["image/jpeg"]
    assert meta["og:image:alt"] == ["The newsroom's office by the river"]
    assert meta["twitter:image"] == [url]
    assert stored_image(url).size == (1200, 630)
    own = meta_of(client, "/news/pictured/")
    assert own["og:image:alt"] == ["The harbour at dawn"]
    assert "/renditions/articles/" in own["og:image"][0]


def test_other_pages_without_a_picture_share_the_default_image(client, default_image):
    ArticleFactory(authors=[AuthorFactory(slug="marcus")], tag_names=["Culture"])
    SitePageFactory(slug="about")
    pages = ["/news/", "/news/tags/culture/", "/about/", "/news/authors/marcus/"]
    for url in pages:
        assert "og:image" not in meta_of(client, url), url

    site = default_image()

    expected = f"http://testserver{site.default_images.social.url}"
    for url in pages:
        meta = meta_of(client, url)
        assert meta["og:image"] == [expected], url
        assert meta["og:image:alt"] == ["The newsroom's office by the river"], url


def test_a_card_that_cannot_be_made_leaves_the_page_without_a_picture(client, monkeypatch):
    def broken(card):
        raise OSError("the storage is unreachable")

    monkeypatch.setattr(social.cards, "stored_card", broken)
    ArticleFactory(slug="plain")

    meta = meta_of(client, "/news/plain/")

    assert "og:image" not in meta
    assert meta["twitter:card"] == ["summary"]


@pytest.mark.parametrize("with_default_image", [False, True])
def test_sharing_pictures_cost_no_query(
    client, django_assert_num_queries, default_image, with_default_image, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    if with_default_image:
        default_image()
    article = ArticleFactory(tag_names=["Culture"])
    pagecache.clear()

    with django_assert_num_queries(ARTICLE_QUERIES_WITH_NOTHING_KEPT):
        assert client.get(article.get_absolute_url()).status_code == 200
    with django_assert_num_queries(ARTICLE_QUERIES):
        client.get(article.get_absolute_url())
