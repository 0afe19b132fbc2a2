"""`make serve` on a machine where another program holds port 8000: `PORT` picks another."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("given", "served"), [([], "127.0.0.1:8000"), (["PORT=8001"], "127.0.0.1:8001")]
)
def test_make_serve_serves_on_port_8000_or_the_one_given(given, served):
    result = subprocess.run(
        [MAKE, "--dry-run", "--always-make", "serve", *given],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert f"manage.py runserver {served}\n" in result.stdout
