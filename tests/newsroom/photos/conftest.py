"""A real S3 server on loopback (moto's) and a bucket on it as the default storage.

moto is in the `dev` extra and boto3 with django-storages in the `s3` extra. Without them, or if
the server cannot start, the tests that need it skip locally and fail under CI, so an object
storage run is never missed quietly.
"""

import json
import logging
import threading
import urllib.request
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from tests.parts import require

# Any keys do: moto accepts them, and given explicitly they keep boto3 from looking for
# credentials anywhere else (the environment, files, the instance metadata service).
ACCESS_KEY = "moto-testing-key"
SECRET_KEY = "moto-testing-secret"
REGION = "us-east-1"

# A guard against a server that never comes up, not a measure of how fast it does.
STARTUP_GRACE_SECONDS = 60


def unavailable(reason: str):
    """Skip with `reason` on a developer's machine; fail under CI, where it must run."""
    require(False, f"moto's S3 server is unavailable: {reason}")


@pytest.fixture(scope="session")
def s3_endpoint():
    """The address of moto's S3 server, started once for the session on a free loopback port."""
    try:
        import boto3  # noqa: F401
        import storages.backends.s3  # noqa: F401
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        unavailable(f"{error.name} is not installed (pip install -e '.[dev,s3]')")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    # `start()` waits for the server without a limit, and forever if binding fails in its thread.
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(STARTUP_GRACE_SECONDS)
    if starter.is_alive():
        unavailable("it did not start")
    host, port = server.get_host_and_port()
    # Its request log (werkzeug's) would bury a failing test's output under every PUT and HEAD.
    request_log = logging.getLogger("werkzeug")
    level = request_log.level
    request_log.setLevel(logging.WARNING)
    try:
        yield f"http://{host}:{port}"
    finally:
        request_log.setLevel(level)
        server.stop()


@dataclass
class Bucket:
    """A bucket on the S3 server, read with boto3 directly, apart from the code under test."""

    name: str
    endpoint: str
    client: object = field(repr=False)

    @property
    def public_url(self) -> str:
        """Where its objects are published: the custom domain pages link to, then the key."""
        return f"{self.endpoint}/{self.name}/"

    def keys(self) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def fetch(self, url: str) -> tuple[str, bytes]:
        """GET `url` as a browser would, anonymously; (Content-Type, body)."""
        assert url.startswith(self.public_url), f"{url} is not in the bucket"
        with urllib.request.urlopen(url) as reply:  # noqa: S310 (checked: http on loopback)
            return reply.headers["Content-Type"], reply.read()


@pytest.fixture
def bucket(s3_endpoint):
    """A fresh bucket, publicly readable, as the default storage for uploads and renditions.

    The storage options are production's (newsroom/settings.py) plus what reaching moto needs:
    path-style addresses, and a custom domain that is the server's own address and the bucket's
    path, served over plain http.
    """
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    name = f"media-{uuid.uuid4().hex[:16]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    try:
        client.create_bucket(Bucket=name)
    except (BotoCoreError, ClientError) as error:
        unavailable(f"it refused to create a bucket: {error}")
    # URLs are unsigned (querystring_auth off), so readers fetch anonymously: the bucket must
    # let anyone read its objects, as production's does (or its CDN's access).
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    from django.conf import settings

    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": name,
            "endpoint_url": s3_endpoint,
            "region_name": REGION,
            "custom_domain": f"{urlsplit(s3_endpoint).netloc}/{name}",
            "file_overwrite": False,
            "querystring_auth": False,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "addressing_style": "path",
            "url_protocol": "http:",
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
        yield Bucket(name=name, endpoint=s3_endpoint, client=client)
