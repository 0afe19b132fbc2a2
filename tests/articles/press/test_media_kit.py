"""The media kit as readers and journalists get it: pictures and documents on a release and on
/press/, their downloads with the credit written in, the whole kit as one streamed ZIP, and who
may see them."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import StreamingHttpResponse
from django.utils import timezone
from PIL import Image

from articles.models import Article, MediaKitItem
from articles.workflow import publishing
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.press.kits import PDF, body, file_url, pdf_item, pixels, release, xmp_of
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, MediaKitItemFactory
from tests.newsroom.photos.test_iptc import iptc_jpeg, iptc_of
from tests.newsroom.photos.test_xmp_credits import CREDIT_ATTRIBUTES, CREDITS
from tests.newsroom.photos.test_xmp_places_and_people import jpeg_with, packet, properties_of

pytestmark = pytest.mark.django_db


# Showing the kit.


def test_a_public_releases_kit_is_shown_with_alt_text_credit_terms_sizes_and_downloads(client):
    piece = release()
    picture = MediaKitItemFactory(article=piece, title="The plant from the river", position=0)
    sheet = pdf_item(article=piece, position=1)

    html = client.get(piece.get_absolute_url()).content.decode()

    kit = html[
        html.index('<section class="media-kit"') : html.index(
            "</section>", html.index('<section class="media-kit"')
        )
    ]
    assert '<h2 id="media-kit-heading">Media kit</h2>' in kit
    assert 'href="/news/lisbon-plant/media-kit.zip" download' in kit
    assert 'alt="The new plant seen from the river at dawn"' in kit
    assert "Credit: Photo: Ana Costa / Zephyrcorp" in kit
    assert "Terms of use: Free for editorial use with credit. Not for advertising." in kit
    assert "The Lisbon plant on its first day." in kit
    assert f'href="/news/lisbon-plant/media-kit/{picture.pk}/original/" download' in kit
    assert f'href="/news/lisbon-plant/media-kit/{picture.pk}/web/" download' in kit
    assert "(JPEG, 3000 × 2000 pixels, " in kit
    assert "(JPEG, 2048 × 1365 pixels, " in kit
    assert f'href="/news/lisbon-plant/media-kit/{sheet.pk}/original/" download' in kit
    assert f"(PDF, {len(PDF)}\xa0bytes)" in kit
    assert kit.index("The plant from the river") < kit.index("Fact sheet")
    # Before the "About" section and the contacts that end the release.
    assert html.index("media-kit-heading") < html.index("</article>")


def test_kits_are_shown_in_the_order_editors_gave_whatever_order_items_were_added_in(client):
    piece = release()
    later = MediaKitItemFactory(article=piece, title="Added first, shown second", position=1)
    sooner = MediaKitItemFactory(article=piece, title="Added second, shown first", position=0)
    MediaKitItemFactory(title="Room item added first, shown second", position=1)
    MediaKitItemFactory(title="Room item added second, shown first", position=0)
    assert later.pk < sooner.pk

    page = client.get(piece.get_absolute_url()).content.decode()
    room = client.get("/press/").content.decode()

    assert page.index("Added second, shown first") < page.index("Added first, shown second")
    assert room.index("Room item added second, shown first") < room.index(
        "Room item added first, shown second"
    )


def test_a_release_without_a_kit_and_other_kinds_show_none(client):
    news = ArticleFactory(slug="news-piece")
    MediaKitItemFactory(article=news)

    assert "media-kit" not in client.get(release().get_absolute_url()).content.decode()
    assert "media-kit" not in client.get(news.get_absolute_url()).content.decode()


def test_the_press_room_shows_its_own_kit_and_not_a_releases(client):
    own = MediaKitItemFactory(title="Logo on white")
    MediaKitItemFactory(article=release(), title="Release picture")

    html = client.get("/press/").content.decode()

    assert "Logo on white" in html
    assert "Release picture" not in html
    assert 'href="/press/media-kit.zip" download' in html
    assert f'href="/press/media-kit/{own.pk}/original/" download' in html


# Downloads.


def test_an_original_jpeg_downloads_as_uploaded_with_its_credit_and_terms_written_in(client):
    piece = release()
    item = MediaKitItemFactory(article=piece, title="The plant from the river")
    with item.image.open("rb") as stored:
        uploaded = stored.read()

    response = client.get(file_url(piece, item))

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        'attachment; filename="the-plant-from-the-river.jpg"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    data = body(response)
    assert pixels(data) == pixels(uploaded)  # the same picture, not encoded again
    assert xmp_of(data) == {
        "credit": "Photo: Ana Costa / Zephyrcorp",
        "usage_terms": "Free for editorial use with credit. Not for advertising.",
        "title": "The plant from the river",
        "caption": "The Lisbon plant on its first day.",
        "alt_text": "The new plant seen from the river at dawn",
    }


def test_an_original_jpeg_downloads_with_its_photographers_iptc_credits_and_no_place(client):
    piece = release()
    item = MediaKitItemFactory(article=piece, image=SimpleUploadedFile("wire.jpg", iptc_jpeg()))

    data = body(client.get(file_url(piece, item)))

    found = iptc_of(data)
    assert found[(2, 80)].decode() == "Nádia Rahimi"
    assert found[(2, 116)].decode() == "© 2026 Northwind Wire"
    assert found[(2, 120)].decode().startswith("Traders reopen their stalls")
    assert b"Herat" not in data
    assert xmp_of(data)["credit"] == "Photo: Ana Costa / Zephyrcorp", "the item's, written in"


def test_an_original_jpeg_keeps_its_photographers_xmp_credits_beside_the_items(client):
    """The item's caption and credit line are written in; the photographer's name, copyright
    notice, source and job title the file gave stay, as they do in its IPTC."""
    piece = release()
    xmp = packet(CREDIT_ATTRIBUTES, "<photoshop:City>Oslo</photoshop:City>" + CREDITS)
    image = SimpleUploadedFile("wire.jpg", jpeg_with(xmp))
    item = MediaKitItemFactory(article=piece, image=image, title="The plant from the river")

    data = body(client.get(file_url(piece, item)))

    assert properties_of(data) == {
        "dc:title": ["The plant from the river"],
        "dc:creator": ["Nadia Rahimi", "Omar Haidari"],
        "dc:description": ["The Lisbon plant on its first day."],
        "dc:rights": ["© 2026 Northwind Wire", "© 2026 Northwind Wire, alle rettigheter"],
        "photoshop:Credit": ["Photo: Ana Costa / Zephyrcorp"],
        "photoshop:Source": ["Northwind Wire / Nordic desk"],
        "photoshop:AuthorsPosition": ["Staff photographer"],
        "xmpRights:UsageTerms": ["Free for editorial use with credit. Not for advertising."],
        "Iptc4xmpCore:AltTextAccessibility": ["The new plant seen from the river at dawn"],
    }
    assert b"Oslo" not in data
    assert data.count(b"http://ns.adobe.com/xap/1.0/\x00") == 1, "one packet"


def test_the_web_size_is_2048_pixels_on_its_long_edge_and_says_the_credit_as_it_is_now(client):
    piece = release()
    portrait = image_bytes("JPEG", (2400, 3600))
    item = MediaKitItemFactory(
        article=piece, image=SimpleUploadedFile("portrait.jpg", portrait), title="Our CEO"
    )
    MediaKitItem.objects.filter(pk=item.pk).update(credit="Photo: Changed Since")

    response = client.get(file_url(piece, item, "web"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="our-ceo-2048.jpg"'
    data = body(response)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1365, 2048)
    assert xmp_of(data)["credit"] == "Photo: Changed Since"


def test_a_picture_no_larger_than_the_web_size_offers_only_its_original(client):
    piece = release()
    item = MediaKitItemFactory(article=piece, image=SimpleUploadedFile("s.png", image_bytes("PNG")))

    assert client.get(file_url(piece, item, "web")).status_code == 404
    response = client.get(file_url(piece, item))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response) == item.image.open("rb").read()  # no metadata written into a PNG
    assert f"/media-kit/{item.pk}/web/" not in client.get(piece.get_absolute_url()).content.decode()


def test_a_pdf_downloads_as_an_attachment_that_no_browser_sniffs(client):
    piece = release()
    sheet = pdf_item(article=piece)

    response = client.get(file_url(piece, sheet))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="fact-sheet.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_the_whole_kit_streams_as_one_zip_of_the_originals_and_their_credits(client):
    piece = release()
    picture = MediaKitItemFactory(article=piece, title="The plant", position=0)
    pdf_item(article=piece, position=1)
    MediaKitItemFactory(article=release(slug="other"), title="Another release's picture")
    MediaKitItemFactory(title="The press room's logo")

    response = client.get("/news/lisbon-plant/media-kit.zip")

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="lisbon-plant-media-kit.zip"'
    chunks = list(response.streaming_content)
    assert len(chunks) > 3  # written as it goes, not built whole first
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["01-the-plant.jpg", "02-fact-sheet.pdf", "credits.txt"]
        assert archive.read("02-fact-sheet.pdf") == PDF
        photo = archive.read("01-the-plant.jpg")
        credits = archive.read("credits.txt").decode()
    assert photo == body(client.get(file_url(piece, picture)))
    assert xmp_of(photo)["credit"] == "Photo: Ana Costa / Zephyrcorp"
    assert "01-the-plant.jpg\n  The plant\n" in credits
    assert "  Credit: Photo: Ana Costa / Zephyrcorp\n" in credits


def test_the_press_rooms_kit_downloads_item_by_item_and_as_a_zip(client):
    logo = MediaKitItemFactory(title="Logo")

    assert client.get(f"/press/media-kit/{logo.pk}/original/").status_code == 200
    response = client.get("/press/media-kit.zip")
    assert response["Content-Disposition"] == 'attachment; filename="northwind-labs-media-kit.zip"'
    with zipfile.ZipFile(io.BytesIO(body(response))) as archive:
        assert archive.namelist() == ["01-logo.jpg", "credits.txt"]


def test_an_empty_kit_has_no_zip(client):
    piece = release()

    assert client.get(f"/news/{piece.slug}/media-kit.zip").status_code == 404
    assert client.get("/press/media-kit.zip").status_code == 404


# Visibility.


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "published_at": None},
        {"status": "in-review", "published_at": None},
        {"status": "unpublished"},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in review", "unpublished", "scheduled"],
)
def test_the_kit_of_a_release_readers_cannot_see_is_404(client, state):
    piece = release(**state)
    item = MediaKitItemFactory(article=piece)

    for url in [
        file_url(piece, item),
        file_url(piece, item, "web"),
        "/news/lisbon-plant/media-kit.zip",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/press/media-kit/{item.pk}/original/").status_code == 404


def test_the_kit_of_an_embargoed_release_is_404_until_the_embargo(client):
    piece = release(status=Article.Status.DRAFT, published_at=None)
    publishing.embargo(piece, until=timezone.now() + timedelta(days=1))
    publishing.publish(piece)
    item = MediaKitItemFactory(article=piece)

    assert client.get(file_url(piece, item)).status_code == 404
    assert client.get("/news/lisbon-plant/media-kit.zip").status_code == 404


def test_its_editors_download_a_drafts_kit_privately(editor_client, contributor_client):
    piece = release(status=Article.Status.DRAFT, published_at=None)
    item = MediaKitItemFactory(article=piece)

    response = editor_client.get(file_url(piece, item))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert editor_client.get("/news/lisbon-plant/media-kit.zip").status_code == 200
    # Someone else's draft is not a contributor's to see.
    assert contributor_client.get(file_url(piece, item)).status_code == 404


def test_forged_addresses_reach_no_other_kit(client):
    piece, other = release(), release(slug="other-release")
    theirs = MediaKitItemFactory(article=other)
    room = MediaKitItemFactory()
    mine = MediaKitItemFactory(article=piece)

    assert client.get(file_url(piece, theirs)).status_code == 404
    assert client.get(file_url(piece, room)).status_code == 404
    assert client.get(f"/press/media-kit/{mine.pk}/original/").status_code == 404
    assert client.get(file_url(piece, mine, "thumbnail")).status_code == 404
    assert client.get(f"/news/lisbon-plant/media-kit/{mine.pk + 100}/original/").status_code == 404
    assert client.get(file_url(piece, mine)).status_code == 200


# Caching.


def test_public_downloads_are_kept_by_browsers_and_the_edge_under_the_releases_tag(
    client, settings
):
    settings.SURROGATE_KEY_HEADER = "xkey"
    piece = release()
    item = MediaKitItemFactory(article=piece)

    for url in [file_url(piece, item), "/news/lisbon-plant/media-kit.zip"]:
        response = client.get(url)
        assert response["Cache-Control"].startswith("public, max-age="), url
        assert response["xkey"] == f"article-{piece.pk}", url
        assert CACHE_STATUS_HEADER not in response  # not kept in the app's own cache
    room = client.get(f"/press/media-kit/{MediaKitItemFactory().pk}/original/")
    assert room["xkey"] == "press-media-kit"


def test_changing_an_item_retires_the_pages_that_show_it(client):
    piece = release()
    item = MediaKitItemFactory(article=piece, title="Before")
    logo = MediaKitItemFactory(title="Logo before")
    client.get(piece.get_absolute_url())
    client.get("/press/")
    assert client.get(piece.get_absolute_url())[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/press/")[CACHE_STATUS_HEADER] == "hit"

    item.title = "After"
    item.save()
    logo.title = "Logo after"
    logo.save()

    assert "After" in client.get(piece.get_absolute_url()).content.decode()
    assert "Logo after" in client.get("/press/").content.decode()


def test_an_item_on_a_draft_retires_nothing(client):
    public = release(slug="public-release")
    draft = release(status=Article.Status.DRAFT, published_at=None)
    client.get(public.get_absolute_url())

    MediaKitItemFactory(article=draft)

    assert client.get(public.get_absolute_url())[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/news/")[CACHE_STATUS_HEADER] == "miss"  # first visit
    assert client.get("/news/")[CACHE_STATUS_HEADER] == "hit"


# The model.


def test_an_item_is_a_picture_or_a_document_never_both_nor_neither():
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaKitItemFactory(document="kit/x/fact-sheet.pdf")
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaKitItemFactory(image=None, alt_text="")


def test_a_picture_needs_alt_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaKitItemFactory(alt_text="")


def test_files_are_stored_in_folders_no_one_can_guess():
    first, second = MediaKitItemFactory(), MediaKitItemFactory()

    for item in (first, second):
        assert re.fullmatch(r"kit/[-\w]{22}/[-\w.]+\.jpg", item.image.name), item.image.name
    assert first.image.name.split("/")[1] != second.image.name.split("/")[1]
