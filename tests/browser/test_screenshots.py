"""The README's and docs' pictures are made by a command anyone can run: it photographs real
pages of the demo site, on a phone and a desktop."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from PIL import Image

from newsroom.demo.screenshots import Shot, photograph

pytestmark = pytest.mark.django_db(transaction=True)


def command_in_a_thread(*args, **options) -> None:
    """`call_command` for a thread of its own, closing the connections it opened there."""
    try:
        call_command(*args, **options)
    finally:
        connections.close_all()


def database_clock() -> datetime | None:
    """The test database's clock, where the database can list its sessions (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


def sessions_opened_since(moment: datetime | None) -> int | None:
    """The clients still connected to the test database that connected after `moment`.

    Only those: a session an earlier test's live server is still closing may come or go at any
    time, and an autovacuum worker seed_demo's writes woke also shows the database's name."""
    if moment is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend' AND backend_start > %s",
            [moment],
        )
        return cursor.fetchone()[0]


def sessions_left_open(moment: datetime | None, *, patience: float = 10.0) -> int | None:
    """`sessions_opened_since(moment)` once none is left, or as many as are still open after
    `patience` seconds: a session the server's last request thread is closing as the command
    returns goes within moments, while one left open stays."""
    deadline = time.monotonic() + patience
    while (left := sessions_opened_since(moment)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.usefixtures("browser", "serve_media")
def test_the_command_photographs_the_index_an_article_and_a_search_on_a_phone_and_a_desktop(
    settings, tmp_path
):
    settings.DEBUG = True  # seed_demo and the command work only on a development machine
    call_command("seed_demo", stdout=None)
    before_the_command = database_clock()

    # Playwright's synchronous API runs one per thread, and the tests' browser holds this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(command_in_a_thread, "screenshots", output=tmp_path, stdout=None).result()

    sizes = {}
    for path in tmp_path.glob("*.png"):
        with Image.open(path) as picture:
            sizes[path.name] = picture.size
            # A real page, not a blank or an error: many colours in the picture.
            assert len(picture.convert("RGB").getcolors(maxcolors=1_000_000)) > 50, path.name
    phone, desktop = (390, 844), (1280, 900)
    assert sizes == {
        "index-390.png": phone,
        "index-1280.png": desktop,
        "article-390.png": phone,
        "article-1280.png": desktop,
        "search-390.png": phone,
        "search-1280.png": desktop,
        "admin.png": desktop,
        "previews.png": desktop,
        "dashboard.png": desktop,
        "calendar.png": desktop,
    }

    # Only the pictures named, to make again just the pages that changed.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(
            command_in_a_thread,
            "screenshots",
            output=tmp_path / "only",
            only=["dashboard"],
            stdout=None,
        ).result()
    assert [path.name for path in (tmp_path / "only").glob("*.png")] == ["dashboard.png"]
    assert sessions_left_open(before_the_command) in (0, None), (
        "the command's server left a connection open"
    )
    with pytest.raises(CommandError, match="No such picture: nope"):
        call_command("screenshots", output=tmp_path / "none", only=["dashboard", "nope"])


def test_a_refused_sign_in_is_not_photographed_as_the_admin(
    browser, live_server, serve_media, tmp_path
):
    with pytest.raises(RuntimeError, match="not photographed"):
        photograph(
            browser,
            base_url=live_server.url,
            shots=[Shot("admin", "/admin/articles/article/", signed_in=True)],
            username="nobody",
            password="wrong",
            output=tmp_path,
        )

    assert not (tmp_path / "admin.png").exists()
