"""`repair_photo_sizes` with media on S3-compatible object storage (moto's server on loopback):
originals are read from the bucket, none written. See conftest.py for the bucket."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.newsroom.photos.test_upright_sizes import on_its_side
from tests.newsroom.photos.uploads import with_image

pytestmark = pytest.mark.django_db


def test_photos_in_the_bucket_get_their_upright_size_and_a_missing_one_is_reported(
    bucket, media_root
):
    turned = with_image(featured_image=on_its_side(size=(600, 400)))
    gone = with_image(featured_image=on_its_side(size=(600, 400)))
    Article.objects.update(featured_image_width=600, featured_image_height=400)
    bucket.client.delete_object(Bucket=bucket.name, Key=gone.featured_image.name)
    keys = bucket.keys()
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 photo could not be read"):
        call_command("repair_photo_sizes", stdout=out, stderr=out)

    lines = out.getvalue().splitlines()
    assert (
        f"Repaired featured image of article {turned.pk} ({turned.featured_image.name}): "
        "600 × 400 → 400 × 600"
    ) in lines
    assert f"Missing {gone.featured_image.name} (featured image of article {gone.pk})" in lines
    assert lines[-1] == "Checked 2 photos: repaired 1, missing 1, failed 0."
    sizes = dict(Article.objects.values_list("pk", "featured_image_height"))
    assert sizes == {turned.pk: 600, gone.pk: 400}
    assert bucket.keys() == keys, "nothing written to the bucket"
    assert not any(path.is_file() for path in media_root.rglob("*")), "nothing on disk"
