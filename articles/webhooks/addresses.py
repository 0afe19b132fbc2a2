"""Which receiver addresses the site will send to: http(s) on hosts that are public.

A webhook makes the server send requests where an editor said, so an address inside the
network (a database's admin port, a cloud's metadata service) must be refused, however it is
written. `check_url` is asked twice: when the endpoint is saved, for a clear error, and before
each attempt, when the name is resolved again and the connection made to the very address that
was checked (the first of them that takes a connection, as any HTTP client tries a name's
addresses in turn), so a name that changes what it resolves to in between (DNS rebinding) gains
nothing.

`WEBHOOKS_ALLOW_PRIVATE` lets private and loopback addresses through (a receiver on the same
network); "this network" (0.0.0.0/8) and unspecified, link-local, multicast, broadcast and other
reserved addresses are never sent to, nor a 6to4, NAT64 or Teredo address whose relay would
take the message to an IPv4 address that is not public.
"""

import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_syntax = URLValidator(schemes=["http", "https"])
# What RFC 3986 lets a URL hold; anything else (spaces, quotes, <>, other alphabets) is encoded.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# NAT64 carries an IPv4 address in an IPv6 one; the IPv4 address is where it goes.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# "This network": 0.0.0.0 and the rest of 0.0.0.0/8, which some systems connect to themselves.
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
# A network's own addresses, which `WEBHOOKS_ALLOW_PRIVATE` lets through: RFC 1918, the shared
# space of carrier-grade NAT, IPv6 unique-local and the site-local range IPv6 gave up (still
# used inside some networks). Other addresses that are not global are reserved for a purpose.
_PRIVATE = tuple(
    ipaddress.ip_network(network)
    for network in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "fc00::/7",
        "fec0::/10",
    )
)


@dataclass(frozen=True)
class Target:
    """Where one attempt goes: the URL's parts, and the checked addresses to connect to, in
    the order the name gave them."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def check_url(url: str, *, resolve: bool = True, deadline: float | None = None) -> Target | None:
    """The target of `url`, or a ValidationError that says what is wrong with it.

    With `resolve`, the host's name is looked up and every address it has must be allowed;
    the lookup is given up at `deadline` (a `time.monotonic()`), by default `WEBHOOK_TIMEOUT`
    seconds from now.
    """
    parts = _parts(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    literal = _literal(host)
    if literal is not None:
        _allow(literal, host)
        addresses = [literal]
    elif not resolve:
        return None
    else:
        if deadline is None:
            deadline = time.monotonic() + settings.WEBHOOK_TIMEOUT
        addresses = _resolve(host, port, deadline)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port, path, tuple(dict.fromkeys(map(str, addresses))))


def _parts(url: str) -> SplitResult:
    url = (url or "").strip()
    scheme = url.partition(":")[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise ValidationError(
            "Use an https:// (or http://) address: other kinds of address are not sent to.",
            code="scheme",
        )
    if not _URL_CHARACTERS.fullmatch(url):
        raise ValidationError(
            "Write the address in plain ASCII: a host in another alphabet in its xn-- form; "
            "spaces, quotes, angle brackets and other characters percent-encoded.",
            code="ascii",
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises for a port that is not a number in range)
    except ValueError:
        raise ValidationError("Enter a valid web address.", code="invalid") from None
    if "@" in parts.netloc:
        raise ValidationError(
            "Leave the user name and password out of the address: the signature says the "
            "message is from the site.",
            code="userinfo",
        )
    if parts.hostname and _looks_numeric(parts.hostname):
        raise ValidationError(
            "Write an IP address as four numbers separated by dots (e.g. 203.0.113.7), "
            "or use the host's name.",
            code="numeric_host",
        )
    try:
        _syntax(url)
    except ValidationError:
        raise ValidationError("Enter a valid web address.", code="invalid") from None
    return parts


def _looks_numeric(host: str) -> bool:
    """Hosts like `2130706433`, `0x7f.1` or `127.1`: numbers a resolver reads as an IPv4
    address, which a name check would not catch."""
    if host.startswith("["):
        return False
    labels = host.rstrip(".").split(".")
    last = labels[-1].lower()
    if not (last.isdigit() or last.startswith("0x")):
        return False
    return _literal(host) is None


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _resolve(host: str, port: int, deadline: float) -> list[Address]:
    try:
        found = _lookup(host, port, deadline)
    except TimeoutError:
        raise ValidationError(
            "The host “%(host)s” was not found within %(seconds)g seconds.",
            code="slow_host",
            params={"host": host, "seconds": settings.WEBHOOK_TIMEOUT},
        ) from None
    except (OSError, UnicodeError):
        raise ValidationError(
            "The host “%(host)s” could not be found.", code="unknown_host", params={"host": host}
        ) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    for address in addresses:
        _allow(address, host)
    return addresses


def _lookup(host: str, port: int, deadline: float) -> list:
    """`socket.getaddrinfo`, given up with a TimeoutError at `deadline`. The system's resolver
    cannot be interrupted and waits as long as its own configuration says (each server, each
    retry), so it asks in a thread of its own, left to finish alone if the time is up."""
    answer: list = []

    def ask() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as error:
            answer.append(error)

    asking = threading.Thread(target=ask, name=f"resolve {host}", daemon=True)
    asking.start()
    asking.join(max(deadline - time.monotonic(), 0))
    if not answer:
        raise TimeoutError
    if isinstance(answer[0], Exception):
        raise answer[0]
    return answer[0]


def refusal(address: Address, *, allow_private: bool | None = None) -> str | None:
    """Why the site does not send to `address`, or None if it may. `allow_private` defaults to
    `WEBHOOKS_ALLOW_PRIVATE`."""
    if allow_private is None:
        allow_private = settings.WEBHOOKS_ALLOW_PRIVATE
    if address.version == 6 and address.ipv4_mapped is not None:
        return refusal(address.ipv4_mapped, allow_private=allow_private)
    for carried in _carried_ipv4(address):
        # A receiver on the site's own network is reached at its own address: a tunnel's
        # address that a relay takes inside the network is never one, whatever the setting.
        if (kind := refusal(carried, allow_private=False)) is not None:
            return kind
    if address.version == 6 and (address.sixtofour is not None or address in _NAT64):
        return None
    if address in _THIS_NETWORK or address.is_unspecified:
        return "an unspecified"
    if address.is_loopback:
        return None if allow_private else "a loopback"
    for kind, test in (
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a reserved", address.is_reserved),
    ):
        if test:
            return kind
    if any(address in network for network in _PRIVATE):
        return None if allow_private else "a private"
    # Documentation, benchmarking, protocol assignments, Teredo: no receiver is there.
    return None if address.is_global else "a reserved"


def _carried_ipv4(address: Address) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses a 6to4, NAT64 or Teredo address reaches through its relay."""
    if address.version != 6:
        return ()
    if address.sixtofour is not None:
        return (address.sixtofour,)
    if address in _NAT64:
        return (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF),)
    return address.teredo or ()


def _allow(address: Address, host: str) -> None:
    kind = refusal(address)
    if kind is None:
        return
    if _literal(host) == address:
        message = "“%(host)s” is %(kind)s address: webhooks are sent to public addresses only."
    else:
        message = (
            "“%(host)s” resolves to “%(address)s”, %(kind)s address: webhooks are sent to "
            "public addresses only."
        )
    params = {"host": host.strip("[]"), "address": address, "kind": kind}
    raise ValidationError(message, code="not_public", params=params)
