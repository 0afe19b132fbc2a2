"""A real SMTP server on loopback (aiosmtpd) for the alert tests, and what they share: the
database task queue, a clock to move, and a change made while a run waits between batches."""

import email
import email.policy
import logging
import re
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from articles.alerts import sending
from tests.factories import ArticleFactory


@dataclass
class Received:
    """One message as the SMTP server received it."""

    sender: str
    recipients: list[str]
    raw: bytes
    peer: tuple

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    def header(self, name: str) -> str:
        """The header unfolded: long ones arrive on a continuation line."""
        return str(self.message[name] or "").strip()

    @property
    def subject(self) -> str:
        return self.header("Subject")

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()

    @property
    def everything(self) -> str:
        """The message as any reader of it could see it: the raw bytes, every header decoded
        and every part decoded."""
        message = self.message
        headers = "\n".join(f"{name}: {value}" for name, value in message.items())
        parts = [part.get_content() for part in message.walk() if not part.is_multipart()]
        return "\n".join([self.raw.decode("utf-8", "replace"), headers, *parts])

    def link(self, pattern: str) -> str:
        """The path of the first link in the plain text that matches `pattern` (a path regex)."""
        found = re.search(rf"http://testserver({pattern})", self.text)
        assert found, f"no link matching {pattern!r} in:\n{self.text}"
        return found.group(1)


@dataclass
class Mailbox:
    """What the server received, recipients it refuses (address → SMTP reply), and the reply to
    every sender address when it refuses them."""

    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    # The reply to every sender address, when set (a relay refusing the site's From address).
    refuse_sender: str = ""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.peer)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [message for message in self.messages if address in message.recipients]

    def recipients(self) -> list[str]:
        """Every address sent a message, sorted."""
        return sorted(address for message in self.messages for address in message.recipients)

    def clear(self) -> None:
        self.messages.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    """An SMTP server on 127.0.0.1, and Django's email sent to it through its SMTP backend."""
    box = Mailbox()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ):
            yield box
    finally:
        controller.stop()


def published_piece(**fields):
    return ArticleFactory(**fields)


@pytest.fixture
def between_batches(settings, monkeypatch, mailbox):
    """Calls what the test gives it once, while the run waits for its rate after the first
    batch (the time an editor's withdrawal falls in); no real waiting."""
    settings.ALERTS_BATCH = 2
    settings.ALERTS_RATE = 1
    now = [0.0]
    todo = []

    def sleep(seconds):
        now[0] += seconds
        if todo and len(mailbox.messages) == settings.ALERTS_BATCH:
            todo.pop()()

    monkeypatch.setattr(sending, "clock", lambda: now[0])
    monkeypatch.setattr(sending, "sleep", sleep)
    return todo.append
