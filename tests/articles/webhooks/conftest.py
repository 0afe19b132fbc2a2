"""A webhook receiver on loopback: a real HTTP server that verifies every message's signature
with the `standardwebhooks` library and notes what it saw."""

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from articles.models import WebhookEndpoint


@dataclass
class Message:
    id: str
    type: str
    data: dict
    timestamp: str
    headers: dict


@dataclass
class Receiver:
    url: str = ""
    secret: str = ""
    # What it answers, in turn; once these run out, 200.
    answers: list[int] = field(default_factory=list)
    seen: list[Message] = field(default_factory=list)
    forged: list[bytes] = field(default_factory=list)
    # Called with each message before it is answered: what happens while it is under way.
    meanwhile: Callable[[], None] | None = None
    # The body of each answer, with its content type; by default `{"status": …}` as JSON.
    reply: tuple[bytes, str] | None = None

    @property
    def kinds(self) -> list[str]:
        return [message.type for message in self.seen]

    def take(self, body: bytes, headers: dict) -> int:
        try:
            parsed = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            self.forged.append(body)
            return 401
        self.seen.append(
            Message(
                headers["webhook-id"], parsed["type"], parsed["data"], parsed["timestamp"], headers
            )
        )
        return self.answers.pop(0) if self.answers else 200


@pytest.fixture
def receiver(settings, dns):
    """The server, listening on 127.0.0.1 for the length of a test; loopback allowed."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    found = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            if found.meanwhile is not None:
                found.meanwhile()
            status = found.take(body, {k.lower(): v for k, v in self.headers.items()})
            self.send_response(status)
            if status in (301, 302, 307, 308):
                self.send_header("location", "http://127.0.0.1:9/elsewhere")
            reply, kind = found.reply or (
                json.dumps({"status": status}).encode(),
                "application/json",
            )
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    found.url = f"http://127.0.0.1:{server.server_port}/hooks/newsroom"
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(receiver):
    """An endpoint for every kind of event, sending to the receiver."""
    registered = WebhookEndpoint.objects.create(url=receiver.url, description="Partner feed")
    receiver.secret = registered.secret
    return registered
