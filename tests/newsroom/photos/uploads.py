"""Images as an editor uploads them, made by Pillow in any format, size, mode and orientation,
and a piece with one as its featured image."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory


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
