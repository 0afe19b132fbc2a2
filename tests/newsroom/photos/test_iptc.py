"""IPTC in a JPEG (the IIM datasets in Photoshop's APP13 block): photo desks' tools write the
photographer's name, contact and the city a picture was taken in there, beside EXIF and XMP."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.IptcImagePlugin import getiptcinfo

from newsroom.photos.stripping import strip_location
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BY_LINE = b"Nadia Rahimi"
CITY = b"Herat"


def dataset(number: int, value: bytes) -> bytes:
    """One IIM dataset of the application record (2): tag marker, record, number, length."""
    return b"\x1c\x02" + bytes([number]) + len(value).to_bytes(2, "big") + value


def iptc_jpeg() -> bytes:
    """A real JPEG with an APP13 block built byte by byte: "Photoshop 3.0", then one image
    resource (8BIM, id 0x0404, an empty even-padded name) holding the IIM datasets."""
    iim = (
        dataset(80, BY_LINE)  # by-line
        + dataset(90, CITY)  # city
        + dataset(92, b"Old bazaar")  # sub-location
        + dataset(95, b"Herat Province")  # province/state
        + dataset(101, b"Afghanistan")  # country
        + dataset(118, b"+93 700 000 000")  # contact
    )
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00"
    resource += len(iim).to_bytes(4, "big") + iim + b"\x00" * (len(iim) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    app13 = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "steelblue").save(buffer, format="JPEG")
    jpeg = buffer.getvalue()
    return jpeg[:2] + app13 + jpeg[2:]


def iptc_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        return getiptcinfo(opened) or {}


def test_the_jpeg_made_here_carries_a_name_and_a_city_pillow_reads():
    found = iptc_of(iptc_jpeg())
    assert found[(2, 80)] == BY_LINE
    assert found[(2, 90)] == CITY
    assert found[(2, 118)] == b"+93 700 000 000"


def test_the_stored_original_holds_no_iptc_and_its_picture_is_kept():
    data = iptc_jpeg()
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("harbour.jpg", data),
        featured_image_alt="The harbour at dawn",
    )

    with article.featured_image.open("rb") as file:
        kept = file.read()
    assert iptc_of(kept) == {}
    assert BY_LINE not in kept
    assert CITY not in kept
    assert kept.endswith(data[data.index(b"\xff\xda") :]), "the picture is not encoded again"


def test_stripping_it_again_finds_nothing_to_do():
    assert strip_location(strip_location(iptc_jpeg())) is None
