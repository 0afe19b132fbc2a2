"""The subscribe form's rate limits, kept in the Django cache as the read API keeps its own.

Per client: `ALERTS_CLIENT_RATE` subscribe requests per client address, the address found as
for login throttling and the API (`newsroom.middleware.client_ip`). Per address:
`ALERTS_ADDRESS_RATE` emails to one address, whoever asks, so nobody can flood a mailbox with
confirmation requests; past it the form answers as always and sends nothing, since a different
answer would tell that someone asked for that address before. The addresses of one mailbox
count together: `dana+1@example.com` and `dana+2@example.com` count as `dana@example.com`,
since Gmail, Outlook, iCloud and Fastmail deliver them all to one inbox (the subscriber is
still kept as typed: a "+tag" may be the reader's own filter).
"""

import hashlib

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from newsroom.middleware import client_ip


class ClientThrottle(SimpleRateThrottle):
    scope = "alerts-client"

    def get_rate(self) -> str | None:
        return settings.ALERTS_CLIENT_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class AddressThrottle(SimpleRateThrottle):
    """Counts per address; the cache key holds a digest of it, never the address."""

    scope = "alerts-address"

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def get_rate(self) -> str | None:
        return settings.ALERTS_ADDRESS_RATE

    def get_cache_key(self, request, view) -> str:
        digest = hashlib.blake2b(
            mailbox(self.address).encode(), digest_size=16, key=settings.SECRET_KEY.encode()[:64]
        ).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


def mailbox(address: str) -> str:
    """`address` lowercase and without a "+tag" after its part before the @ (the mailbox that
    Gmail, Outlook, iCloud and Fastmail deliver it to)."""
    local, _, domain = address.lower().rpartition("@")
    base = local.partition("+")[0]
    return f"{base or local}@{domain}"


def client_refused(request) -> int | None:
    """Count a subscribe request from this client: None when it is within its rate, else the
    seconds until it may ask again."""
    throttle = ClientThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, int(throttle.wait() or throttle.duration))


def address_allowed(address: str) -> bool:
    """Count an email to `address`; False once it is over its rate."""
    return AddressThrottle(address).allow_request(None, None)
