"""Phone photos that hold more than one picture: an editor expects the .jpg their phone made
to upload like any JPEG, and a source's whereabouts to be gone from every picture inside it.

Recent phones write a second picture (an HDR gain map, a depth map) into their JPEGs after the
first, indexed by an MPF segment (CIPA DC-007, "MPO"); Pillow opens such a file as "MPO". Each
picture carries its own EXIF, GPS included.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageSequence

from articles.models import Article
from tests.articles.admin.article_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory

GPS = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}


def exif_segment() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phonemaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    body = b"Exif\x00\x00" + exif.tobytes().removeprefix(b"Exif\x00\x00")
    return b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body


def phone_jpeg(*, with_location: bool = False) -> bytes:
    """A JPEG of two pictures, as a phone writes one: the photo and a smaller second image."""
    buffer = io.BytesIO()
    photo = Image.new("RGB", (1600, 900), "steelblue")
    second = Image.new("RGB", (400, 225), "gray")
    photo.save(buffer, format="MPO", save_all=True, append_images=[second])
    data = buffer.getvalue()
    if not with_location:
        return data
    # Each picture's EXIF right after its start of image, as phones put it. The MPF offsets
    # count from the MPF segment, so a segment before it moves both alike.
    second_start = data.index(b"\xff\xd9\xff\xd8") + 2
    return (
        data[:2]
        + exif_segment()
        + data[2 : second_start + 2]
        + exif_segment()
        + data[second_start + 2 :]
    )


def locations(data: bytes) -> list[dict]:
    with Image.open(io.BytesIO(data)) as opened:
        return [
            dict(frame.getexif().get_ifd(ExifTags.IFD.GPSInfo))
            for frame in ImageSequence.Iterator(opened)
        ]


def test_the_phone_photo_made_here_holds_two_pictures_each_with_a_location():
    data = phone_jpeg(with_location=True)
    with Image.open(io.BytesIO(data)) as opened:
        assert (opened.format, opened.n_frames) == ("MPO", 2)
    assert locations(data) == [GPS, GPS]


@pytest.mark.django_db
def test_an_editor_uploads_a_phone_jpeg_of_several_pictures_and_it_is_kept(
    admin_client,
):
    data = article_form(
        AuthorFactory(),
        featured_image=SimpleUploadedFile("harbour.jpg", phone_jpeg(with_location=True)),
        featured_image_alt="The harbour at dawn",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "not accepted" not in response.content.decode()
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.featured_image.name.endswith(".jpg")
    assert article.image.ready


@pytest.mark.django_db
def test_no_picture_of_a_stored_phone_jpeg_keeps_its_location():
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", phone_jpeg(with_location=True)),
        featured_image_alt="The harbour at dawn",
    )

    article.featured_image.open("rb")
    stored = article.featured_image.read()
    assert all(found == {} for found in locations(stored)), locations(stored)


@pytest.mark.django_db
def test_a_stored_phone_jpeg_is_its_photo_alone():
    """The second picture and whatever a phone appends after the last (a motion photo's
    video, with its own record of where it was filmed) are left out of the stored file."""
    appended = phone_jpeg(with_location=True) + b"\x00\x00\x00\x18ftypmp42 video near 51.5N"
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", appended),
        featured_image_alt="The harbour at dawn",
    )

    article.featured_image.open("rb")
    stored = article.featured_image.read()
    with Image.open(io.BytesIO(stored)) as opened:
        assert (opened.format, opened.size, getattr(opened, "n_frames", 1)) == (
            "JPEG",
            (1600, 900),
            1,
        )
        opened.load()
    assert b"video" not in stored
    assert b"MPF\x00" not in stored


def test_a_location_the_rewriting_misses_is_removed_by_encoding_the_picture_again(monkeypatch):
    from newsroom.photos import stripping

    # As if the location sat where the segment-by-segment rewriting does not look.
    monkeypatch.setattr(stripping, "_rewritten", lambda data: None)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), "steelblue").save(buffer, format="JPEG", exif=exif)

    cleaned = stripping.strip_location(buffer.getvalue())

    assert locations(cleaned) == [{}]
    with Image.open(io.BytesIO(cleaned)) as opened:
        assert opened.size == (160, 90)
        assert opened.getexif()[ExifTags.Base.Orientation] == 6
        pixel = opened.convert("RGB").getpixel((80, 45))
    steelblue = (70, 130, 180)
    assert max(abs(got - wanted) for got, wanted in zip(pixel, steelblue, strict=True)) <= 4
