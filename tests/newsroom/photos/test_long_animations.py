"""An animation of thousands of large frames, a few megabytes compressed: stored in the time
of an upload, its first frame the renditions, its frames never each decoded on the way."""

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Article
from tests.newsroom.photos.animations import animated_gif
from tests.newsroom.photos.test_hostile_uploads import post_image, upload

pytestmark = pytest.mark.django_db

FRAMES = 2000
# Each frame is 4 megapixels: decoding all of them takes minutes; reading the file, a moment.
# The bound is generous for a shared machine; the upload takes a few seconds at most.
SECONDS = 20


def test_an_animation_of_thousands_of_frames_is_stored_in_the_time_of_an_upload(
    admin_client, media_root
):
    animation = animated_gif(FRAMES, (2000, 2000))
    assert len(animation) < 15 * 1024 * 1024

    started = time.monotonic()
    status, errors = post_image(admin_client, upload("loop.gif", animation))
    took = time.monotonic() - started

    assert status == 302, errors
    assert took < SECONDS, f"the upload took {took:.0f} s"
    article = Article.objects.get()
    with Image.open(Path(media_root, article.featured_image.name)) as stored:
        assert (stored.format, stored.n_frames) == ("GIF", FRAMES)
    assert article.image.ready
    with Image.open(io.BytesIO(animation)) as first_frame:
        colour = first_frame.convert("RGB").getpixel((0, 0))
    with Image.open(Path(media_root, article.image.largest.name)) as rendition:
        assert rendition.size == (1600, 1600)
        assert rendition.convert("RGB").getpixel((800, 800)) == colour
