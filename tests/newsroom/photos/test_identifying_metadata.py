"""What a published picture tells about who took it and where: a newsroom protecting a source
expects no original readers can fetch to name the place it was taken, nor the camera's serial
number or its owner, which tie the picture to one person.

Originals are public: the media kit offers them for download, pages show one whose renditions
could not be made, and each rendition's address names its original's
(`renditions/<original>/w800.jpg`).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from newsroom.photos.fields import validate_image_file
from tests.articles.press.kits import body
from tests.factories import ArticleFactory, MediaKitItemFactory

pytestmark = pytest.mark.django_db

GPS = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
SERIAL = "SN-40917723"
OWNER = "Nadia Rahimi"


def camera_jpeg(*, size=(1600, 900)) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.Base.Make] = "Phonemaker"
    exif[ExifTags.Base.Artist] = OWNER
    camera = exif.get_ifd(ExifTags.IFD.Exif)
    camera[ExifTags.Base.BodySerialNumber] = SERIAL
    camera[ExifTags.Base.CameraOwnerName] = OWNER
    camera[ExifTags.Base.LensSerialNumber] = "LN-5521"
    # Makers repeat the serial number in their own block, as Canon's and Nikon's do.
    camera[ExifTags.Base.MakerNote] = f"Phonemaker\x00SerialNumber={SERIAL}".encode()
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def with_padding(jpeg: bytes) -> bytes:
    """`jpeg` with two fill bytes before its EXIF segment, as some cameras and editors leave
    between segments; decoders (libjpeg, Pillow, browsers) skip them."""
    after_jfif = 4 + int.from_bytes(jpeg[4:6], "big")
    assert jpeg[after_jfif : after_jfif + 2] == b"\xff\xe1", "EXIF follows the JFIF segment"
    return jpeg[:after_jfif] + b"\x00\x00" + jpeg[after_jfif:]


def location(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as opened:
        return dict(opened.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def stored(field) -> bytes:
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def test_the_padded_photo_made_here_shows_its_location_to_any_reader():
    padded = with_padding(camera_jpeg())
    assert location(padded) == GPS
    with Image.open(io.BytesIO(padded)) as opened:
        opened.load()


def test_a_location_after_fill_bytes_is_removed_from_the_stored_original():
    validate_image_file(SimpleUploadedFile("harbour.jpg", with_padding(camera_jpeg())))
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", with_padding(camera_jpeg())),
        featured_image_alt="The harbour at dawn",
    )

    assert location(stored(article.featured_image)) == {}


def test_a_location_after_fill_bytes_is_removed_and_the_picture_kept_as_it_was():
    padded = with_padding(camera_jpeg())
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", padded),
        featured_image_alt="The harbour at dawn",
    )

    kept = stored(article.featured_image)
    assert location(kept) == {}
    image_data = padded[padded.index(b"\xff\xda") :]
    assert kept.endswith(image_data), "the picture is not encoded again"
    after_jfif = 4 + int.from_bytes(kept[4:6], "big")
    assert kept[after_jfif : after_jfif + 2] == b"\xff\xe1", "the fill bytes are left out"


def test_a_downloaded_original_names_neither_the_camera_nor_its_owner(client):
    item = MediaKitItemFactory(
        title="Harbour", image=SimpleUploadedFile("harbour.jpg", camera_jpeg(size=(3000, 2000)))
    )

    response = client.get(f"/press/media-kit/{item.pk}/original/")

    assert response.status_code == 200
    downloaded = body(response)
    assert location(downloaded) == {}  # the place is gone already
    assert SERIAL.encode() not in downloaded
    assert b"LN-5521" not in downloaded
    assert OWNER.encode() not in downloaded


def test_what_editors_rely_on_stays_in_the_stored_original():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Phonemaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Copyright] = "Northwind Labs"
    exif[ExifTags.Base.Artist] = OWNER
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), "steelblue").save(
        buffer, format="PNG", exif=exif, icc_profile=b"profile"
    )
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.png", buffer.getvalue()),
        featured_image_alt="The harbour at dawn",
    )

    kept = stored(article.featured_image)
    assert OWNER.encode() not in kept
    assert SERIAL.encode() not in kept
    with Image.open(io.BytesIO(kept)) as opened:
        found = opened.getexif()
        assert found[ExifTags.Base.Orientation] == 6
        assert (found[ExifTags.Base.Make], found[ExifTags.Base.Model]) == ("Phonemaker", "Phone 12")
        assert found[ExifTags.Base.Copyright] == "Northwind Labs"
        assert opened.info["icc_profile"] == b"profile"


def test_an_xmp_packet_naming_the_camera_serial_is_dropped():
    packet = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
        b'aux:SerialNumber="SN-40917723" dc:rights="Northwind Labs"/></rdf:RDF></x:xmpmeta>'
    )
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), "steelblue").save(buffer, format="JPEG", xmp=packet)
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", buffer.getvalue()),
        featured_image_alt="The harbour at dawn",
    )

    assert SERIAL.encode() not in stored(article.featured_image)
