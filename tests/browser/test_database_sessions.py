"""A test thread's database connections end when its browser stops, so none holds the test
database open when pytest-django drops it at the end of the run."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.browser.conftest import running_chromium

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def backend_pid() -> int:
    """The PostgreSQL session of the thread's connection, as Django picks it here."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def sessions_used_while_browsing() -> set[int]:
    """The sessions a test thread uses before and while its browser runs, once the thread has
    closed its connections as a thread ends."""
    try:
        used = {backend_pid()}
        with running_chromium():
            used.add(backend_pid())
        return used
    finally:
        connections.close_all()


def still_open(sessions: set[int], *, patience: float = 10.0) -> set[int]:
    """Those of `sessions` still connected once none is left, or after `patience` seconds: a
    session whose client has just closed it takes a moment to go, while one left open stays."""
    deadline = time.monotonic() + patience
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", [sorted(sessions)]
            )
            left = {pid for (pid,) in cursor.fetchall()}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def test_a_connection_opened_while_the_browser_runs_is_closed_with_it():
    # Playwright's synchronous API runs one per thread, and the tests' browser may hold this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        sessions = thread.submit(sessions_used_while_browsing).result()

    assert still_open(sessions) == set()
