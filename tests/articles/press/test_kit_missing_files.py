"""A media-kit file missing from storage (deleted by hand, lost in a bucket migration, not yet
replicated): journalists get a clear answer, never a download that breaks off half-way."""

import io
import logging
import zipfile

import pytest

from tests.articles.press.kits import PDF, body, file_url, pdf_item, release
from tests.factories import MediaKitItemFactory

pytestmark = pytest.mark.django_db


def lost(item) -> None:
    """Take the item's original out of storage, its row left in place."""
    item.file.storage.delete(item.file.name)
    assert not item.file.storage.exists(item.file.name)


def read_whole(response) -> bytes:
    """What a journalist's browser receives; a stream that breaks off fails the test."""
    try:
        return body(response)
    except OSError as error:
        pytest.fail(f"The download broke off after a {response.status_code}: {error!r}")


def caplog_at_warning(caplog):
    return caplog.at_level(logging.WARNING, logger="articles.press.downloads")


def test_a_file_missing_from_storage_is_not_found_rather_than_a_broken_download(client, caplog):
    """A journalist clicking the picture's download gets "not found", not a 200 whose body
    stops at once (and which the edge would keep for a minute as a good answer)."""
    piece = release()
    picture = MediaKitItemFactory(article=piece, title="The plant from the river")
    lost(picture)

    with caplog_at_warning(caplog):
        response = client.get(file_url(piece, picture))

    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert picture.file.name in caplog.text


def test_the_zip_holds_the_files_still_there_when_one_is_missing_from_storage(client, caplog):
    """A journalist downloading the whole kit gets a ZIP their computer opens, with the files
    that are there and the credits, rather than an archive cut off at the missing file."""
    piece = release()
    picture = MediaKitItemFactory(article=piece, title="The plant from the river", position=0)
    pdf_item(article=piece, position=1)
    lost(picture)

    with caplog_at_warning(caplog):
        response = client.get("/news/lisbon-plant/media-kit.zip")
        archive_bytes = read_whole(response)

    assert response.status_code == 200
    assert picture.file.name in caplog.text
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert "02-fact-sheet.pdf" in names
        assert archive.read("02-fact-sheet.pdf") == PDF
        assert "credits.txt" in names
        assert "01-the-plant-from-the-river.jpg" not in names
        credits = archive.read("credits.txt").decode()
    missing, present = credits.split("\n\n")
    assert missing.startswith("01-the-plant-from-the-river.jpg (not in this ZIP:")
    assert "(not in this ZIP" not in present


def test_a_file_missing_from_the_bucket_is_left_out_of_the_zip(client, bucket):
    """With the kit in object storage, a file gone from the bucket is left out of the ZIP as
    on a disk, and its single download is not found."""
    piece = release()
    picture = MediaKitItemFactory(article=piece, title="The plant from the river", position=0)
    pdf_item(article=piece, position=1)
    lost(picture)

    response = client.get("/news/lisbon-plant/media-kit.zip")

    with zipfile.ZipFile(io.BytesIO(read_whole(response))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["02-fact-sheet.pdf", "credits.txt"]
    assert client.get(file_url(piece, picture)).status_code == 404
