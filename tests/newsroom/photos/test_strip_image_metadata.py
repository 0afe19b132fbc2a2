"""`strip_image_metadata`: originals uploaded before uploads were stripped lose, in place, what
an upload today is stored without; the rest are left as they are, and renditions never held it."""

import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import ExifTags, Image

from articles.models import Article, MediaKitItem
from newsroom.models import SiteSettings
from tests.factories import AuthorFactory, MediaKitItemFactory
from tests.newsroom.photos.test_identifying_metadata import OWNER, SERIAL, camera_jpeg, location
from tests.newsroom.photos.test_iptc import BY_LINE, CITY, CREDITS, iptc_jpeg, iptc_of
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db

# A JPEG whose first segment's length is less than its own: it can be neither rewritten nor
# decoded, so it cannot be cleaned.
BROKEN = b"\xff\xd8\xff\xe1\x00\x01" + b"\x00" * 64


def as_uploaded_before(field, data: bytes) -> None:
    """Put `data` where `field`'s original is stored, as an upload before stripping left it."""
    with open(field.storage.path(field.name), "wb") as file:
        file.write(data)


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return file.read()


def files_under(root) -> set[str]:
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    }


def run(*options) -> list[str]:
    out = io.StringIO()
    call_command("strip_image_metadata", *options, stdout=out, stderr=out)
    return out.getvalue().splitlines()


@pytest.fixture
def old_uploads():
    """An article, an author, the site's logo (a field without renditions) and a media kit
    picture, their originals holding a location, a serial or IPTC; a headshot that is clean."""
    article = with_image()
    author = AuthorFactory(headshot=upload(size=(300, 300)))
    clean = AuthorFactory(headshot=upload(size=(300, 300)))
    site = SiteSettings.load()
    site.logo = upload("PNG", size=(200, 200))
    site.save()
    kit = MediaKitItemFactory(image=upload(size=(2500, 1000)))
    as_uploaded_before(article.featured_image, camera_jpeg())
    as_uploaded_before(author.headshot, iptc_jpeg())
    as_uploaded_before(kit.image, camera_jpeg(size=(2500, 1000)))
    # The kit records its file's size as it was uploaded, shown to journalists.
    MediaKitItem.objects.filter(pk=kit.pk).update(file_size=len(read(kit.image.name)))
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (51.0, 30.0, 12.5)})
    Image.new("RGB", (200, 200), "navy").save(buffer, format="PNG", exif=exif)
    as_uploaded_before(site.logo, buffer.getvalue())
    assert location(buffer.getvalue())
    return {
        "dirty": [
            article.featured_image.name,
            author.headshot.name,
            site.logo.name,
            kit.image.name,
        ],
        "clean": clean.headshot.name,
        "kit": kit,
    }


def test_originals_are_cleaned_in_place_and_a_second_run_finds_nothing(old_uploads, settings):
    clean_before = read(old_uploads["clean"])
    files_before = files_under(settings.MEDIA_ROOT)

    first = run()
    second = run()

    assert first[-1] == "Checked 5 images: cleaned 4, missing 0, failed 0."
    assert sorted(first[:-1]) == sorted(f"Cleaned {name}" for name in old_uploads["dirty"])
    assert second == ["Checked 5 images: cleaned 0, missing 0, failed 0."]
    assert files_under(settings.MEDIA_ROOT) == files_before, "same names, nothing added"
    for name in old_uploads["dirty"]:
        data = read(name)
        assert location(data) == {}
        assert set(iptc_of(data)) <= CREDITS
        assert SERIAL.encode() not in data
        assert OWNER.encode() not in data
        assert CITY not in data
    assert iptc_of(read(old_uploads["dirty"][1]))[(2, 80)] == BY_LINE, "credits are kept"
    assert read(old_uploads["clean"]) == clean_before
    article = Article.objects.get()
    assert article.featured_image.url.endswith(old_uploads["dirty"][0])


def test_a_media_kit_pictures_recorded_size_is_the_cleaned_files(old_uploads):
    kit = MediaKitItem.objects.get(pk=old_uploads["kit"].pk)
    dirty_size = len(read(kit.image.name))

    run()

    cleaned = MediaKitItem.objects.get(pk=kit.pk)
    assert cleaned.file_size == len(read(kit.image.name)) < dirty_size
    assert cleaned.updated_at == kit.updated_at, "the item itself did not change"


def test_a_dry_run_reports_and_changes_nothing(old_uploads):
    before = {name: read(name) for name in old_uploads["dirty"]}

    lines = run("--dry-run")

    assert lines[-1] == "Checked 5 images: would clean 4, missing 0, failed 0."
    assert sorted(lines[:-1]) == sorted(f"Would clean {name}" for name in old_uploads["dirty"])
    assert {name: read(name) for name in old_uploads["dirty"]} == before
    kit = old_uploads["kit"]
    assert MediaKitItem.objects.get(pk=kit.pk).file_size == len(before[kit.image.name])


def test_a_missing_file_is_reported_and_the_rest_are_cleaned(old_uploads):
    gone = old_uploads["dirty"][1]
    os.remove(default_storage.path(gone))

    lines = run()

    assert f"Missing {gone}" in lines
    assert lines[-1] == "Checked 5 images: cleaned 3, missing 1, failed 0."
    assert not default_storage.exists(gone), "nothing is written in its place"


def test_a_file_that_cannot_be_cleaned_fails_the_command_and_is_kept(old_uploads):
    broken = old_uploads["dirty"][0]
    as_uploaded_before(Article.objects.get().featured_image, BROKEN)
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 image could not be cleaned"):
        call_command("strip_image_metadata", stdout=out, stderr=out)

    lines = out.getvalue().splitlines()
    assert any(line.startswith(f"Failed {broken}: ") for line in lines)
    assert "Checked 5 images: cleaned 3, missing 0, failed 1." in lines
    assert read(broken) == BROKEN


def test_renditions_of_an_original_that_held_everything_hold_none_of_it():
    article = with_image(featured_image=SimpleUploadedFile("harbour.jpg", camera_jpeg()))
    held = camera_jpeg()
    held = held[:2] + iptc_jpeg()[2 : iptc_jpeg().index(b"\xff\xe0", 2)] + held[2:]
    as_uploaded_before(article.featured_image, held)
    assert location(read(article.featured_image.name))
    assert iptc_of(read(article.featured_image.name))

    call_command("make_renditions", "--force", stdout=io.StringIO())

    article.refresh_from_db()
    for item in article.featured_image_renditions["files"]:
        data = read(item["name"])
        with Image.open(io.BytesIO(data)) as opened:
            exif = opened.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo), item["name"]
            assert ExifTags.Base.Artist not in exif
            assert "xmp" not in opened.info
        assert iptc_of(data) == {}
        assert SERIAL.encode() not in data
        assert OWNER.encode() not in data
        assert BY_LINE not in data


def test_an_image_only_a_revision_still_names_is_cleaned(settings):
    """A replaced or deleted image is kept so that a revision can restore it, and stays public
    at its address meanwhile."""
    import reversion

    article = with_image(featured_image=SimpleUploadedFile("harbour.jpg", camera_jpeg()))
    with reversion.create_revision():
        article.save()
    replaced = article.featured_image.name
    as_uploaded_before(article.featured_image, camera_jpeg())
    article.featured_image = upload(name="pier.jpg")
    with reversion.create_revision():
        article.save()
    deleted = AuthorFactory(headshot=upload(size=(300, 300)))
    with reversion.create_revision():
        deleted.save()
    as_uploaded_before(deleted.headshot, iptc_jpeg())
    headshot = deleted.headshot.name
    deleted.delete()

    lines = run()

    assert f"Cleaned {replaced}" in lines
    assert f"Cleaned {headshot}" in lines
    assert lines[-1] == "Checked 3 images: cleaned 2, missing 0, failed 0."
    assert location(read(replaced)) == {}
    assert set(iptc_of(read(headshot))) <= CREDITS
    assert CITY not in read(headshot)
