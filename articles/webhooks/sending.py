"""One attempt: the event as a Standard Webhooks message, signed, POSTed to the checked address.

The message is `{"type": kind, "timestamp": when it happened, "data": the piece}`, with the
`webhook-id` (the same on every attempt), `webhook-timestamp` (this attempt's) and
`webhook-signature` headers. The connection goes to an address `addresses.check_url` allowed
just now, with the URL's own host for TLS and the `Host` header; redirects are not followed and
only the start of an answer is read. The whole attempt, from looking the name up to the last
byte read, has `WEBHOOK_TIMEOUT` seconds: a socket's own timeout bounds each read alone, which a
receiver answering a byte at a time would stretch without end, and the system's resolver has a
timeout of its own, often many times the site's.
"""

import http.client
import json
import socket
import ssl
import threading
import time
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks import Webhook

from articles.models import WebhookDelivery
from articles.webhooks.addresses import Target, check_url

# What of an answer is read and kept for the delivery log.
EXCERPT_BYTES = 2000
USER_AGENT = "Newsroom-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status: int | None = None
    error: str = ""
    excerpt: str = ""

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def message(delivery: WebhookDelivery, data: dict | None = None) -> bytes:
    """The body: `data`, else the payload stored with the event (a test message's)."""
    event = delivery.event
    body = {
        "type": event.kind,
        "timestamp": event.due_at.isoformat(),
        "data": data or event.payload or {"id": event.article_id},
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def signed_headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    now = timezone.now()
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, now, body)
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


def attempt(delivery: WebhookDelivery, *, data: dict | None = None) -> Outcome:
    """POST the delivery's message (with `data`, see `message`) once and say what came of it;
    never raises for the receiver's faults."""
    deadline = time.monotonic() + settings.WEBHOOK_TIMEOUT
    try:
        target = check_url(delivery.endpoint.url, deadline=deadline)
    except ValidationError as refused:
        return Outcome(error=f"Not sent: {refused.messages[0]}")
    body = message(delivery, data)
    connection = _connection(target)
    time_up = threading.Timer(max(deadline - time.monotonic(), 0), connection.cut_off)
    time_up.daemon = True
    time_up.start()
    try:
        connection.request("POST", target.path, body=body, headers=signed_headers(delivery, body))
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException) as error:
        return Outcome(error=_describe(error, cut=connection.cut))
    finally:
        time_up.cancel()
        connection.close()
    if connection.cut:  # a body cut short is read as if it had ended there
        return Outcome(error=_describe(TimeoutError()))
    error = "" if 200 <= response.status < 300 else f"HTTP {response.status} {response.reason}"
    if 300 <= response.status < 400:
        error += " (redirects are not followed)"
    return Outcome(status=response.status, error=error[:300], excerpt=excerpt)


def _describe(error: Exception, *, cut: bool = False) -> str:
    if cut or isinstance(error, TimeoutError | socket.timeout):
        return f"No answer within {settings.WEBHOOK_TIMEOUT:g} seconds."
    return (f"{type(error).__name__}: {error}")[:300]


class _Pinned:
    """A connection to a checked address, which `cut_off` ends from another thread when the
    attempt's time is up: shut down, the socket wakes whatever waits on it."""

    def pin(self, target: Target) -> None:
        self.addresses = target.addresses
        self.cut = False
        self._open = None
        self._lock = threading.Lock()

    def opened(self, sock: socket.socket) -> socket.socket:
        """`sock`, now the one `cut_off` shuts; closed at once if the time is already up."""
        with self._lock:
            if self.cut:
                sock.close()
                raise TimeoutError
            self._open = sock
        return sock

    def open_socket(self) -> socket.socket:
        """A connection to the first checked address that takes one, in turn, as any HTTP
        client tries a name's addresses: one receiver's address down is not all of it."""
        *others, last = self.addresses
        for address in others:
            try:
                return self.opened(socket.create_connection((address, self.port), self.timeout))
            except OSError:
                if self.cut:
                    raise
        return self.opened(socket.create_connection((last, self.port), self.timeout))

    def cut_off(self) -> None:
        with self._lock:
            self.cut = True
            if self._open is not None:
                # The socket's own shutdown, under TLS too: the TLS layer then reads an end.
                with suppress(OSError):
                    socket.socket.shutdown(self._open, socket.SHUT_RDWR)


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    """A connection to the checked addresses, for a URL naming `host`."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.pin(target)

    def connect(self):
        self.sock = self.open_socket()


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    """As `_PinnedHTTP`, with TLS for the URL's host: its certificate is checked for it."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self.pin(target)

    def connect(self):
        sock = self.open_socket()
        # The handshake after the TLS socket is held: a slow one is cut off too.
        sock = self._context.wrap_socket(
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.opened(sock).do_handshake()
        self.sock = sock


def _connection(target: Target) -> http.client.HTTPConnection:
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    return kind(target, settings.WEBHOOK_TIMEOUT)
