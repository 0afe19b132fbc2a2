"""What pages send of an image's renditions: a responsive hero with its size, the lead loaded
first and other cards lazily, square headshots, an image saved before renditions existed
shown from its original, and the same number of queries with images as without."""

import re

import pytest

from articles.models import Article
from newsroom import pagecache
from tests.articles.test_query_budget import (
    ARTICLE_QUERIES_WITH_NOTHING_KEPT,
    INDEX_QUERIES_WITH_NOTHING_KEPT,
    LISTING_QUERIES_WITH_NOTHING_KEPT,
)
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db


def img_tag(html: str, src_part: str) -> str:
    return re.search(rf'<img src="[^"]*{re.escape(src_part)}[^>]*>', html).group(0)


def test_the_article_page_sends_a_responsive_hero_with_its_size(client):
    article = with_image()

    html = client.get(article.get_absolute_url()).content.decode()

    figure = html[html.index('<figure class="article__image">') : html.index("</figure>")]
    assert '<source type="image/webp" srcset="' in figure
    assert "w480.webp 480w" in figure
    assert "w1600.webp 1600w" in figure
    img = img_tag(figure, "w800.jpg")
    assert 'srcset="/media/renditions/' in img
    assert "w1600.jpg 1600w" in img
    assert 'sizes="(min-width: 44.5rem) 42rem, 100vw"' in img
    assert 'alt="The harbour at dawn"' in img
    assert 'width="1600" height="900"' in img
    assert 'loading="eager"' in img
    assert 'fetchpriority="high"' in img


def test_a_held_back_image_is_not_fetched_first(client):
    article = with_image(hold_behind_warning=True, spoiler_warning="discusses the finale")

    html = client.get(article.get_absolute_url()).content.decode()

    img = img_tag(html, "w800.jpg")
    assert 'loading="lazy"' in img
    assert "fetchpriority" not in img


def test_the_index_loads_the_lead_first_and_the_other_cards_lazily(client):
    with_image(is_featured=True, headline="Lead")
    with_image(headline="Second")
    with_image(headline="Third")

    html = client.get("/news/").content.decode()

    lead_starts = html.index('<li class="featured">')
    lead, cards = html[lead_starts:].split("</li>", 1)
    assert 'loading="eager" decoding="async" fetchpriority="high"' in lead
    assert cards.count('loading="lazy"') == 2
    assert "fetchpriority" not in cards
    # Beside its text on a phone, in a grid of two or three columns wider.
    assert 'sizes="(min-width: 64rem) 22rem, (min-width: 40rem) 46vw, 6rem"' in cards


def test_the_first_card_of_a_listing_without_a_lead_is_loaded_eagerly(client):
    author = AuthorFactory(slug="dana")
    for headline in ["One", "Two"]:
        with_image(headline=headline, authors=[author])

    html = client.get("/news/authors/dana/").content.decode()

    assert html.count('loading="eager"') == 1
    assert html.count('loading="lazy"') == 1


def test_headshots_are_square_renditions_lazy_in_the_author_box(client):
    author = AuthorFactory(slug="dana", headshot=upload(size=(500, 500)))
    article = ArticleFactory(authors=[author])

    article_html = client.get(article.get_absolute_url()).content.decode()
    profile_html = client.get("/news/authors/dana/").content.decode()

    box = img_tag(article_html, "square192.jpg")
    assert 'class="author-box__headshot"' in box
    assert 'width="72" height="72"' in box
    assert 'loading="lazy"' in box
    assert "square96.jpg 96w, " in box
    profile = img_tag(profile_html, "square192.jpg")
    assert 'class="profile__headshot"' in profile
    assert 'loading="eager"' in profile


def test_the_author_page_headshot_beside_the_name_has_empty_alt_text(client):
    """The name is the heading beside it, so screen readers are not told it twice."""
    author = AuthorFactory(slug="dana", name="Dana Whitfield", headshot=upload(size=(500, 500)))
    ArticleFactory(authors=[author])

    html = client.get("/news/authors/dana/").content.decode()

    profile = img_tag(html, "square192.jpg")
    assert 'alt=""' in profile
    assert "<h1>Dana Whitfield</h1>" in html


def test_an_image_saved_before_renditions_existed_is_shown_from_its_original(client):
    article = with_image()
    Article.objects.update(featured_image_renditions={})

    html = client.get(article.get_absolute_url()).content.decode()

    img = img_tag(html, article.featured_image.name)
    assert "srcset" not in img
    assert 'width="1600" height="900"' in img


# Query counts stay fixed with images and headshots on the page.


@pytest.mark.parametrize("count", [1, 8])
def test_public_pages_make_the_same_queries_with_images(client, django_assert_num_queries, count):
    authors = [AuthorFactory(headshot=upload(size=(200, 200))) for _ in range(2)]
    with_image(is_featured=True, authors=authors, tag_names=["Culture"])
    for _ in range(count):
        with_image(featured_image=upload(size=(500, 280)), authors=authors, tag_names=["Culture"])
    article = Article.objects.published().last()

    # Each page rendered with nothing kept: nothing derived from content is cached.
    with django_assert_num_queries(INDEX_QUERIES_WITH_NOTHING_KEPT):
        assert "w480.webp" in client.get("/news/").content.decode()
    pagecache.clear()
    with django_assert_num_queries(ARTICLE_QUERIES_WITH_NOTHING_KEPT):
        assert "square192" in client.get(article.get_absolute_url()).content.decode()
    for url in [authors[0].get_absolute_url(), "/news/tags/culture/"]:
        pagecache.clear()
        with django_assert_num_queries(LISTING_QUERIES_WITH_NOTHING_KEPT):
            client.get(url)
