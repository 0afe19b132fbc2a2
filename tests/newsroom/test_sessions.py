"""How long a sign-in to the admin lasts: SESSION_IDLE_HOURS without a request, each request
starting them again; readers are given no session, and their spoiler choice keeps its year."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from newsroom.sessions import REFRESHED_KEY
from tests.newsroom.test_settings import load_settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
EIGHT_HOURS = 8 * 3600


def sign_in(client, user):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_signing_in_keeps_an_editor_signed_in_for_eight_idle_hours(client, editor):
    cookie = sign_in(client, editor).cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["max-age"] == EIGHT_HOURS
    (session,) = Session.objects.all()
    assert session.expire_date > timezone.now() + timedelta(hours=7)
    assert session.expire_date <= timezone.now() + timedelta(hours=8)


def idle_for(client, seconds: int) -> None:
    """Make the signed-in session of `client` look last used `seconds` ago."""
    session = client.session
    session[REFRESHED_KEY] -= seconds
    session.save()
    expiry = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - seconds)
    Session.objects.update(expire_date=expiry)


def test_a_request_after_minutes_idle_starts_the_idle_hours_again(client, editor):
    sign_in(client, editor)
    idle_for(client, 7 * 3600)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == EIGHT_HOURS
    assert Session.objects.get().expire_date > timezone.now() + timedelta(hours=7)


def test_requests_minutes_apart_write_the_session_once(client, editor):
    sign_in(client, editor)
    idle_for(client, 4 * 60)

    assert settings.SESSION_COOKIE_NAME not in client.get("/admin/").cookies
    idle_for(client, 60)
    assert settings.SESSION_COOKIE_NAME in client.get("/admin/").cookies
    assert settings.SESSION_COOKIE_NAME not in client.get("/admin/").cookies


def test_an_editor_idle_past_the_hours_signs_in_again(client, editor):
    sign_in(client, editor)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_a_reader_is_given_no_session_and_keeps_a_spoiler_choice_for_a_year(client):
    response = client.get("/news/?hide_spoilers=all")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert response.cookies["hide_spoilers"]["max-age"] == 365 * 24 * 3600
    assert not Session.objects.exists()


def test_the_idle_hours_come_from_the_environment():
    report = "import newsroom.settings as s; print(s.SESSION_COOKIE_AGE)"

    result = load_settings(report, DEBUG="true", SESSION_IDLE_HOURS="0.5")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1800"]


@pytest.mark.parametrize("value", ["", " "])
def test_idle_hours_left_empty_are_eight(value):
    report = "import newsroom.settings as s; print(s.SESSION_COOKIE_AGE)"

    result = load_settings(report, DEBUG="true", SESSION_IDLE_HOURS=value)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["28800"]


@pytest.mark.parametrize("value", ["0", "-1", "forever", "inf"])
def test_an_invalid_idle_time_stops_the_site_from_starting(value):
    result = load_settings(DEBUG="true", SESSION_IDLE_HOURS=value)

    assert result.returncode != 0
    assert f"SESSION_IDLE_HOURS is {value!r}" in result.stderr
