"""Hostile uploads through the admin: each is refused with a clear message or stored harmlessly."""

import io
import mimetypes
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.admin_forms import form_data
from tests.articles.admin.article_forms import article_form
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory

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
    Image.new("RGB", (640, 480), (200, 30, 30)).save(
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
        + image_bytes("JPEG", (640, 480))
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


# An image whose name claims another type: stored under the extension of what it really is, so
# it is served with its true content type (a browser sniffing nothing shows it as it is).
MISNAMED = {
    "png named .gif": ("photo.gif", "PNG", "photo.png", "image/png"),
    "jpeg named .png": ("photo.png", "JPEG", "photo.jpg", "image/jpeg"),
    "gif named .jpg": ("photo.jpg", "GIF", "photo.gif", "image/gif"),
    "webp named .jpeg": ("photo.jpeg", "WEBP", "photo.webp", "image/webp"),
}


@pytest.mark.parametrize("case", MISNAMED.keys())
def test_an_image_named_as_another_type_is_stored_as_what_it_is(admin_client, media_root, case):
    name, image_format, stored_name, mime_type = MISNAMED[case]
    content = image_bytes(image_format, (640, 360))

    status, errors = post_image(admin_client, upload(name, content))

    assert status == 302, errors
    article = Article.objects.get()
    stored = article.featured_image.name
    assert Path(stored).name == stored_name
    assert mimetypes.guess_type(stored)[0] == mime_type
    assert Path(media_root, stored).read_bytes() == content
    assert (article.featured_image_width, article.featured_image_height) == (640, 360)
    assert article.image.ready
    assert all(Path(media_root, rendition.name).is_file() for rendition in article.image.files)


def test_a_matching_extension_keeps_the_name_it_was_given(admin_client, media_root):
    status, errors = post_image(admin_client, upload("harbour.JPEG", image_bytes("JPEG")))

    assert status == 302, errors
    assert Path(Article.objects.get().featured_image.name).name == "harbour.JPEG"


def test_a_headshot_named_as_another_type_is_stored_as_what_it_is(admin_client):
    author = AuthorFactory()
    url = f"/admin/articles/author/{author.pk}/change/"
    data = form_data(admin_client.get(url), headshot=upload("me.gif", image_bytes("PNG")))

    response = admin_client.post(url, data)

    assert response.status_code == 302
    author.refresh_from_db()
    assert Path(author.headshot.name).name == "me.png"
    assert author.headshot_images.ready


def test_saving_a_misnamed_image_through_the_model_stores_it_as_what_it_is(media_root):
    content = image_bytes("PNG", (1200, 675))
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("photo.gif", content), featured_image_alt="A photo"
    )

    folder, token, name = article.featured_image.name.rsplit("/", 2)
    assert (folder, name) == (f"articles/{article.created_at:%Y/%m}", "photo.png")
    assert len(token) == 22
    with Image.open(Path(media_root, article.featured_image.name)) as stored:
        assert stored.format == "PNG"
    assert article.image.ready
    assert {rendition.format for rendition in article.image.files} == {"webp", "png", "jpeg"}


class ServedTypeStorage(FileSystemStorage):
    """Local files, noting the type object storage would serve each as: django-storages' S3
    storage takes the upload's claimed type when it has one, else the one its name gives."""

    served_as: dict[str, str | None] = {}

    def _save(self, name, content):
        stored = super()._save(name, content)
        claimed = getattr(content, "content_type", None)
        self.served_as[stored] = claimed or mimetypes.guess_type(stored)[0]
        return stored


@pytest.mark.parametrize(
    ("name", "content", "served_as"),
    [
        ("photo.gif", image_bytes("PNG", (640, 360)), "image/png"),
        ("photo.jpg", jpeg_with_html_inside(), "image/jpeg"),
    ],
)
def test_storage_serves_an_upload_as_what_it_is_not_as_it_was_claimed(
    settings, name, content, served_as
):
    # Forms set the type Pillow found; saving through the model (an import, a script, an API)
    # passes on whatever type the file came with.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.ServedTypeStorage"},
    }
    ServedTypeStorage.served_as.clear()

    article = ArticleFactory(
        featured_image=SimpleUploadedFile(name, content, content_type="text/html"),
        featured_image_alt="A photo",
    )

    assert ServedTypeStorage.served_as[article.featured_image.name] == served_as
