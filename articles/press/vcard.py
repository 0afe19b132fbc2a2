"""A press contact as a vCard (3.0, written by vobject) that address books import.

Every value is one line of text before vobject escapes it: a name typed with a line break in it
(through a script, or a paste that kept one) cannot start a property of its own, such as a second
EMAIL pointing elsewhere. The file's name comes from the contact's slug, through Django's own
Content-Disposition helper, so no header can be split or added through it either.
"""

import vobject
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from articles.models import PressContact, dialling_number
from newsroom.text import strip_control_characters

CONTENT_TYPE = "text/vcard; charset=utf-8"
PHOTO_SIZE = 400


def one_line(text: str) -> str:
    """`text` with every run of whitespace, line breaks included, as one space."""
    return " ".join(strip_control_characters(text or "").split())


def contact_vcard(contact: PressContact, *, request: HttpRequest) -> str:
    """The vCard of `contact`, as text with CRLF line ends."""
    card = vobject.vCard()
    name = one_line(contact.name)
    card.add("fn").value = name
    given, _, family = name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("org").value = [one_line(settings.NEWSROOM_ORGANISATION)]
    if contact.role:
        card.add("title").value = one_line(contact.role)
    if contact.email:
        email = card.add("email")
        email.value = one_line(contact.email)
        email.type_param = ["INTERNET", "WORK"]
    if contact.phone:
        phone = card.add("tel")
        phone.value = dialling_number(contact.phone)
        phone.type_param = ["WORK", "VOICE"]
    covers = f" for {one_line(contact.covers)}" if contact.covers else ""
    card.add("note").value = f"Media contact{covers}"
    card.add("url").value = request.build_absolute_uri(contact.get_absolute_url())
    photo = contact.photo_images.square(PHOTO_SIZE) if contact.photo else None
    if photo is not None:
        picture = card.add("photo")
        picture.value = request.build_absolute_uri(photo.url)
        picture.value_param = "URI"
    return card.serialize()


def vcard_response(contact: PressContact, *, request: HttpRequest) -> HttpResponse:
    """The vCard as a download named after the contact, `<slug>.vcf`."""
    response = HttpResponse(contact_vcard(contact, request=request), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{contact.slug}.vcf")
    return response
