"""Email addresses as the subscribe form takes them, and absolute links for emails.

An address is one line of plain characters: no line break (which would start another header),
no control, invisible or direction-changing character, nothing longer than RFC 5321's 254
characters. The part before the @ is ASCII and unquoted, as Django's validator and most mail
servers require (a quoted form would be a second address for one mailbox);
a domain in another alphabet is kept in its ASCII (IDNA 2008) form, so that one mailbox is one
address whichever way it was typed, and refused when it only becomes a domain once characters
are dropped or folded (invisible joiners, full-width letters).

Links in emails are built on `SITE_URL`, not on the request: alerts are sent by background
work, which has none, and every email then names the site by its one public address.
"""

import unicodedata

import idna
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from articles.events import payloads

MAX_LENGTH = 254

INVALID = "Enter a valid email address, like name@example.com."
TOO_LONG = "An email address has at most 254 characters (this one has {length})."
ONE_LINE = "An email address is one line: remove the line break."
INVISIBLE = (
    "This address holds a space, or a control or invisible character: type it again in plain "
    "characters."
)
PLAIN_LOCAL_PART = (
    "Write the part before the @ in plain letters, digits and . _ + - (other characters "
    "cannot be sent to reliably)."
)
LOOKALIKE_DOMAIN = (
    "The domain after the @ holds characters that only look like letters or cannot be seen: "
    "type it again in plain characters."
)
NEEDS_DOMAIN = "Give an address at a domain, like name@example.com."
QUOTED = (
    "Write the part before the @ without quotation marks or backslashes, like name@example.com."
)

# Unicode categories no address may hold: controls, format characters (invisible joiners,
# direction marks), separators, private-use, surrogates and unassigned code points.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp"}


def clean_address(value: str) -> str:
    """`value` as stored: trimmed, its domain lowercase and ASCII; ValidationError saying what
    is wrong otherwise."""
    text = (value or "").strip()
    if len(text) > MAX_LENGTH:
        raise ValidationError(TOO_LONG.format(length=len(text)), code="max_length")
    if "\r" in text or "\n" in text:
        raise ValidationError(ONE_LINE, code="line_break")
    if any(unicodedata.category(character) in _REFUSED_CATEGORIES for character in text):
        raise ValidationError(INVISIBLE, code="invisible")
    local, at, domain = text.rpartition("@")
    if not (local and at and domain):
        raise ValidationError(INVALID, code="invalid")
    if not local.isascii():
        raise ValidationError(PLAIN_LOCAL_PART, code="local_part")
    # A quoted local part ("dana"@, "d\ana"@) names the same mailbox as its unquoted text, so
    # kept as typed it would be a second subscriber and a second count toward the per-address
    # limit for one inbox. Readers never type one (mail services do not hand them out), so it
    # is refused rather than unquoted: unquoting would have to decide which quoted forms have
    # an unquoted equivalent at all ("a b"@ has none), for no reader's benefit.
    if '"' in local or "\\" in local:
        raise ValidationError(QUOTED, code="quoted")
    domain = ascii_domain(domain)
    if "." not in domain.strip(".") or domain.startswith("["):
        raise ValidationError(NEEDS_DOMAIN, code="domain")
    address = f"{local}@{domain}"
    validate_email(address)
    if len(address) > MAX_LENGTH:
        raise ValidationError(TOO_LONG.format(length=len(address)), code="max_length")
    return address


def ascii_domain(domain: str) -> str:
    """`domain` lowercase, in its ASCII form; refused when it reads as another once encoded."""
    domain = unicodedata.normalize("NFC", domain).lower()
    if domain.isascii():
        return domain
    try:
        # IDNA 2008 with UTS 46's mapping, as browsers and registries read a domain: ß and ς
        # are letters of their own (`straße.de` is not `strasse.de`), where Python's built-in
        # codec (IDNA 2003) would fold them into another domain.
        encoded = idna.encode(domain, uts46=True).decode("ascii")
        # The mapping folds full-width and circled letters into plain ones: such a domain
        # only becomes the one it shows once changed, and is refused rather than changed.
        same = idna.decode(encoded) == domain
    except UnicodeError:  # idna.IDNAError among them: joiners out of place, bad labels
        raise ValidationError(INVALID, code="invalid") from None
    if not same:
        raise ValidationError(LOOKALIKE_DOMAIN, code="lookalike")
    return encoded


def absolute(path: str) -> str:
    """The site's absolute address of `path` ("/news/…"), built as pages and the API build
    theirs, on a request for `SITE_URL` (`articles.events.payloads`)."""
    if not settings.SITE_URL:
        raise ImproperlyConfigured(
            "SITE_URL is not set: alert emails need the site's public address for their links."
        )
    return payloads.absolute(path)
