"""Images on object storage stay, as on disk, so that a revision can bring them back: a deleted
article's, a replaced image's old renditions, and a removed image's files, which the page no
longer links to. See conftest.py for the server and the bucket."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import form_data
from tests.factories import ArticleFactory
from tests.newsroom.photos.bucket_files import (
    fetched_image,
    photo,
    picture_urls,
    pictures,
    stored_names,
    upload_in_admin,
)

pytestmark = pytest.mark.django_db


def test_a_deleted_article_leaves_its_images_in_the_bucket_and_recovering_it_shows_them(
    admin_client, client, bucket
):
    article = ArticleFactory()
    upload_in_admin(admin_client, article, featured_image=photo(), featured_image_alt="A harbour")
    page = article.get_absolute_url()
    before = bucket.keys()
    urls_before = picture_urls(client.get(page).content.decode(), "figure.article__image picture")

    response = admin_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.exists()
    assert client.get(page).status_code == 404
    # A deleted article can be recovered from its revisions, image and all.
    assert bucket.keys() == before

    deleted = Version.objects.get_deleted(Article).get()
    recover = f"/admin/articles/article/recover/{deleted.pk}/"
    # It comes back off the site; published again, deliberately.
    recovered = form_data(admin_client.get(recover), _publish="")
    assert admin_client.post(recover, recovered).status_code == 302

    urls = picture_urls(client.get(page).content.decode(), "figure.article__image picture")
    assert urls == urls_before
    assert bucket.keys() == before
    for url, width in urls:
        image = fetched_image(bucket, url)
        assert width is None or image.width == width


def test_replacing_an_image_adds_new_renditions_and_keeps_the_old_for_revisions(
    admin_client, client, bucket
):
    article = ArticleFactory()
    upload_in_admin(admin_client, article, featured_image=photo(), featured_image_alt="A harbour")
    old = article.featured_image_renditions

    upload_in_admin(admin_client, article, featured_image=photo("quay.webp", (1000, 500), "WEBP"))

    new = article.featured_image_renditions
    assert new["source"] == article.featured_image.name != old["source"]
    assert pictures(bucket.keys()) == stored_names(old) | stored_names(new)
    html = client.get(article.get_absolute_url()).content.decode()
    urls = picture_urls(html, "figure.article__image picture")
    assert {url for url, _ in urls} <= {f"{bucket.public_url}{name}" for name in stored_names(new)}
    assert sorted(fetched_image(bucket, url).size for url, width in urls if width) == [
        (480, 240),
        (800, 400),
        (1000, 500),
    ]


def test_removing_an_image_keeps_its_files_and_the_page_no_longer_links_to_them(
    admin_client, client, bucket
):
    article = ArticleFactory()
    upload_in_admin(admin_client, article, featured_image=photo(), featured_image_alt="A harbour")
    before = bucket.keys()

    upload_in_admin(
        admin_client, article, **{"featured_image-clear": "on", "featured_image_alt": ""}
    )

    assert article.featured_image_renditions == {}
    assert pictures(bucket.keys()) == pictures(before)
    html = client.get(article.get_absolute_url()).content.decode()
    assert [key for key in pictures(before) if key in html] == []
    # Shared now with a title card of its own, stored in the bucket too.
    card = f"{bucket.public_url}renditions/cards/articles/{article.pk}/"
    assert f'<meta property="og:image" content="{card}' in html
