"""With DEBUG off pages name their static files by the hashes `collectstatic` records: before it
has run, every page fails. `check --deploy` says so first."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.fixture
def production_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


@pytest.mark.usefixtures("production_static_files")
def test_the_deployment_check_fails_until_collectstatic_has_run(capsys):
    with pytest.raises(SystemCheckError, match=r"newsroom\.E010.*collectstatic has not been run"):
        call_command("check", "--deploy", "--tag", "newsroom-static")

    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("check", "--deploy", "--tag", "newsroom-static")

    assert "newsroom.E010" not in capsys.readouterr().err


def test_the_deployment_check_needs_no_collected_files_in_development(settings, capsys):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("check", "--deploy", "--tag", "newsroom-static")

    assert "newsroom.E010" not in capsys.readouterr().err
