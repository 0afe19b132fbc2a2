"""The signed links of alert emails.

Each names a subscriber by their random `key`, signed with the site's SECRET_KEY under a salt of
its own, so a link made for one purpose works for no other and none can be guessed or edited into
another reader's. The database keeps only the key: a copy of it gives no working link.

- A confirmation link also carries the time it was made and works for `ALERTS_CONFIRM_DAYS`.
- A subscriber's own link (preferences and one-click unsubscribe) has no time in it: it is in
  every email they keep, and stops working when they unsubscribe (their row is gone).
"""

from django.conf import settings
from django.core import signing

from articles.workflow.links import InvalidLink, new_key

CONFIRM_SALT = "articles.alerts.confirm"
SUBSCRIBER_SALT = "articles.alerts.subscriber"

__all__ = [
    "ExpiredLink",
    "InvalidLink",
    "confirm_token",
    "new_key",
    "read_confirm_token",
    "read_subscriber_token",
    "subscriber_token",
]


class ExpiredLink(InvalidLink):
    """Signed here, but too long ago."""


def confirm_token(key: str) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(key)


def read_confirm_token(token: str) -> str:
    """The key a confirmation link names; ExpiredLink past `ALERTS_CONFIRM_DAYS`, InvalidLink
    for anything not signed here."""
    max_age = settings.ALERTS_CONFIRM_DAYS * 24 * 60 * 60
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidLink("bad signature") from error


def subscriber_token(key: str) -> str:
    return signing.Signer(salt=SUBSCRIBER_SALT).sign(key)


def read_subscriber_token(token: str) -> str:
    """The key a subscriber's own link names; InvalidLink for anything not signed here."""
    try:
        return signing.Signer(salt=SUBSCRIBER_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidLink("bad signature") from error
