"""`strip_image_metadata` with media on S3-compatible object storage (moto's server on
loopback): originals uploaded before stripping are replaced under the same keys, and readers
fetching them from the bucket get the cleaned files. See conftest.py for the bucket."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles.models import Article
from tests.factories import AuthorFactory
from tests.newsroom.photos.test_identifying_metadata import SERIAL, camera_jpeg, location
from tests.newsroom.photos.test_iptc import CITY, CREDITS, iptc_jpeg, iptc_of
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db


def run(*options) -> list[str]:
    out = io.StringIO()
    call_command("strip_image_metadata", *options, stdout=out, stderr=out)
    return out.getvalue().splitlines()


def test_originals_in_the_bucket_are_cleaned_under_the_same_keys(bucket, media_root):
    article = with_image(featured_image=SimpleUploadedFile("harbour.jpg", camera_jpeg()))
    author = AuthorFactory(headshot=upload(size=(300, 300)))
    gone = AuthorFactory(headshot=upload(size=(300, 300)))
    for name, data in (
        (article.featured_image.name, camera_jpeg()),
        (author.headshot.name, iptc_jpeg()),
    ):
        bucket.client.put_object(Bucket=bucket.name, Key=name, Body=data, ContentType="image/jpeg")
    bucket.client.delete_object(Bucket=bucket.name, Key=gone.headshot.name)
    keys = bucket.keys()

    assert run("--dry-run")[-1] == "Checked 3 images: would clean 2, missing 1, failed 0."
    assert location(bucket.fetch(article.featured_image.url)[1])
    lines = run()
    again = run()

    assert f"Missing {gone.headshot.name}" in lines
    assert lines[-1] == "Checked 3 images: cleaned 2, missing 1, failed 0."
    assert again[-1] == "Checked 3 images: cleaned 0, missing 1, failed 0."
    assert bucket.keys() == keys, "nothing added, nothing deleted"
    content_type, data = bucket.fetch(Article.objects.get().featured_image.url)
    assert content_type == "image/jpeg"
    assert location(data) == {}
    assert SERIAL.encode() not in data
    content_type, data = bucket.fetch(author.headshot.url)
    assert content_type == "image/jpeg"
    assert set(iptc_of(data)) <= CREDITS
    assert CITY not in data
