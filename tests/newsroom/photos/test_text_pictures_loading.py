"""Pictures put in the text load as the reader scrolls to them: below the lead picture they
are loaded lazily, so a long piece's pictures do not hold up the page's first view; the first
picture of a page without a lead picture is loaded at once, as the hero is."""

import re

import pytest

from tests.factories import ArticleFactory, SitePageFactory
from tests.newsroom.photos.uploads import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def src() -> str:
    source = ArticleFactory(featured_image=upload(size=(1600, 900)), featured_image_alt="A ferry")
    return source.image.url_for_width(1200)


def figures(src: str, count: int) -> str:
    return "".join(
        f'<figure><img src="{src}" alt="Picture {number}"></figure><p>Text {number}.</p>'
        for number in range(1, count + 1)
    )


def text_pictures(html: str, text_class: str = "article__body") -> list[str]:
    body = html[html.index(f'<div class="{text_class}">') :]
    return re.findall(r'<img [^>]*alt="Picture \d"[^>]*>', body)


def test_pictures_in_the_text_below_a_lead_picture_load_lazily(client, src):
    article = ArticleFactory(
        featured_image=upload(), featured_image_alt="The harbour", body=figures(src, 3)
    )

    pictures = text_pictures(client.get(article.get_absolute_url()).content.decode())

    assert len(pictures) == 3
    assert all('loading="lazy"' in tag and 'decoding="async"' in tag for tag in pictures)
    assert all('width="1200" height="675"' in tag for tag in pictures)


def test_without_a_lead_picture_the_first_in_the_text_loads_at_once(client, src):
    article = ArticleFactory(body=figures(src, 3))

    first, *rest = text_pictures(client.get(article.get_absolute_url()).content.decode())

    assert "loading=" not in first
    assert len(rest) == 2
    assert all('loading="lazy"' in tag for tag in rest)


def test_a_site_pages_first_picture_loads_at_once_and_the_rest_lazily(client, src):
    page = SitePageFactory(body=figures(src, 2))

    html = client.get(f"/{page.slug}/").content.decode()

    first, second = text_pictures(html, "site-page__body")
    assert "loading=" not in first
    assert 'loading="lazy"' in second
