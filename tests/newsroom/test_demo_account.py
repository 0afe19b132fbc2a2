"""The demo login seed_demo creates under DEBUG is refused by `check --deploy` and announced at
start-up while it still works."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.backends.signals import connection_created

from newsroom import checks
from newsroom.demo.management.commands.seed_demo import ensure_demo_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEMO_LOGIN_ERROR = "newsroom.E001"


@pytest.fixture
def demo_admin():
    """The account as `seed_demo` leaves it under DEBUG."""
    ensure_demo_admin()
    return get_user_model().objects.get(username=checks.DEMO_ADMIN_USERNAME)


def deploy_problems() -> list:
    return [
        problem
        for problem in run_checks(include_deployment_checks=True, tags=[Tags.security])
        if problem.id == DEMO_LOGIN_ERROR
    ]


def started() -> None:
    """What a starting process does: arm the warning, then open its database connection."""
    checks.warn_on_first_connection()
    connection_created.send(sender=type(connection), connection=connection)


def test_seed_demo_uses_the_login_the_check_looks_for(demo_admin):
    assert demo_admin.is_superuser
    assert demo_admin.check_password(checks.DEMO_ADMIN_PASSWORD)


def test_check_deploy_fails_while_the_demo_login_works(demo_admin):
    [problem] = deploy_problems()

    assert isinstance(problem, Error)
    assert "“admin”" in problem.msg
    assert "changepassword admin" in problem.hint
    # A deploy check only: runserver and migrate on a developer's machine are not stopped.
    assert DEMO_LOGIN_ERROR not in [problem.id for problem in run_checks()]
    with pytest.raises(SystemCheckError, match=DEMO_LOGIN_ERROR):
        call_command("check", "--deploy", "--tag", "security", stdout=io.StringIO())


def test_check_deploy_passes_once_the_password_is_changed(demo_admin):
    demo_admin.set_password("a long passphrase of the owner's own")
    demo_admin.save()

    assert deploy_problems() == []
    call_command("check", "--deploy", "--tag", "security", stdout=io.StringIO())


def test_check_deploy_passes_once_the_account_is_deactivated(demo_admin):
    demo_admin.is_active = False
    demo_admin.save()

    assert deploy_problems() == []


def test_another_user_with_the_demo_password_is_not_the_demo_login():
    UserFactory(username="dana", password=checks.DEMO_ADMIN_PASSWORD)

    assert deploy_problems() == []


def test_a_start_with_debug_off_warns_once_while_the_demo_login_works(demo_admin, caplog):
    with caplog.at_level(logging.WARNING, logger="newsroom.checks"):
        started()
        connection_created.send(sender=type(connection), connection=connection)

    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert "seed_demo" in record.getMessage()
    assert "changepassword admin" in record.getMessage()


def test_a_start_says_nothing_with_debug_on_or_without_the_demo_login(demo_admin, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="newsroom.checks"):
        settings.DEBUG = True
        started()
        settings.DEBUG = False
        demo_admin.set_password("a long passphrase of the owner's own")
        demo_admin.save()
        started()

    assert caplog.records == []


def test_a_start_ignores_connections_to_other_databases(demo_admin, caplog):
    class Other:
        alias = "__no_db__"

    with caplog.at_level(logging.WARNING, logger="newsroom.checks"):
        checks.warn_on_first_connection()
        connection_created.send(sender=Other, connection=Other())
        assert caplog.records == []
        # Still armed for the site's own database.
        connection_created.send(sender=type(connection), connection=connection)

    assert len(caplog.records) == 1


def test_check_deploy_says_nothing_about_a_database_not_migrated_yet(tmp_path):
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_")) and key not in {"REDIS_URL", "DATABASE_URL"}
    }
    env = {
        **inherited,
        "DEBUG": "false",
        "SECRET_KEY": "a-test-key-" + "x" * 50,
        "ALLOWED_HOSTS": "news.example.com",
        "SITE_URL": "https://news.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "seed_demo" not in result.stdout + result.stderr
