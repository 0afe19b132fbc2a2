"""Hostile uploads through the admin: each is refused with a clear message or stored harmlessly."""

import io
import mimetypes
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.articles.test_admin import article_form
from tests.conftest import image_bytes
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width` by `height` pixels and holds a few rows of them: a bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(b"\x00" * ((width + 7) // 8 + 1) * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg_with_html_inside() -> bytes:
    """A real JPEG whose comment segment is an HTML page: a polyglot."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(
        buffer, "JPEG", comment=b"<html><body><script>alert(1)</script></body></html>"
    )
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def post_image(admin_client, file) -> tuple[int, str]:
    data = article_form(AuthorFactory(), featured_image=file, featured_image_alt="A photo")
    response = admin_client.post(ADD, data)
    errors = ""
    if response.status_code == 200:
        errors = response.context["adminform"].form.errors.get("featured_image", "")
    return response.status_code, str(errors)


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


REFUSED = {
    "text renamed .jpg": (
        upload("photo.jpg", b"just some text, no picture"),
        "Upload a valid image",
    ),
    "html renamed .jpg": (
        upload("photo.jpg", b"<html><script>alert(1)</script></html>"),
        "Upload a valid image",
    ),
    "polyglot named .html": (
        upload("photo.html", jpeg_with_html_inside()),
        "File extension “html” is not allowed.",
    ),
    "jpeg named .pdf": (
        upload("photo.pdf", image_bytes("JPEG", (64, 48))),
        "Files ending “.pdf” are not accepted.",
    ),
    "svg with script": (
        upload(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b"<script>alert(1)</script></svg>",
        ),
        "Upload a valid image",
    ),
    "svg renamed .png": (
        upload("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
        "Upload a valid image",
    ),
    "truncated png": (
        upload("cut.png", image_bytes("PNG", (600, 400))[:300]),
        "Upload a valid image",
    ),
    "decompression bomb": (
        upload("bomb.png", png_header_only(50_000, 50_000)),
        "Upload a valid image",
    ),
    "too many pixels for a page": (
        upload("wide.png", png_header_only(11_000, 5_000)),
        "This image is 11000 × 5000 pixels, too large to publish.",
    ),
}


@pytest.mark.parametrize("case", REFUSED.keys())
def test_a_hostile_upload_is_refused_with_a_clear_message(admin_client, media_root, case):
    file, message = REFUSED[case]
    file.seek(0)

    status, errors = post_image(admin_client, file)

    assert status == 200
    assert message in errors
    assert not Article.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_image_size_limit_is_refused_with_both_sizes(admin_client, media_root):
    # Noise does not compress: a real PNG of about 17 MB, over the 15 MB an image may have.
    noise = Image.frombytes("RGB", (2400, 2400), bytes(range(256)) * (2400 * 2400 * 3 // 256))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > 15 * 1024 * 1024

    status, errors = post_image(admin_client, upload("huge.png", buffer.getvalue()))

    assert status == 200
    assert "images may be at most 15.0" in errors
    assert stored_files(media_root) == []


def test_a_polyglot_that_is_a_real_jpeg_is_stored_as_a_jpeg_only(admin_client, media_root):
    status, errors = post_image(admin_client, upload("photo.jpg", jpeg_with_html_inside()))

    assert status == 302, errors
    stored = Article.objects.get().featured_image.name
    assert stored.endswith(".jpg")
    # Served by extension, with nosniff: the HTML inside is never read as a page.
    assert mimetypes.guess_type(stored)[0] == "image/jpeg"


def test_a_path_in_the_file_name_is_dropped(admin_client, media_root):
    boundary = "hostile-boundary"
    fields = article_form(AuthorFactory(), featured_image_alt="A photo")
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="featured_image"; '
        f'filename="../../../../etc/cron.d/evil.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + image_bytes("JPEG", (64, 48))
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()

    response = admin_client.generic(
        "POST", ADD, body, content_type=f"multipart/form-data; boundary={boundary}"
    )

    assert response.status_code == 302
    stored = Article.objects.get().featured_image.name
    assert stored.startswith("articles/")
    assert ".." not in stored
    assert Path(stored).name == "evil.jpg"
    files = stored_files(media_root)
    assert Path(media_root, stored) in files
    # The original and any renditions made from it, all inside the media folder.
    assert all(file.resolve().is_relative_to(Path(media_root).resolve()) for file in files)
