"""Hostile addresses and choices sent to the subscribe form: refused with a clear error, a
domain in another alphabet kept in its ASCII form, hundreds of choices refused before the
database is asked."""

import pytest

from articles.models import Subscriber
from tests.articles.alerts.form import SAME_ORIGIN, SUBSCRIBE

pytestmark = pytest.mark.django_db


HOSTILE_ADDRESSES = {
    "header-injection-crlf": ("reader@example.com\r\nBcc: victim@example.com", "one line"),
    "header-injection-lf": ("reader@example.com\nBcc: victim@example.com", "one line"),
    "two-addresses": ("reader@example.com, victim@example.com", "space"),
    "two-addresses-comma": ("reader@example.com,victim@example.com", "valid email address"),
    "angle-brackets": ("Reader <reader@example.com>", "space"),
    "huge": ("a" * 1_000_000 + "@example.com", "at most 254 characters"),
    "long-local-part": ("a" * 250 + "@example.com", "at most 254 characters"),
    "nul": ("reader\x00@example.com", "Null characters are not allowed"),
    "zero-width-space": ("reader@exam\u200bple.com", "invisible"),
    "right-to-left-override": ("\u202emoc.elpmaxe@redaer", "invisible"),
    "full-width-domain": ("reader@ｅｘａｍｐｌｅ.com", "only look like letters"),
    "cyrillic-local-part": ("rеader@example.com", "plain letters"),
    "no-domain-dot": ("reader@localhost", "at a domain"),
    "domain-literal": ("reader@[127.0.0.1]", "at a domain"),
    "quoted-spaces": ('"read er"@example.com', "space"),
    "two-ats": ("reader@evil.example@example.com", "valid email address"),
    "script": ("<script>alert(1)</script>@example.com", "valid email address"),
}


@pytest.mark.parametrize(
    ("address", "message"), HOSTILE_ADDRESSES.values(), ids=HOSTILE_ADDRESSES.keys()
)
def test_a_hostile_address_is_refused_with_a_clear_error(client, mailbox, address, message):
    response = client.post(
        SUBSCRIBE, {"email": address, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["email"]
    assert any(message in error for error in errors), errors
    assert len(response.content) < 50_000, "the address is not echoed back whole"
    assert "<script>alert(1)" not in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mailbox.messages


def test_a_domain_in_another_alphabet_is_kept_in_its_ascii_form(client, mailbox):
    response = client.post(
        SUBSCRIBE,
        {"email": "Reader@Bücher.Example", "everything": "on", "frequency": "instant"},
        **SAME_ORIGIN,
    )

    assert response.status_code == 303
    assert Subscriber.objects.get().email == "Reader@xn--bcher-kva.example"
    assert mailbox.messages[0].recipients == ["Reader@xn--bcher-kva.example"]
    # Typed the other way, it is the same address.
    client.post(
        SUBSCRIBE,
        {"email": "reader@xn--BCHER-kva.example", "everything": "on", "frequency": "instant"},
        **SAME_ORIGIN,
    )
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("name", ["tags", "authors"])
def test_hundreds_of_choices_are_refused_before_the_database_is_asked(
    client, mailbox, name, django_assert_max_num_queries
):
    # Past DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000), Django refuses the request before any view.
    data = {"email": "reader@example.com", name: [str(n) for n in range(900)]}

    with django_assert_max_num_queries(12):
        response = client.post(SUBSCRIBE, data, **SAME_ORIGIN)

    assert response.status_code == 200
    assert "Choose at most 50." in response.context["form"].errors[name]
    assert not Subscriber.objects.exists()
