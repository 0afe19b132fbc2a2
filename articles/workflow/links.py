"""Private links to one article for people without an account: sign-off previews and
journalists' pre-access under embargo.

A link's address carries a token signed with the site's SECRET_KEY that names one record (by
its random key) and its article, so it can be neither guessed nor edited into another article's
link. There is no timestamp in the token: the record holds the expiry, so one link keeps one
address, and revoking the record ends it.
"""

import secrets

from django.core import signing


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
