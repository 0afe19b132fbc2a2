"""Private links to one article for people without an account: sign-off previews and
journalists' pre-access under embargo.

A link's address carries a token signed with the site's SECRET_KEY that names one record (by
its random key) and its article, so it can be neither guessed nor edited into another article's
link. There is no timestamp in the token: the record holds the expiry, so one link keeps one
address, and revoking the record ends it. The slug in the address is not what names the piece:
a valid link opened under a slug that is not its article's (out of date, or typed by hand) leads
to its address now (`follow`).
"""

import secrets
from collections.abc import Callable
from functools import wraps

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.views import defaults

# Headers of every page and download at a private link, and of the redirects between them:
# never stored by a shared cache, never indexed.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    # Same origin only: the token never reaches another site, and a form at the link still
    # sends the Origin header that CSRF protection checks ("no-referrer" would send "null").
    "Referrer-Policy": "same-origin",
}


class InvalidLink(Exception):
    """The link is unknown, altered, expired or revoked; the reason is for logs, not readers."""


def new_key() -> str:
    return secrets.token_urlsafe(32)


def token(*, salt: str, key: str, article_id: int) -> str:
    return signing.Signer(salt=salt).sign_object({"k": key, "a": article_id}, compress=True)


def read_token(value: str, *, salt: str) -> tuple[str, object]:
    """(key, article id) as signed in `value`; InvalidLink when it was not signed here."""
    try:
        payload = signing.Signer(salt=salt).unsign_object(value)
    except signing.BadSignature as error:
        raise InvalidLink("bad signature") from error
    if not isinstance(payload, dict):
        raise InvalidLink("malformed token")
    return str(payload.get("k")), payload.get("a")


def private(response):
    """`response` with the headers of every page at a private link."""
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def private_view(view: Callable) -> Callable:
    """`view`, at a private link's address, with the headers of `private` on every answer, a 404
    included. The site's 404 is public, kept by browsers and the edge: one here would outlive
    what it says (an ended link leads to the public page once its piece is out, which may be
    at the next visit) and keep the link's token in a shared cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as error:
            response = defaults.page_not_found(request, error)
        return private(response)

    return wrapped


def follow(slug: str, *, article, address: Callable[[], str]) -> HttpResponseRedirect | None:
    """None when `slug`, the one in the address a valid link was opened at, is its article's;
    otherwise a private redirect to `address()`, where the link is now.

    A draft's slug follows its headline and an editor may change any slug by hand, so links
    already sent keep working. Call it only once the token is known to be good: a bad one
    answers 404 whatever the slug, which therefore tells nothing about which slugs exist.
    """
    if slug == article.slug:
        return None
    return private(HttpResponseRedirect(address()))
