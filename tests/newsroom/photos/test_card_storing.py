"""Storing a title card is idempotent, on a disk and in object storage (moto's S3 server, with
production's options: a name taken is never overwritten by an upload, see conftest.py): however
often it is stored, and by however many processes at once, one file is left under the card's
own name, never a copy under a suffixed one."""

import contextlib
import dataclasses
import errno
import io
import os
import resource
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image

from newsroom import theme
from newsroom.photos import cards

CARD = cards.TitleCard(
    title="Northwind opens a Lisbon office",
    site_name="Northwind News",
    palette=theme.TITLE_CARD,
    folder="articles/7",
)


@pytest.fixture(params=["disk", "bucket"])
def stored(request, tmp_path):
    """(the storage, and a listing of every name stored in it)."""
    if request.param == "disk":
        storage = FileSystemStorage(location=tmp_path)

        def names():
            return {
                str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()
            }

        return storage, names
    bucket = request.getfixturevalue("bucket")
    return default_storage, bucket.keys


def whole_card(storage, name: str) -> tuple[str, tuple[int, int]]:
    with storage.open(name) as file:
        picture = Image.open(io.BytesIO(file.read()))
        picture.load()
    return picture.format, picture.size


def test_storing_a_card_again_replaces_it_rather_than_adding_a_copy(stored):
    storage, names = stored
    content = cards.draw(CARD)

    first = cards.store_whole(CARD.name, content, storage=storage)
    again = cards.store_whole(CARD.name, content, storage=storage)

    assert first == again == CARD.name
    assert names() == {CARD.name}
    assert storage.size(CARD.name) == len(content)
    assert whole_card(storage, CARD.name) == ("PNG", (1200, 630))


def test_two_processes_drawing_one_card_at_once_leave_one_file(stored, monkeypatch):
    """The worker and a reader both find no card and both draw and store it."""
    storage, names = stored
    both_drawn = threading.Barrier(2, timeout=30)
    real_draw = cards.draw

    def draw(shown):
        content = real_draw(shown)
        both_drawn.wait()
        return content

    monkeypatch.setattr(cards, "draw", draw)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: cards.stored_card(CARD, storage=storage), range(2)))

    assert [result.name for result in results] == [CARD.name] * 2
    assert names() == {CARD.name}
    assert {result.size for result in results} == {storage.size(CARD.name)}
    assert whole_card(storage, CARD.name) == ("PNG", (1200, 630))


def test_a_part_file_left_by_a_process_that_died_is_removed_by_the_cards_next_drawing(stored):
    """A process stopped between writing the card's staged file and moving it into place."""
    storage, names = stored
    left = storage.save(f"{CARD.name}.part", ContentFile(cards.draw(CARD)[:1000]))
    other = dataclasses.replace(CARD, title="An older headline")
    kept = storage.save(other.name, ContentFile(cards.draw(other)))
    assert names() == {left, kept}

    stored_card = cards.stored_card(CARD, storage=storage)

    assert stored_card.name == CARD.name
    assert names() == {CARD.name, kept}
    assert whole_card(storage, CARD.name) == ("PNG", (1200, 630))


def test_a_part_file_removed_by_another_process_storing_the_card_leaves_the_card_stored(
    tmp_path,
):
    """On a disk: the process that stores the card first removes every other staged file of
    it, a second process's still to be moved among them; that one finds the card in place."""

    class Racing(FileSystemStorage):
        """Another process draws and stores the card while this one's is staged."""

        def save(self, name, content, **kwargs):
            staged = super().save(name, content, **kwargs)
            if not cards.stored_size(CARD.name, storage=self):
                cards.store_whole(CARD.name, cards.draw(CARD), storage=FileSystemStorage(tmp_path))
            return staged

    storage = Racing(location=tmp_path)

    assert cards.store_whole(CARD.name, cards.draw(CARD), storage=storage) == CARD.name

    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [
        CARD.name.rpartition("/")[2]
    ]
    assert whole_card(storage, CARD.name) == ("PNG", (1200, 630))


def test_a_part_file_removed_while_it_is_written_leaves_the_card_stored(tmp_path, monkeypatch):
    """On a disk: another process stores the card and removes this one's staged file after it
    is written and before the storage sets its permissions (the last step of `save`, on a path
    gone by then); this process finds the card in place and leaves no staged file."""
    storage = FileSystemStorage(location=tmp_path, file_permissions_mode=0o644)
    real_chmod = os.chmod
    raced = []

    def chmod(path, mode, **kwargs):
        if str(path).endswith(".part") and not raced:
            raced.append(path)
            cards.store_whole(CARD.name, cards.draw(CARD), storage=FileSystemStorage(tmp_path))
        return real_chmod(path, mode, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)

    assert cards.store_whole(CARD.name, cards.draw(CARD), storage=storage) == CARD.name

    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [
        CARD.name.rpartition("/")[2]
    ]
    assert whole_card(storage, CARD.name) == ("PNG", (1200, 630))


@contextlib.contextmanager
def file_size_limit(limit: int):
    """Writes past `limit` bytes of any file fail (EFBIG), as when a disk fills midway."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_card_that_cannot_be_written_whole_leaves_no_part_file(tmp_path):
    """On a disk: the staged file is written halfway and then fails, as on a full disk during
    a redraw after the site was renamed; the card stored for the old name stays."""
    storage = FileSystemStorage(location=tmp_path)
    before = cards.store_whole(CARD.name, cards.draw(CARD), storage=storage)
    renamed = dataclasses.replace(CARD, site_name="Northwind Newsroom")
    content = cards.draw(renamed)
    assert len(content) > 4096

    with file_size_limit(4096), pytest.raises(OSError, match="too large") as failure:
        cards.store_whole(renamed.name, content, storage=storage)

    assert failure.value.errno == errno.EFBIG
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [
        before.rpartition("/")[2]
    ]
    assert whole_card(storage, before) == ("PNG", (1200, 630))
    assert cards.stored_size(renamed.name, storage=storage) is None


def test_a_part_file_a_stopped_redraw_left_of_an_older_name_goes_with_the_next_card(tmp_path):
    """On a disk: a worker stopped midway through the redraw after a rename left a staged file
    of a card no drawing will make again (the site was renamed once more); the next card of
    that piece removes it once it is an hour old, and leaves one another process is writing."""
    storage = FileSystemStorage(location=tmp_path)
    renamed = dataclasses.replace(CARD, site_name="Northwind Newsroom")
    stopped = storage.save(f"{renamed.name}.0123abcd.part", ContentFile(b"half a card"))
    hours_ago = time.time() - 2 * 3600
    os.utime(storage.path(stopped), (hours_ago, hours_ago))
    other = dataclasses.replace(CARD, title="A headline being drawn now")
    writing = storage.save(f"{other.name}.4567cdef.part", ContentFile(b"half a card"))

    stored = cards.store_whole(CARD.name, cards.draw(CARD), storage=storage)

    assert sorted(path.name for path in tmp_path.rglob("*") if path.is_file()) == sorted(
        [stored.rpartition("/")[2], writing.rpartition("/")[2]]
    )
