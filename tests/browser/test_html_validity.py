"""The Nu HTML Checker (vnu) finds no errors in any public page."""

import json
import subprocess

import pytest

from tests.browser.conftest import VNU_JAR
from tests.browser.pages import publish_sample

pytestmark = pytest.mark.django_db


def test_public_pages_are_valid_html(client, node_modules, java, make_upload, tmp_path):
    files = {}
    for name, path in publish_sample(make_upload).items():
        response = client.get(path)
        assert response.status_code in {200, 404}
        file = tmp_path / (name.replace(" ", "-") + ".html")
        file.write_bytes(response.content)
        files[file.as_uri()] = name

    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']} [{message.get('extract', '').strip()}]"
        for message in messages
    ]
    assert errors == [], "\n".join(errors)
