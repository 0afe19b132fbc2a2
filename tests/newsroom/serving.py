"""gunicorn on a loopback port, as production serves the app, with a WSGI application of the
test's choosing: by default wsgi_echo's, which answers with the paths it was given."""

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.newsroom.pagecache.varnish import answers, free_port

GUNICORN = Path(sys.executable).with_name("gunicorn")
ROOT = Path(__file__).resolve().parents[2]
# A guard against a gunicorn that never comes up, not a measure of how fast it does.
STARTUP_GRACE_SECONDS = 30


@contextlib.contextmanager
def running_gunicorn(*options: str, app: str = "tests.newsroom.wsgi_echo"):
    """gunicorn serving `app` with `options`: yields its port, stops it whatever happens."""
    port = free_port()
    process = subprocess.Popen(
        [str(GUNICORN), *options, "--bind", f"127.0.0.1:{port}", "--workers", "1", app],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_GRACE_SECONDS
        while not answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start:\n{process.communicate()[0].decode()}")
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
