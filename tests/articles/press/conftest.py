"""The S3 server and bucket of the photos' tests, for kits kept in object storage."""

from tests.newsroom.photos.conftest import bucket, s3_endpoint  # noqa: F401
