"""With DEBUG on and no SECRET_KEY, the key is made once and kept in a file readable by its owner
only, so a restart (the development server's reload after an edit) keeps every session and link;
with DEBUG off the site still refuses to start without one."""

import stat

import pytest

from tests.newsroom.test_settings import ROOT, load_settings

SHOW_KEY = "import newsroom.settings as s; print(s.SECRET_KEY)"


def test_a_development_key_is_kept_from_one_start_to_the_next(tmp_path):
    kept = tmp_path / "state" / "secret_key"

    first = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(kept))
    second = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(kept))

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key
    assert kept.read_text().strip() == key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_each_development_key_file_holds_a_key_of_its_own(tmp_path):
    one = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(tmp_path / "one"))
    other = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(tmp_path / "other"))

    assert one.stdout.strip() != other.stdout.strip()


def test_a_key_that_is_set_is_used_and_no_file_is_written(tmp_path):
    kept = tmp_path / "secret_key"

    result = load_settings(
        SHOW_KEY, DEBUG="true", SECRET_KEY="k" * 50, DEVELOPMENT_KEY_FILE=str(kept)
    )

    assert result.stdout.strip() == "k" * 50
    assert not kept.exists()


def test_production_ignores_a_kept_development_key_and_refuses_to_start(tmp_path):
    kept = tmp_path / "secret_key"
    assert load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(kept)).returncode == 0

    result = load_settings(SHOW_KEY, DEBUG="false", DEVELOPMENT_KEY_FILE=str(kept))

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("content", ["", "short\n"])
def test_a_development_key_file_without_a_key_stops_the_site_naming_it(tmp_path, content):
    kept = tmp_path / "secret_key"
    kept.write_text(content)

    result = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(kept))

    assert result.returncode != 0
    assert f"{kept} holds no key" in result.stderr
    assert kept.read_text() == content


def test_a_development_key_file_that_cannot_be_read_stops_the_site_naming_it(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")

    result = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE=str(blocked / "key"))

    assert result.returncode != 0
    assert f"{blocked / 'key'} could not be read" in result.stderr
    assert "Set SECRET_KEY" in result.stderr


def test_a_development_key_file_that_cannot_be_written_stops_the_site_naming_it():
    # Nobody, root included, makes a file in /proc.
    result = load_settings(SHOW_KEY, DEBUG="true", DEVELOPMENT_KEY_FILE="/proc/newsroom-key")

    assert result.returncode != 0
    assert "/proc/newsroom-key could not be written" in result.stderr
    assert "Set SECRET_KEY" in result.stderr


def test_the_default_development_key_file_is_ignored_by_git():
    assert ".secret_key" in (ROOT / ".gitignore").read_text().splitlines()
