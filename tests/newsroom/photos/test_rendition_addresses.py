"""The addresses of an image's renditions: asked of the storage once and written as it writes
them, each asked when signed, and quoted when a name needs it."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.db.models import ImageField
from django.db.models.fields.files import FieldFile

from newsroom.photos.renditions import Renditions

pytestmark = pytest.mark.django_db


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
