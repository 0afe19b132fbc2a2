import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

ROOT = Path(__file__).resolve().parents[2]
REPORT = (
    "import newsroom.settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
)

# What the tests below set themselves, and so never take from the environment they run in.
SET_BY_TESTS = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "DATABASE_PREPARED",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "TASKS_BACKEND",
}


def load_settings(report: str = REPORT, **env: str) -> subprocess.CompletedProcess:
    """Import the real settings module in a fresh interpreter, with `env` in place of ours, and
    run `report` there."""
    clean = {key: value for key, value in os.environ.items() if key not in SET_BY_TESTS}
    return subprocess.run(
        [sys.executable, "-c", report],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_a_secret_key_on_sqlite_and_local_memory():
    result = load_settings(DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_database_and_cache_come_from_the_environment():
    result = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom",
        REDIS_URL="redis://cache.internal:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "newsroom.cache.TolerantRedisCache",
    ]


@pytest.mark.parametrize(
    ("database_url", "prepared", "threshold"),
    [
        ("postgres://newsroom@db.internal:5432/newsroom", "", "2"),
        ("postgres://newsroom@db.internal:5432/newsroom", "false", "None"),
        ("sqlite:///elsewhere.sqlite3", "", "None"),
    ],
)
def test_postgresql_keeps_the_hot_queries_prepared_unless_switched_off(
    database_url, prepared, threshold
):
    result = load_settings(
        "import newsroom.settings as s; "
        "print(s.DATABASES['default'].get('OPTIONS', {}).get('prepare_threshold'))",
        DEBUG="true",
        DATABASE_URL=database_url,
        DATABASE_PREPARED=prepared,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == threshold


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off"])
def test_debug_is_off_unless_switched_on(value):
    result = load_settings(DEBUG=value)

    assert "SECRET_KEY is not set" in result.stderr


def test_an_unknown_task_backend_stops_the_site_from_starting():
    result = load_settings(DEBUG="true", TASKS_BACKEND="celery")

    assert result.returncode != 0
    assert "TASKS_BACKEND is 'celery': use database (production) or immediate." in result.stderr


@pytest.mark.parametrize(
    ("debug", "given", "backend"),
    [
        ("true", "", "django_tasks.backends.immediate.ImmediateBackend"),
        ("false", "", "django_tasks_db.DatabaseBackend"),
        ("false", "immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_tasks_wait_in_the_database_in_production_and_run_at_once_in_development(
    debug, given, backend
):
    result = load_settings(
        "import newsroom.settings as s; print(s.TASKS['default']['BACKEND'])",
        DEBUG=debug,
        TASKS_BACKEND=given,
        SECRET_KEY="x" * 50,
    )

    assert result.stdout.strip() == backend, result.stderr


def test_starting_the_site_prints_nothing():
    # Every command starts the site: seed_demo's, the worker's and the server's output is theirs.
    result = load_settings(
        "import django; django.setup()",
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        LOG_LEVEL="INFO",
    )

    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")


# A task run at once in the process that made it, as development and `seed_demo` run them.
RUN_A_TASK = """
import django, logging
django.setup()
from django_tasks import task

@task()
def succeeds():
    logging.getLogger("articles").warning("the task ran")

@task()
def fails():
    raise ValueError("the task broke")

succeeds.enqueue()
fails.enqueue()
"""


def test_a_task_run_at_once_logs_only_its_warnings_and_its_failure():
    result = load_settings(
        RUN_A_TASK, DEBUG="true", DJANGO_SETTINGS_MODULE="newsroom.settings", LOG_LEVEL="INFO"
    )

    assert result.returncode == 0, result.stderr
    assert "the task ran" in result.stderr
    assert "path=__main__.fails state=FAILED" in result.stderr
    assert "ValueError: the task broke" in result.stderr
    # The worker logs each task it runs (`manage.py worker`); the site's own processes do not.
    assert "state=RUNNING" not in result.stderr
    assert "state=SUCCESSFUL" not in result.stderr


@pytest.mark.parametrize("site_url", ["", "news.example.com", "https://news.example.com/news"])
def test_the_deployment_check_wants_the_sites_own_address(settings, site_url):
    settings.SITE_URL = site_url

    with pytest.raises(SystemCheckError, match=r"newsroom\.E006.*SITE_URL is"):
        call_command("check", "--deploy", "--tag", "newsroom-site-url")


def test_the_deployment_check_refuses_an_http_address_for_a_site_served_over_https(settings):
    """The one-click unsubscribe of alert emails POSTs to SITE_URL: redirected to https, it is
    lost (mail apps follow no redirect), and they offer it only for an https address."""
    settings.SITE_URL = "http://news.example.com"
    settings.SECURE_SSL_REDIRECT = True

    with pytest.raises(SystemCheckError, match=r"newsroom\.E007.*https"):
        call_command("check", "--deploy", "--tag", "newsroom-site-url")


def test_the_deployment_check_warns_of_an_http_address(settings, capsys):
    settings.SITE_URL = "http://news.example.com"
    settings.SECURE_SSL_REDIRECT = False

    call_command("check", "--deploy", "--tag", "newsroom-site-url")

    assert "newsroom.W002" in capsys.readouterr().err


def test_the_deployment_check_takes_an_https_address(settings, capsys):
    settings.SITE_URL = "https://news.example.com"
    settings.SECURE_SSL_REDIRECT = True

    call_command("check", "--deploy", "--tag", "newsroom-site-url")

    assert "newsroom." not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ALERTS_RATE", "fast", "ALERTS_RATE is 'fast': give the emails to send per second"),
        ("ALERTS_RATE", "0", "ALERTS_RATE is '0'"),
        ("ALERTS_RATE", "inf", "ALERTS_RATE is 'inf'"),
        ("ALERTS_CLIENT_RATE", "lots", "ALERTS_CLIENT_RATE is 'lots': give requests per period"),
        ("ALERTS_ADDRESS_RATE", "3/fortnight", "ALERTS_ADDRESS_RATE is '3/fortnight'"),
    ],
)
def test_an_invalid_alerts_rate_stops_the_site_from_starting(name, value, message):
    result = load_settings(DEBUG="true", **{name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_alerts_rates_come_from_the_environment():
    report = (
        "import newsroom.settings as s; "
        "print(s.ALERTS_RATE, s.ALERTS_CLIENT_RATE, s.ALERTS_ADDRESS_RATE, s.ALERTS_BATCH)"
    )
    result = load_settings(
        report,
        DEBUG="true",
        ALERTS_RATE="0.5",
        ALERTS_CLIENT_RATE="off",
        ALERTS_ADDRESS_RATE="5/day",
        ALERTS_BATCH="20",
    )

    assert result.stdout.split() == ["0.5", "None", "5/day", "20"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CONN_MAX_AGE", "1m", "CONN_MAX_AGE is '1m': give a whole number of seconds, e.g. 60."),
        ("TRUSTED_PROXY_COUNT", "two", "TRUSTED_PROXY_COUNT is 'two': give a whole number"),
        ("SECURE_HSTS_SECONDS", "1y", "SECURE_HSTS_SECONDS is '1y'"),
        ("PAGE_CACHE_SECONDS", "1h", "PAGE_CACHE_SECONDS is '1h'"),
        ("PAGE_CACHE_LOCAL_SECONDS", "a second", "PAGE_CACHE_LOCAL_SECONDS is 'a second'"),
        ("EDGE_PURGE_TIMEOUT", "2s", "EDGE_PURGE_TIMEOUT is '2s': give a number of seconds"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT is 'smtp'"),
        ("WEBHOOK_TIMEOUT", "5s", "WEBHOOK_TIMEOUT is '5s'"),
        ("WEBHOOK_RETRY_DELAYS", "30s,2m", "WEBHOOK_RETRY_DELAYS is '30s,2m': give whole numbers"),
    ],
)
def test_a_number_setting_that_is_not_a_number_stops_the_site_naming_it(name, value, message):
    result = load_settings(DEBUG="true", **{name: value})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_number_settings_left_empty_take_their_defaults():
    """As `.env.example` says of every empty value: copied with a number left blank, the site
    starts on the default."""
    names = [
        "CONN_MAX_AGE",
        "SECURE_HSTS_SECONDS",
        "TRUSTED_PROXY_COUNT",
        "PAGE_CACHE_SECONDS",
        "PAGE_MAX_AGE",
        "PAGE_STALE_WHILE_REVALIDATE",
        "PAGE_CACHE_LOCAL_SECONDS",
        "EDGE_PURGE_ATTEMPTS",
        "EDGE_PURGE_TIMEOUT",
        "EDGE_MAX_AGE",
        "EMAIL_PORT",
        "EMAIL_TIMEOUT",
        "WEBHOOK_DISABLE_AFTER",
        "WEBHOOK_TIMEOUT",
        "WEBHOOK_RETRY_DELAYS",
    ]
    shown = ["DATABASES['default']['CONN_MAX_AGE']", *names[1:]]
    report = "import newsroom.settings as s; " + "; ".join(f"print(s.{n})" for n in shown)
    result = load_settings(report, DEBUG="false", SECRET_KEY="x" * 50, **dict.fromkeys(names, ""))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "60", "31536000", "0", "3600", "60", "300", "1.0", "3", "2.0", "86400", "587", "10",
        "3", "5.0", "[30, 120, 600, 3600, 21600]",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "DATABASE_URL",
            "newsroom:s3cret@db.internal:5432/newsroom",
            "DATABASE_URL does not start with a database's scheme (postgres://, sqlite://…)",
        ),
        ("DATABASE_URL", "postgress://newsroom:s3cret@db/newsroom", "('postgress' is none)"),
        (
            "REDIS_URL",
            "cache.internal:6379",
            "REDIS_URL does not start with redis://, rediss:// or unix://",
        ),
        ("REDIS_URL", "http://:s3cret@cache.internal:6379/0", "('http' is none)"),
    ],
)
def test_an_address_without_its_scheme_stops_the_site_naming_it_and_not_its_password(
    name, value, message
):
    result = load_settings(SECRET_KEY="x" * 50, **{name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured: " in result.stderr
    assert message in result.stderr
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("proxies", "proxy_header", "warned"),
    [
        (2, None, True),
        (2, ("HTTP_X_FORWARDED_PROTO", "https"), False),
        (0, None, False),
    ],
)
def test_the_deployment_check_warns_of_a_redirect_to_https_that_would_never_end(
    settings, capsys, proxies, proxy_header, warned
):
    """Behind a TLS proxy, a site that cannot read the scheme from X-Forwarded-Proto takes every
    request for plain http and redirects it to https, again and again."""
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.SECURE_PROXY_SSL_HEADER = proxy_header

    call_command("check", "--deploy", "--tag", "newsroom-https")

    err = capsys.readouterr().err
    assert ("newsroom.W004" in err) is warned
    if warned:
        assert "SECURE_PROXY_SSL_HEADER is off" in err


@pytest.mark.parametrize(
    ("backend", "host", "warned"),
    [
        ("django.core.mail.backends.smtp.EmailBackend", "", True),
        ("django.core.mail.backends.smtp.EmailBackend", "smtp.example.com", False),
        ("anymail.backends.postmark.EmailBackend", "", False),
    ],
)
def test_the_deployment_check_warns_of_smtp_with_no_server(settings, capsys, backend, host, warned):
    """Without EMAIL_HOST every alert, confirmation and pre-access link fails to send, with
    smtplib's "please run connect() first"."""
    settings.EMAIL_BACKEND = backend
    settings.EMAIL_HOST = host

    call_command("check", "--deploy", "--tag", "newsroom-email")

    err = capsys.readouterr().err
    assert ("newsroom.W005" in err) is warned
    if warned:
        assert "EMAIL_HOST is not set" in err


@pytest.mark.parametrize(
    "entry", ["https://news.example.com", "news.example.com/", "news.example.com:443"]
)
def test_the_deployment_check_refuses_an_allowed_host_written_as_an_address(settings, entry):
    """Django compares the Host without a port with each entry: one given as an address (a
    scheme, a path, a port) matches no request, which is refused with a 400."""
    settings.ALLOWED_HOSTS = ["news.example.com", entry]

    with pytest.raises(SystemCheckError, match=rf"newsroom\.E009.*ALLOWED_HOSTS names {entry!r}"):
        call_command("check", "--deploy", "--tag", "newsroom-hosts")
