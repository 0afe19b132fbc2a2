"""Contact cards: a vCard per press contact that address books read, and that no name can use to
add headers or properties."""

import pytest
import vobject

from articles.models import PressContact
from newsroom import pagecache
from tests.factories import PressContactFactory

pytestmark = pytest.mark.django_db


def download(client, slug: str):
    response = client.get(f"/press/contacts/{slug}.vcf")
    assert response.status_code == 200
    return response


def parsed(response) -> vobject.base.Component:
    return vobject.readOne(response.content.decode())


def properties(card) -> list[str]:
    return sorted(child.name for child in card.getChildren())


def test_a_contact_downloads_as_a_vcard_an_address_book_reads(client):
    PressContactFactory(
        name="Ruth Calloway",
        slug="ruth-calloway",
        role="Head of communications",
        email="ruth@northwind.example",
        phone="+44 (0)20 7946-0123",
        covers="Company news, Europe",
    )

    response = download(client, "ruth-calloway")

    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ruth-calloway.vcf"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    card = parsed(response)
    assert card.fn.value == "Ruth Calloway"
    assert (card.n.value.given, card.n.value.family) == ("Ruth", "Calloway")
    assert card.org.value == ["Northwind Labs"]
    assert card.title.value == "Head of communications"
    assert card.email.value == "ruth@northwind.example"
    assert card.tel.value == "+442079460123"
    assert card.note.value == "Media contact for Company news, Europe"
    assert card.url.value == "http://testserver/press/#contact-ruth-calloway"
    assert properties(card) == ["EMAIL", "FN", "N", "NOTE", "ORG", "TEL", "TITLE", "URL", "VERSION"]


def test_a_contact_with_only_a_phone_has_no_email_in_their_card(client):
    PressContactFactory(slug="ana", name="Ana", email="", phone="+351 21 123 4567", covers="")

    card = parsed(download(client, "ana"))

    assert not hasattr(card, "email")
    assert card.tel.value == "+351211234567"
    assert card.note.value == "Media contact"
    assert card.n.value.family == "Ana"


@pytest.mark.parametrize(
    "name",
    [
        "Ruth\r\nEMAIL:attacker@evil.example",
        "Ruth\nEMAIL;TYPE=INTERNET:attacker@evil.example",
        "Ruth\rTEL:+10000000000\rEND:VCARD\rBEGIN:VCARD",
        "Ruth\x0bEMAIL:attacker@evil.example",
        "Ruth\u2028EMAIL:attacker@evil.example",
    ],
    ids=["crlf", "lf", "cr", "vertical-tab", "line-separator"],
)
def test_a_name_with_line_breaks_adds_no_property_to_the_card(client, name):
    contact = PressContactFactory(slug="ruth", email="ruth@northwind.example", phone="")
    # Stored around save(), as a script or a restored dump could: the card must hold anyway.
    PressContact.objects.filter(pk=contact.pk).update(name=name, role=name, covers=name)

    response = download(client, "ruth")

    text = response.content.decode()
    card = parsed(response)
    assert properties(card) == ["EMAIL", "FN", "N", "NOTE", "ORG", "TITLE", "URL", "VERSION"]
    assert card.email.value == "ruth@northwind.example"
    assert len(card.contents["email"]) == 1
    assert "attacker" not in card.email.value
    lines = text.split("\r\n")
    assert "\r" not in "".join(lines)
    assert "\n" not in "".join(lines)
    assert (lines.count("BEGIN:VCARD"), lines.count("END:VCARD")) == (1, 1)
    assert not any(line.startswith(("EMAIL:attacker", "TEL:+1000")) for line in lines)
    assert "\n" not in card.fn.value
    assert response["Content-Disposition"] == 'attachment; filename="ruth.vcf"'


def test_no_name_or_slug_can_add_a_header_to_the_download(client):
    contact = PressContactFactory(slug="ruth")
    PressContact.objects.filter(pk=contact.pk).update(
        name="Ruth\r\nSet-Cookie: session=stolen\r\nX-Injected: yes"
    )

    response = download(client, "ruth")

    assert "Set-Cookie" not in response
    assert "X-Injected" not in response
    assert not response.cookies
    for value in response.headers.values():
        assert "\r" not in value
        assert "\n" not in value


@pytest.mark.parametrize(
    "path",
    [
        "/press/contacts/nobody.vcf",
        "/press/contacts/1.vcf",
        "/press/contacts/ruth.vcf.vcf",
        "/press/contacts/ruth%0d%0aSet-Cookie:x=1.vcf",
        "/press/contacts/../contacts/ruth",
        "/press/contacts/ruth",
        "/press/contacts/%2e%2e%2fadmin.vcf",
    ],
)
def test_an_unknown_or_forged_contact_address_is_not_found(client, path):
    PressContactFactory(slug="ruth")

    response = client.get(path)

    assert response.status_code == 404
    assert "Content-Disposition" not in response


def test_a_kept_card_keeps_its_file_name_and_is_retired_with_its_contact(client):
    contact = PressContactFactory(slug="ruth", name="Ruth Calloway")
    download(client, "ruth")

    kept = download(client, "ruth")
    assert kept[pagecache.CACHE_STATUS_HEADER] == "hit"
    assert kept["Content-Disposition"] == 'attachment; filename="ruth.vcf"'
    assert kept["Content-Type"] == "text/vcard; charset=utf-8"

    contact.name = "Ruth Calloway-Marsh"
    contact.save()
    fresh = download(client, "ruth")
    assert fresh[pagecache.CACHE_STATUS_HEADER] == "miss"
    assert parsed(fresh).fn.value == "Ruth Calloway-Marsh"


def test_a_deleted_contacts_card_is_gone(client):
    contact = PressContactFactory(slug="ruth")
    download(client, "ruth")

    contact.delete()

    assert client.get("/press/contacts/ruth.vcf").status_code == 404
