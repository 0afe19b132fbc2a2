"""`repair_photo_sizes`: photos uploaded on their side before their upright size was recorded
get it recorded, read from their stored files, and the pages showing them say so; the rest are
left as they are."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, MediaKitItem
from newsroom.models import SiteSettings
from tests.articles.press.kits import release
from tests.factories import MediaKitItemFactory
from tests.newsroom.photos.test_renditions_on_pages import img_tag
from tests.newsroom.photos.test_upright_sizes import on_its_side
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db

# A photo as a phone stores it, on its side.
SIDEWAYS = (600, 400)


def run(*options) -> list[str]:
    out = io.StringIO()
    call_command("repair_photo_sizes", *options, stdout=out, stderr=out)
    return out.getvalue().splitlines()


def failing_run(*options) -> tuple[str, list[str]]:
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("repair_photo_sizes", *options, stdout=out, stderr=out)
    return str(failure.value), out.getvalue().splitlines()


def sideways(article: Article, width=600, height=400) -> Article:
    """`article` as recorded before upright sizes were: its photo's stored, sideways size."""
    Article.objects.filter(pk=article.pk).update(
        featured_image_width=width, featured_image_height=height
    )
    return article


def sizes(article: Article) -> tuple[int, int]:
    return tuple(
        Article.objects.filter(pk=article.pk)
        .values_list("featured_image_width", "featured_image_height")
        .get()
    )


@pytest.fixture
def old_uploads():
    """Two pieces and a media kit picture stored on their side and recorded sideways, the
    site's logo (a PNG on its side) too; a piece on its side already recorded upright, and a
    landscape photo with no orientation."""
    turned = sideways(with_image(featured_image=on_its_side(size=SIDEWAYS)))
    mirrored = sideways(with_image(featured_image=on_its_side(size=SIDEWAYS, orientation=5)))
    upright = with_image(featured_image=on_its_side(size=SIDEWAYS))
    level = with_image(featured_image=upload(size=(800, 450)))
    kit = MediaKitItemFactory(article=release(), image=on_its_side(size=SIDEWAYS))
    MediaKitItem.objects.filter(pk=kit.pk).update(width=600, height=400)
    site = SiteSettings.load()
    site.logo = on_its_side(size=(600, 200), orientation=8, image_format="PNG")
    site.save()
    SiteSettings.objects.update(logo_width=600, logo_height=200)
    return {
        "turned": turned,
        "mirrored": mirrored,
        "upright": upright,
        "level": level,
        "kit": kit,
        "site": site,
    }


def test_photos_recorded_on_their_side_get_their_upright_size(old_uploads):
    first = run()
    second = run()

    assert sorted(first[:-1]) == sorted(
        [
            f"Repaired featured image of article {old_uploads['turned'].pk} "
            f"({old_uploads['turned'].featured_image.name}): 600 × 400 → 400 × 600",
            f"Repaired featured image of article {old_uploads['mirrored'].pk} "
            f"({old_uploads['mirrored'].featured_image.name}): 600 × 400 → 400 × 600",
            f"Repaired picture of media kit item {old_uploads['kit'].pk} "
            f"({old_uploads['kit'].image.name}): 600 × 400 → 400 × 600",
            f"Repaired logo of site settings {old_uploads['site'].pk} "
            f"({old_uploads['site'].logo.name}): 600 × 200 → 200 × 600",
        ]
    )
    assert first[-1] == "Checked 6 photos: repaired 4, missing 0, failed 0."
    assert second == ["Checked 6 photos: repaired 0, missing 0, failed 0."]
    assert sizes(old_uploads["turned"]) == sizes(old_uploads["mirrored"]) == (400, 600)
    assert sizes(old_uploads["upright"]) == (400, 600)
    assert sizes(old_uploads["level"]) == (800, 450)
    kit = MediaKitItem.objects.get()
    assert (kit.width, kit.height, kit.updated_at) == (400, 600, old_uploads["kit"].updated_at)
    site = SiteSettings.objects.get()
    assert (site.logo_width, site.logo_height) == (200, 600)


def test_the_pages_showing_a_repaired_photo_give_its_upright_size(client, old_uploads):
    """Pages kept in the cache with the sideways size are retired."""
    article = old_uploads["turned"]
    Article.objects.filter(pk=article.pk).update(featured_image_renditions={})
    kit_page = old_uploads["kit"].article.get_absolute_url()
    before = client.get(article.get_absolute_url()).content.decode()
    assert 'width="600" height="400"' in img_tag(before, article.featured_image.name)
    assert "(JPEG, 600 × 400 pixels, " in client.get(kit_page).content.decode()

    run()

    after = client.get(article.get_absolute_url()).content.decode()
    assert 'width="400" height="600"' in img_tag(after, article.featured_image.name)
    assert "(JPEG, 400 × 600 pixels, " in client.get(kit_page).content.decode()


def test_a_dry_run_reports_and_changes_nothing(old_uploads):
    lines = run("--dry-run")

    turned = old_uploads["turned"]
    assert (
        f"Would repair featured image of article {turned.pk} ({turned.featured_image.name}): "
        "600 × 400 → 400 × 600"
    ) in lines
    assert len(lines) == 5
    assert lines[-1] == "Checked 6 photos: would repair 4, missing 0, failed 0."
    assert sizes(turned) == (600, 400)
    assert (SiteSettings.objects.get().logo_width, MediaKitItem.objects.get().width) == (600, 600)


def test_a_missing_or_damaged_file_is_reported_and_fails_the_command_once_the_rest_are_done(
    old_uploads,
):
    gone, damaged = old_uploads["turned"], old_uploads["kit"]
    default_storage.delete(gone.featured_image.name)
    default_storage.delete(damaged.image.name)
    default_storage.save(damaged.image.name, io.BytesIO(b"not a picture at all"))

    message, lines = failing_run()

    assert message == "2 photos could not be read."
    assert f"Missing {gone.featured_image.name} (featured image of article {gone.pk})" in lines
    assert any(
        line.startswith(f"Failed {damaged.image.name} (picture of media kit item {damaged.pk}): ")
        for line in lines
    )
    assert "Checked 6 photos: repaired 2, missing 1, failed 1." in lines
    assert sizes(gone) == (600, 400), "left as it was"
    assert MediaKitItem.objects.get().width == 600
    assert sizes(old_uploads["mirrored"]) == (400, 600)
    assert SiteSettings.objects.get().logo_width == 200


def test_photos_are_read_a_batch_at_a_time():
    pieces = [sideways(with_image(featured_image=on_its_side(size=(300, 200)))) for _ in range(5)]

    with CaptureQueriesContext(connection) as queries:
        lines = run("--batch-size", "2")

    assert lines[-1] == "Checked 5 photos: repaired 5, missing 0, failed 0."
    assert all(sizes(piece) == (200, 300) for piece in pieces)
    batches = [
        sql
        for sql in (query["sql"] for query in queries.captured_queries)
        if '"featured_image_height"' in sql and re.search(r"\bLIMIT 2\b", sql)
    ]
    assert len(batches) == 3  # 2, 2 and the last 1


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        call_command("repair_photo_sizes", "--batch-size", "0", stdout=io.StringIO())
