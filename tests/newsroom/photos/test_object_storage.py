"""Media on S3-compatible object storage, against a real S3 server (moto's) on loopback.

With a bucket as the default storage, an upload and every rendition of it go to the bucket and
nowhere else; pages link to the bucket's custom domain; what those links name are real images of
the sizes the pages claim. Deleted and replaced images stay, as on disk, so that a revision can
bring them back. See conftest.py for the server and the bucket.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from reversion.models import Version

from articles.models import Article, Author
from newsroom.models import SiteSettings
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.photos.conftest import ACCESS_KEY, REGION, SECRET_KEY

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.django_db

PILLOW_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def photo(
    name: str = "harbour.jpg",
    size=(1600, 900),
    image_format: str = "JPEG",
    content_type: str = "application/octet-stream",
):
    """A real picture made by Pillow (a gradient, so resizing has detail to work on)."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def upload_in_admin(client, obj, **changes) -> None:
    """Save `obj`'s admin change form with `changes`, as an editor's browser would."""
    opts = obj._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def stored_names(record: dict) -> set[str]:
    return {record["source"]} | {item["name"] for item in record["files"]}


def recorded_names(article: Article, author: Author) -> set[str]:
    """Every file the rows name: both originals and their renditions."""
    article.refresh_from_db()
    author.refresh_from_db()
    return stored_names(article.featured_image_renditions) | stored_names(
        author.headshot_renditions
    )


def picture_urls(html: str, selector: str) -> list[tuple[str, int | None]]:
    """(URL, width descriptor or None) of every image a `<picture>` offers: `<source>` srcsets,
    then the `<img>` srcset and src."""
    picture = BeautifulSoup(html, "html.parser").select_one(selector)
    assert picture is not None, f"no {selector} on the page"
    urls = []
    for element in picture.select("source, img"):
        for candidate in element.get("srcset", "").split(","):
            if candidate.strip():
                url, descriptor = candidate.split()
                urls.append((url, int(descriptor.removesuffix("w"))))
        if element.name == "img":
            urls.append((element["src"], None))
    return urls


def fetched_image(bucket, url: str) -> Image.Image:
    """The image at `url`, fetched over HTTP from the bucket and decoded in full by Pillow."""
    content_type, body = bucket.fetch(url)
    image = Image.open(io.BytesIO(body))
    image.load()
    assert content_type == PILLOW_TYPES[image.format], url
    return image


def pictures(keys: set[str]) -> set[str]:
    """`keys` without title cards: the change form previews the saved piece as it is shared, and
    a piece without a picture of its own is shared with one."""
    return {key for key in keys if not key.startswith("renditions/cards/")}


def meta(html: str, prop: str) -> str:
    return BeautifulSoup(html, "html.parser").find("meta", property=prop)["content"]


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


# The tests above configure the storage themselves; these check that the real settings, from
# the environment alone, build one that works and that the pages' CSP lets its images load.

STORE_A_PICTURE = """
import io, json, django
from PIL import Image
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
buffer = io.BytesIO()
Image.new("RGB", (64, 48), "teal").save(buffer, format="PNG")
name = default_storage.save("probe/pixel.png", ContentFile(buffer.getvalue()))
print(json.dumps({
    "url": default_storage.url(name),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def with_production_settings(script: str, **env: str) -> dict:
    """Run `script` under newsroom.settings, configured by `env` alone; its printed JSON."""
    base = {key: os.environ[key] for key in ("PATH", "SYSTEMROOT") if key in os.environ}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "SECRET_KEY": "s" * 50,
            "ALLOWED_HOSTS": "news.example.com",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_settings_store_media_in_the_named_bucket_and_allow_it_in_the_csp(bucket):
    report = with_production_settings(
        STORE_A_PICTURE,
        AWS_STORAGE_BUCKET_NAME=bucket.name,
        AWS_S3_ENDPOINT_URL=bucket.endpoint,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )

    assert bucket.keys() == {"probe/pixel.png"}
    assert fetched_image(bucket, report["url"]).size == (64, 48)
    parts = urlsplit(report["url"])
    assert f"{parts.scheme}://{parts.netloc}" in report["img_src"]


def test_with_a_custom_domain_pages_link_there_and_the_csp_allows_it():
    script = STORE_A_PICTURE.replace(
        'name = default_storage.save("probe/pixel.png", ContentFile(buffer.getvalue()))',
        'name = "renditions/articles/photo.jpg/w800.webp"',
    )
    report = with_production_settings(
        script,
        AWS_STORAGE_BUCKET_NAME="example-newsroom-media",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_CUSTOM_DOMAIN="media.news.example.com",
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )

    assert report["url"] == "https://media.news.example.com/renditions/articles/photo.jpg/w800.webp"
    assert "https://media.news.example.com" in report["img_src"]


def test_a_media_kit_picture_goes_to_the_bucket_and_downloads_from_it_with_its_credit(
    admin_client, client, bucket, media_root
):
    import zipfile
    from xml.etree import ElementTree

    from articles.models import MediaKitItem

    response = admin_client.post(
        "/admin/articles/mediakititem/add/",
        {
            "title": "The harbour at dawn",
            "image": photo("harbour.jpg", (3000, 1500)),
            "alt_text": "Boats in the harbour at dawn",
            "caption": "",
            "credit": "Photo: Ana Costa",
            "usage_terms": "Editorial use only",
            "position": "0",
        },
    )
    assert response.status_code == 302
    item = MediaKitItem.objects.get()
    record = item.image_renditions
    assert item.image.name.startswith("kit/")
    assert pictures(bucket.keys()) == stored_names(record)
    assert [path for path in media_root.rglob("*") if path.is_file()] == []

    original = client.get(f"/press/media-kit/{item.pk}/original/")
    web = client.get(f"/press/media-kit/{item.pk}/web/")
    kit = client.get("/press/media-kit.zip")

    downloaded = b"".join(original.streaming_content)
    _, stored = bucket.fetch(item.image.url)
    assert Image.open(io.BytesIO(downloaded)).tobytes() == Image.open(io.BytesIO(stored)).tobytes()
    packet = Image.open(io.BytesIO(downloaded)).info["xmp"]
    assert b"<photoshop:Credit>Photo: Ana Costa</photoshop:Credit>" in packet
    ElementTree.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # noqa: S314
    assert Image.open(io.BytesIO(b"".join(web.streaming_content))).size == (2048, 1024)
    with zipfile.ZipFile(io.BytesIO(b"".join(kit.streaming_content))) as archive:
        assert archive.read("01-the-harbour-at-dawn.jpg") == downloaded
