"""Media on S3-compatible object storage, against a real S3 server (moto's) on loopback: uploads
and their renditions.

With a bucket as the default storage, an upload and every rendition of it go to the bucket and
nowhere else, `make_renditions` and the title cards included; pages link to the bucket's custom
domain; what those links name are real images of the sizes the pages claim. See conftest.py
for the server and the bucket.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from articles.models import Article, Author
from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.photos.bucket_files import (
    fetched_image,
    meta,
    photo,
    picture_urls,
    pictures,
    recorded_names,
    stored_names,
    upload_in_admin,
)

pytestmark = pytest.mark.django_db


def test_an_image_uploaded_in_the_admin_goes_to_the_bucket_with_its_renditions(
    admin_client, bucket, media_root
):
    article = ArticleFactory()

    upload_in_admin(
        admin_client, article, featured_image=photo(), featured_image_alt="The harbour at dawn"
    )

    record = article.featured_image_renditions
    assert record["source"] == article.featured_image.name
    assert len(record["files"]) == 10  # four widths in two formats, the card, the thumbnail
    assert pictures(bucket.keys()) == stored_names(record)
    assert [path for path in media_root.rglob("*") if path.is_file()] == []
    assert fetched_image(bucket, article.featured_image.url).size == (1600, 900)


def test_the_article_page_links_to_the_bucket_and_every_link_is_the_image_it_claims(
    admin_client, client, bucket
):
    article = ArticleFactory()
    upload_in_admin(
        admin_client, article, featured_image=photo(), featured_image_alt="The harbour at dawn"
    )

    html = client.get(article.get_absolute_url()).content.decode()

    urls = picture_urls(html, "figure.article__image picture")
    assert len(urls) == 9  # four WebP widths, four JPEG widths, and the JPEG src
    assert all(url.startswith(bucket.public_url) for url, _ in urls), urls
    fetched = {}
    for url, width in urls:
        image = fetched_image(bucket, url)
        fetched[url] = image.format, image.size
        if width is not None:
            assert image.size == (width, width * 9 // 16), url
    assert sorted(set(fetched.values())) == [
        ("JPEG", (480, 270)),
        ("JPEG", (800, 450)),
        ("JPEG", (1200, 675)),
        ("JPEG", (1600, 900)),
        ("WEBP", (480, 270)),
        ("WEBP", (800, 450)),
        ("WEBP", (1200, 675)),
        ("WEBP", (1600, 900)),
    ]
    img = BeautifulSoup(html, "html.parser").select_one("figure.article__image img")
    assert fetched[img["src"]] == ("JPEG", (800, 450))
    assert (img["width"], img["height"]) == ("1600", "900")
    card = meta(html, "og:image")
    assert fetched_image(bucket, card).size == (1200, 630)
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")


def test_the_author_page_shows_a_headshot_from_the_bucket_in_every_square_size(
    admin_client, client, bucket
):
    author = AuthorFactory(slug="dana")
    ArticleFactory(authors=[author])  # an author page lists published work: none is a 404
    # A PNG named and sent as a GIF: the bucket serves it as what it is, by its corrected name,
    # not as the type the browser claimed.
    misnamed = photo("dana.gif", (500, 600), "PNG", content_type="image/gif")
    upload_in_admin(admin_client, author, headshot=misnamed)

    html = client.get("/news/authors/dana/").content.decode()

    assert author.headshot.name == "authors/dana.png"
    assert bucket.keys() == stored_names(author.headshot_renditions)
    assert fetched_image(bucket, author.headshot.url).format == "PNG"
    urls = picture_urls(html, "picture:has(img.profile__headshot)")
    assert all(url.startswith(bucket.public_url) for url, _ in urls), urls
    sizes = set()
    for url, width in urls:
        image = fetched_image(bucket, url)
        assert image.width == image.height
        if width is not None:
            assert image.width == width
        sizes.add((image.format, image.width))
    assert sizes == {(f, side) for f in ("PNG", "WEBP") for side in (96, 192, 400)}


def test_pieces_without_a_picture_are_shared_with_pictures_in_the_bucket(
    admin_client, client, bucket, media_root
):
    article = ArticleFactory()

    card_url = meta(client.get(article.get_absolute_url()).content.decode(), "og:image")

    assert card_url.startswith(f"{bucket.public_url}renditions/cards/articles/{article.pk}/")
    card = fetched_image(bucket, card_url)
    assert (card.format, card.size) == ("PNG", (1200, 630))

    site = SiteSettings.objects.get_or_create(pk=1)[0]
    upload_in_admin(
        admin_client, site, default_image=photo("office.jpg"), default_image_alt="Our office"
    )

    default_url = meta(client.get(article.get_absolute_url()).content.decode(), "og:image")
    assert default_url.startswith(f"{bucket.public_url}renditions/site/office")
    assert fetched_image(bucket, default_url).size == (1200, 630)
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_make_renditions_makes_missing_renditions_in_the_bucket_and_remakes_them_in_place(
    bucket,
):
    article = ArticleFactory(featured_image=photo(), featured_image_alt="A harbour")
    author = AuthorFactory(headshot=photo("dana.jpg", (300, 300)))
    originals = {article.featured_image.name, author.headshot.name}
    # As after restoring the originals without their renditions, or an upgrade.
    for key in bucket.keys() - originals:
        bucket.client.delete_object(Bucket=bucket.name, Key=key)
    Article.objects.update(featured_image_renditions={})
    Author.objects.update(headshot_renditions={})
    out = io.StringIO()

    call_command("make_renditions", stdout=out)

    made = recorded_names(article, author)
    assert bucket.keys() == made
    assert len(made) == 2 + 10 + 6
    for item in author.headshot_renditions["files"]:
        url = f"{bucket.public_url}{item['name']}"
        assert fetched_image(bucket, url).size == (item["width"], item["height"])

    lost = next(iter(made - originals))
    bucket.client.delete_object(Bucket=bucket.name, Key=lost)

    call_command("make_renditions", "--force", stdout=out)

    # Every rendition made again, the lost one too, under the same names: no suffixed copies
    # pile up in the bucket.
    assert recorded_names(article, author) == made
    assert bucket.keys() == made
    assert (
        out.getvalue().splitlines()
        == [
            "Made renditions for 0 site settings.",
            "Made renditions for 1 articles.",
            "Made renditions for 1 authors.",
            "Made renditions for 0 press contacts.",
            "Made renditions for 0 media kit items.",
        ]
        * 2
    )
