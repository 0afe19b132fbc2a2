"""Storing a title card is idempotent, on a disk and in object storage (moto's S3 server, with
production's options: a name taken is never overwritten by an upload, see conftest.py): however
often it is stored, and by however many processes at once, one file is left under the card's
own name, never a copy under a suffixed one."""

import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
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
