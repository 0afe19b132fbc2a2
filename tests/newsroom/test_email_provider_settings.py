"""An email provider through django-anymail: its settings from ANYMAIL_ variables, and its
webhooks served only behind their basic-auth secret."""

import pytest
from django.core.management import call_command

from tests.newsroom.test_settings import load_settings

WEBHOOK = "/anymail/postmark/tracking/"
REPORT = f"""
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
import django
django.setup()
from django.conf import settings
from django.urls import Resolver404, resolve
print("anymail" in settings.INSTALLED_APPS, sorted(settings.ANYMAIL.items()))
try:
    print(resolve("{WEBHOOK}").url_name)
except Resolver404:
    print(None)
"""


def test_without_a_webhook_secret_no_webhook_is_served():
    result = load_settings(REPORT, DEBUG="true", ANYMAIL_WEBHOOK_SECRET="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["False []", "None"]


def test_a_provider_s_api_without_a_webhook_secret_serves_no_webhook_either():
    result = load_settings(
        REPORT,
        DEBUG="true",
        ANYMAIL_WEBHOOK_SECRET="",
        EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
        ANYMAIL_POSTMARK_SERVER_TOKEN="server-token",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "True [('POSTMARK_SERVER_TOKEN', 'server-token')]",
        "None",
    ]


def test_a_webhook_secret_serves_the_provider_s_webhooks():
    result = load_settings(
        REPORT,
        DEBUG="true",
        ANYMAIL_WEBHOOK_SECRET="postmark:a-long-random-string",
        ANYMAIL_POSTMARK_SERVER_TOKEN="server-token",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "True [('POSTMARK_SERVER_TOKEN', 'server-token'), "
        "('WEBHOOK_SECRET', 'postmark:a-long-random-string')]",
        "postmark_tracking_webhook",
    ]


def test_a_webhook_secret_that_is_not_user_and_password_stops_the_site_from_starting():
    result = load_settings(DEBUG="true", ANYMAIL_WEBHOOK_SECRET="just-a-password")

    assert result.returncode != 0
    assert "ANYMAIL_WEBHOOK_SECRET is the webhooks' HTTP basic auth as user:password" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("backend", "secret", "warned"),
    [
        ("anymail.backends.postmark.EmailBackend", "", True),
        ("anymail.backends.postmark.EmailBackend", "newsroom:a-long-random-secret", False),
        ("django.core.mail.backends.smtp.EmailBackend", "", False),
    ],
)
def test_the_deployment_check_warns_of_a_provider_whose_reports_nobody_reads(
    settings, capsys, backend, secret, warned
):
    """Through a provider's API, bounces and complaints arrive by its webhooks alone: without
    their secret none is served, and alerts keep going to dead and complaining addresses."""
    settings.EMAIL_BACKEND = backend
    settings.ANYMAIL = {"WEBHOOK_SECRET": secret} if secret else {}

    call_command("check", "--deploy", "--tag", "newsroom-email")

    err = capsys.readouterr().err
    assert ("newsroom.W006" in err) is warned
    if warned:
        assert "ANYMAIL_WEBHOOK_SECRET is not set" in err
