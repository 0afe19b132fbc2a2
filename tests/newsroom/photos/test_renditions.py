"""Image renditions: made once when an image is saved, then served by every page."""

import io
import re

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ImageField
from django.db.models.fields.files import FieldFile
from PIL import ExifTags, Image

from articles.models import Article, Author, MediaKitItem, PressContact
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.photos.renditions import Renditions
from tests.articles.test_query_budget import (
    ARTICLE_QUERIES_WITH_NOTHING_KEPT,
    INDEX_QUERIES_WITH_NOTHING_KEPT,
    LISTING_QUERIES_WITH_NOTHING_KEPT,
)
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    MediaKitItemFactory,
    PressContactFactory,
)

pytestmark = pytest.mark.django_db


def upload(image_format="JPEG", size=(1600, 900), *, name=None, mode="RGB", exif=None):
    buffer = io.BytesIO()
    colour = (23, 92, 140, 128) if mode == "RGBA" else "steelblue"
    picture = Image.new(mode, size, colour)
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format=image_format, **options)
    extension = {"JPEG": "jpg"}.get(image_format, image_format.lower())
    return SimpleUploadedFile(name or f"photo.{extension}", buffer.getvalue())


def with_image(**overrides) -> Article:
    fields = {"featured_image": upload(), "featured_image_alt": "The harbour at dawn"}
    return ArticleFactory(**(fields | overrides))


def files_of(record: dict, role: str, image_format: str | None = None) -> list[dict]:
    return [
        item
        for item in record["files"]
        if item["role"] == role and (image_format is None or item["format"] == image_format)
    ]


def opened(name: str) -> Image.Image:
    with default_storage.open(name) as file:
        image = Image.open(file)
        image.load()
        return image


def test_a_featured_image_gets_every_width_in_webp_and_its_format_plus_card_and_thumbnail():
    record = with_image().featured_image_renditions

    assert record["source"].startswith("articles/")
    assert record["fallback_format"] == "jpeg"
    for image_format, pillow_format in [("webp", "WEBP"), ("jpeg", "JPEG")]:
        widths = files_of(record, "width", image_format)
        assert [(item["width"], item["height"]) for item in widths] == [
            (480, 270),
            (800, 450),
            (1200, 675),
            (1600, 900),
        ]
        for item in widths:
            stored = opened(item["name"])
            assert stored.format == pillow_format
            assert stored.size == (item["width"], item["height"])
            assert default_storage.size(item["name"]) == item["size"]
    (social,) = files_of(record, "social")
    assert opened(social["name"]).size == (1200, 630)
    assert opened(social["name"]).format == "JPEG"
    (thumbnail,) = files_of(record, "thumbnail")
    assert opened(thumbnail["name"]).size == (128, 128)


def test_a_narrow_image_is_never_enlarged():
    record = with_image(featured_image=upload(size=(600, 400))).featured_image_renditions

    assert [item["width"] for item in files_of(record, "width", "webp")] == [480, 600]


def test_renditions_of_a_photo_taken_sideways_are_upright():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: pixels are stored rotated
    article = with_image(featured_image=upload(size=(1200, 800), exif=exif))

    widths = files_of(article.featured_image_renditions, "width", "jpeg")
    assert (widths[-1]["width"], widths[-1]["height"]) == (800, 1200)
    assert opened(widths[-1]["name"]).size == (800, 1200)
    assert (article.image.width, article.image.height) == (800, 1200)


def test_a_transparent_png_keeps_its_transparency_except_on_the_social_card():
    record = with_image(featured_image=upload("PNG", mode="RGBA")).featured_image_renditions

    assert record["fallback_format"] == "png"
    assert opened(files_of(record, "width", "png")[0]["name"]).mode == "RGBA"
    assert opened(files_of(record, "width", "webp")[0]["name"]).mode == "RGBA"
    card = opened(files_of(record, "social")[0]["name"])
    assert card.mode == "RGB"
    # Half-transparent blue over white.
    assert card.getpixel((600, 315)) == pytest.approx((139, 173, 197), abs=3)


def test_a_gif_gets_png_renditions_and_a_webp_upload_only_webp():
    gif = with_image(featured_image=upload("GIF", size=(800, 450))).featured_image_renditions
    webp = with_image(featured_image=upload("WEBP", size=(800, 450))).featured_image_renditions

    assert {item["format"] for item in files_of(gif, "width")} == {"webp", "png"}
    assert {item["format"] for item in files_of(webp, "width")} == {"webp"}


def test_headshots_get_square_renditions_in_both_formats():
    author = AuthorFactory(headshot=upload(size=(600, 800)))

    squares = files_of(author.headshot_renditions, "square")
    assert sorted((item["format"], item["width"], item["height"]) for item in squares) == [
        ("jpeg", 96, 96),
        ("jpeg", 192, 192),
        ("jpeg", 400, 400),
        ("webp", 96, 96),
        ("webp", 192, 192),
        ("webp", 400, 400),
    ]
    for item in squares:
        assert opened(item["name"]).size == (item["width"], item["width"])


def test_renditions_are_made_once_not_on_later_saves_or_requests(client):
    article = with_image()
    record = article.featured_image_renditions
    stamps = {
        item["name"]: default_storage.get_modified_time(item["name"]) for item in record["files"]
    }

    article.headline = "A corrected headline"
    article.save()
    client.get(article.get_absolute_url())
    client.get("/news/")

    article.refresh_from_db()
    assert article.featured_image_renditions == record
    assert {name: default_storage.get_modified_time(name) for name in stamps} == stamps


def test_replacing_an_image_makes_new_renditions_and_keeps_the_old_for_revisions():
    article = with_image()
    old = article.featured_image_renditions

    article.featured_image = upload(name="other.jpg", size=(1000, 500))
    article.save()

    article.refresh_from_db()
    new = article.featured_image_renditions
    assert new["source"] == article.featured_image.name != old["source"]
    assert [item["width"] for item in files_of(new, "width", "webp")] == [480, 800, 1000]
    assert all(default_storage.exists(item["name"]) for item in new["files"])
    assert all(default_storage.exists(item["name"]) for item in old["files"])


def test_removing_an_image_clears_its_record():
    article = with_image()

    article.featured_image = ""
    article.featured_image_alt = ""
    article.save()

    article.refresh_from_db()
    assert article.featured_image_renditions == {}
    assert not article.image


def test_an_image_that_cannot_be_processed_is_kept_and_shown_as_it_is(client, caplog):
    broken = upload().read()[:600]  # the header says JPEG; the pixels stop short
    article = with_image(featured_image=SimpleUploadedFile("broken.jpg", broken))

    article.refresh_from_db()
    assert article.featured_image_renditions == {}
    assert "Could not make renditions" in caplog.text
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<img src="{article.featured_image.url}" alt="The harbour at dawn"' in html


# What pages send.


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


# Admin and back-filling.


def test_the_admin_lists_thumbnails_from_renditions(admin_client):
    article = with_image()
    AuthorFactory(headshot=upload(size=(300, 300)))

    articles = admin_client.get("/admin/articles/article/").content.decode()
    change = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    authors = admin_client.get("/admin/articles/author/").content.decode()

    assert "thumbnail.webp" in articles
    assert "w480.jpg" in change
    assert "square96.webp" in authors


def test_make_renditions_fills_in_missing_ones_and_remakes_all_when_forced():
    article = with_image()
    author = AuthorFactory(headshot=upload(size=(300, 300)))
    SiteSettings(default_image=upload(size=(1300, 700)), default_image_alt="Our office").save()
    contact = PressContactFactory(photo=upload(size=(300, 300)))
    kit = MediaKitItemFactory(image=upload(size=(2500, 1000)))
    Article.objects.update(featured_image_renditions={})
    Author.objects.update(headshot_renditions={})
    SiteSettings.objects.update(default_image_renditions={})
    PressContact.objects.update(photo_renditions={})
    MediaKitItem.objects.update(image_renditions={})
    out = io.StringIO()

    call_command("make_renditions", stdout=out)
    call_command("make_renditions", stdout=out)
    call_command("make_renditions", "--force", stdout=out)

    assert out.getvalue().splitlines() == [
        "Made renditions for 1 site settings.",
        "Made renditions for 1 articles.",
        "Made renditions for 1 authors.",
        "Made renditions for 1 press contacts.",
        "Made renditions for 1 media kit items.",
        "Made renditions for 0 site settings.",
        "Made renditions for 0 articles.",
        "Made renditions for 0 authors.",
        "Made renditions for 0 press contacts.",
        "Made renditions for 0 media kit items.",
        "Made renditions for 1 site settings.",
        "Made renditions for 1 articles.",
        "Made renditions for 1 authors.",
        "Made renditions for 1 press contacts.",
        "Made renditions for 1 media kit items.",
    ]
    assert SiteSettings.load().default_images.social.width == 1200
    article.refresh_from_db()
    author.refresh_from_db()
    contact.refresh_from_db()
    kit.refresh_from_db()
    assert article.image.ready
    assert author.headshot_images.ready
    assert contact.photo_images.ready
    assert kit.images.boxed(2048).width == 2048
    assert all(
        default_storage.exists(item["name"]) for item in article.featured_image_renditions["files"]
    )


def test_make_renditions_retires_the_pages_that_showed_the_originals(client):
    author = AuthorFactory(slug="dana", headshot=upload(size=(300, 300)))
    article = with_image(authors=[author])
    MediaKitItemFactory(title="Plant from the river")
    # As uploaded before renditions existed, the case the command is run for.
    Article.objects.update(featured_image_renditions={})
    Author.objects.update(headshot_renditions={})
    MediaKitItem.objects.update(image_renditions={})
    pages = {"article": article.get_absolute_url(), "author": "/news/authors/dana/"}
    assert all("w480.webp" not in client.get(url).content.decode() for url in pages.values())
    assert "Web size" not in client.get("/press/").content.decode()

    call_command("make_renditions", stdout=io.StringIO())

    article_html = client.get(pages["article"]).content.decode()
    assert "w480.webp" in article_html
    assert "square192.jpg" in article_html
    assert "square192.jpg" in client.get(pages["author"]).content.decode()
    assert "Web size" in client.get("/press/").content.decode()


class CountingStorage(FileSystemStorage):
    """The file system's addresses, optionally signed as a private bucket's are, counted."""

    def __init__(self, *, signed=False):
        super().__init__(location="/nonexistent", base_url="https://media.example.com/files/")
        self.signed, self.asked = signed, []

    def url(self, name):
        self.asked.append(name)
        address = super().url(name)
        return f"{address}?signature={len(self.asked)}" if self.signed else address


def renditions_in(storage, source="articles/2025/01/harbour.jpg"):
    folder = f"renditions/{source}"
    record = {
        "source": source,
        "fallback_format": "jpeg",
        "files": [
            {"name": f"{folder}/w{width}.{ext}", "role": "width", "width": width}
            | {"height": width // 2, "format": image_format, "size": 1000}
            for width in (400, 800, 1600)
            for ext, image_format in (("webp", "webp"), ("jpg", "jpeg"))
        ],
    }
    original = FieldFile(None, ImageField(storage=storage), source)
    return Renditions(record, original=original)


def test_an_images_addresses_are_asked_of_the_storage_once_and_written_as_it_writes_them():
    storage = CountingStorage()
    image = renditions_in(storage)

    srcset, sources, src = image.srcset, image.sources, image.src

    folder = "https://media.example.com/files/renditions/articles/2025/01/harbour.jpg"
    assert srcset == f"{folder}/w400.jpg 400w, {folder}/w800.jpg 800w, {folder}/w1600.jpg 1600w"
    assert sources == [
        (
            "image/webp",
            f"{folder}/w400.webp 400w, {folder}/w800.webp 800w, {folder}/w1600.webp 1600w",
        )
    ]
    assert src == f"{folder}/w800.jpg"
    assert len(storage.asked) == 1
    assert all(rendition.url == storage.url(rendition.name) for rendition in image.files)


def test_signed_addresses_are_each_asked_of_the_storage():
    storage = CountingStorage(signed=True)
    image = renditions_in(storage)

    urls = [rendition.url for rendition in image.files]

    assert len(storage.asked) == len(image.files) == 6
    assert urls == [
        f"{storage.base_url}{name}?signature={n}" for n, name in enumerate(storage.asked, 1)
    ]


def test_a_name_that_needs_quoting_is_asked_of_the_storage_and_quoted():
    storage = CountingStorage()
    image = renditions_in(storage, source="articles/2025/01/café au lait.jpg")

    assert image.src == (
        "https://media.example.com/files/renditions/articles/2025/01/caf%C3%A9%20au%20lait.jpg"
        "/w800.jpg"
    )
    assert [rendition.url for rendition in image.files] == [
        storage.url(rendition.name) for rendition in image.files
    ]
