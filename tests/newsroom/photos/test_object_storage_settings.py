"""Object storage as the real settings build it from the environment alone: media stored in
the named bucket, pages linking to its custom domain and their CSP letting its images load,
and a media kit picture downloaded from it with its credit. See conftest.py for the server
and the bucket."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.newsroom.photos.bucket_files import fetched_image, photo, pictures, stored_names
from tests.newsroom.photos.conftest import ACCESS_KEY, REGION, SECRET_KEY

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.django_db


# The other object storage tests configure the storage themselves; these check that the real
# settings, from the environment alone, build one that works and that the pages' CSP lets its
# images load.

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


def check_the_bucket(bucket_name: str, endpoint: str) -> subprocess.CompletedProcess:
    """`check --deploy --database default`, a release step, with uploads sent to `bucket_name`."""
    base = {key: os.environ[key] for key in ("PATH", "SYSTEMROOT") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--database", "default"],
        cwd=ROOT,
        env={
            **base,
            "DEBUG": "true",
            "DATABASE_URL": "sqlite://:memory:",
            "AWS_STORAGE_BUCKET_NAME": bucket_name,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_release_check_says_the_bucket_for_uploads_does_not_exist(bucket):
    missing = check_the_bucket("no-such-newsroom-media", bucket.endpoint)
    found = check_the_bucket(bucket.name, bucket.endpoint)

    assert missing.returncode == 1
    assert "(newsroom.E008) The bucket 'no-such-newsroom-media' does not exist" in missing.stderr
    assert "Create it" in missing.stderr
    assert "newsroom.E008" not in found.stdout + found.stderr


def test_the_release_check_says_the_storage_cannot_be_reached(s3_endpoint):
    unreachable = check_the_bucket("example-newsroom-media", "http://127.0.0.1:9")

    assert unreachable.returncode == 1
    assert "(newsroom.E008) The bucket 'example-newsroom-media' cannot be reached" in (
        unreachable.stderr
    )
