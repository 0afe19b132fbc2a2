"""Admin sign-in is throttled against password guessing (django-axes)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def sign_in(client, username="editor", password=PASSWORD, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def test_a_right_password_signs_in(client, editor):
    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_five_wrong_passwords_pause_sign_in_with_a_clear_message(client, editor):
    for _ in range(4):
        assert sign_in(client, password="guess").status_code == 200

    fifth = sign_in(client, password="guess")
    after = sign_in(client)  # even the right password is refused now

    for response in (fifth, after):
        assert response.status_code == 429
        text = response.content.decode()
        assert "Too many failed sign-in attempts for “editor”." in text
        assert "paused for 15 minutes" in text
        assert {"private", "no-store"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
    assert "_auth_user_id" not in client.session


def test_a_lock_out_holds_one_username_from_one_address_only(client, editor):
    UserFactory(username="colleague", is_staff=True)
    for _ in range(5):
        sign_in(client, password="guess")

    assert sign_in(client, username="colleague").status_code == 302
    assert sign_in(client, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, editor):
    for _ in range(4):
        sign_in(client, password="guess")
    assert sign_in(client).status_code == 302
    client.logout()

    for _ in range(4):
        assert sign_in(client, password="guess").status_code == 200


def test_behind_a_proxy_the_forwarded_client_address_is_the_one_locked_out(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    # A client may write anything into the header; the proxy appends the address it saw.
    spoofing = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.50, 198.51.100.7"}
    for _ in range(3):
        sign_in(client, password="guess", **attacker)
    for _ in range(2):
        sign_in(client, password="guess", **spoofing)

    assert sign_in(client, **attacker).status_code == 429
    assert sign_in(client, HTTP_X_FORWARDED_FOR="192.0.2.44", **proxy).status_code == 302


def test_a_next_address_off_the_site_is_ignored_after_sign_in(client, editor):
    for target in ["//evil.example/", "https://evil.example/", "/\\evil.example/"]:
        response = client.post(
            f"{LOGIN}?next={target}", {"username": "editor", "password": PASSWORD, "next": target}
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        client.logout()


def test_wrong_passwords_from_one_ipv6_network_pause_sign_in_as_from_one_address(client, editor):
    # A single IPv6 host is given a /64 network of its own: 2**64 addresses to guess from.
    for host in range(1, 6):
        sign_in(client, password="guess", REMOTE_ADDR=f"2001:db8:1:2::{host}")

    assert sign_in(client, REMOTE_ADDR="2001:db8:1:2::6").status_code == 429
    assert sign_in(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_wrong_current_passwords_on_the_password_change_form_pause_it_as_sign_in_does(
    client, editor
):
    # Whoever holds a signed-in browser (left unlocked, say) must not learn the password by
    # guessing it where the form asks for it.
    client.force_login(editor)
    new = "a brand new passphrase 42"
    change = {"new_password1": new, "new_password2": new}
    for _ in range(5):
        response = client.post("/admin/password_change/", {"old_password": "guess", **change})
        assert response.status_code in {200, 429}

    sixth = client.post("/admin/password_change/", {"old_password": PASSWORD, **change})

    assert sixth.status_code == 429
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_an_ipv4_address_written_as_ipv6_counts_as_itself(client, editor):
    # A dual-stack server sees an IPv4 client as ::ffff:a.b.c.d.
    for address in ["198.51.100.7", "::ffff:198.51.100.7"] * 2 + ["198.51.100.7"]:
        sign_in(client, password="guess", REMOTE_ADDR=address)

    assert sign_in(client, REMOTE_ADDR="::ffff:198.51.100.7").status_code == 429
    assert sign_in(client, REMOTE_ADDR="198.51.100.8").status_code == 302
