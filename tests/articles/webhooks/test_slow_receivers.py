"""A receiver gets `WEBHOOK_TIMEOUT` seconds for the whole of an attempt, from looking its name
up to the end of its answer: one that answers a byte at a time, each within the timeout, is cut
off when the time is up, as one that does not answer at all is, or whose name the resolver is
slow to find, and does not hold the worker (or an editor's test message) any longer."""

import socket
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, WebhookDelivery, WebhookEndpoint
from articles.webhooks.delivery import send_test
from articles.workflow import publishing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# What a slow receiver answers: at once, then a byte at a time. Its headers trickle in, or its
# status and headers come at once and the body of the length they state trickles in.
SLOW_HEADERS = (b"", b"HTTP/1.1 200 OK\r\nx-padding: " + b"." * 100 + b"\r\n\r\n")
SLOW_BODY = (b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n", b"." * 100)
# A TLS handshake record that says it is 256 bytes long, and its bytes.
SLOW_HANDSHAKE = (b"\x16\x03\x03\x01\x00", b"\x00" * 100)


@pytest.fixture
def trickle(settings, dns):
    """A receiver on loopback that reads the request, then writes the first part of
    `trickle.answer` and the second one byte every tenth of a second; its address is
    `trickle.url`."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.WEBHOOK_TIMEOUT = 1
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    class Trickle:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/hooks"
        answer = SLOW_HEADERS
        requests = 0

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.recv(65536)
                Trickle.requests += 1
                at_once, slowly = Trickle.answer
                connection.sendall(at_once)
                for byte in slowly:
                    if stop.is_set():
                        break
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(0.1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield Trickle
    stop.set()
    thread.join()
    listener.close()


@pytest.mark.parametrize(
    ("scheme", "answer"),
    [("http", SLOW_HEADERS), ("http", SLOW_BODY), ("https", SLOW_HANDSHAKE)],
    ids=["headers", "body", "tls-handshake"],
)
def test_a_receiver_answering_a_byte_at_a_time_is_cut_off_at_the_timeout(
    trickle, scheme, answer, changes, settings
):
    trickle.answer = answer
    settings.WEBHOOK_RETRY_DELAYS = [600]
    WebhookEndpoint.objects.create(url=trickle.url.replace("http:", f"{scheme}:"))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    started = time.monotonic()
    changes(publishing.publish, article)
    took = time.monotonic() - started

    assert trickle.requests == 1
    assert took < 4, f"the attempt took {took:.1f}s with a timeout of 1s"
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.last_status_code is None
    assert delivery.last_error == "No answer within 1 seconds."
    assert delivery.attempts == 1  # to be retried


def test_an_editors_test_message_to_a_slow_receiver_ends_at_the_timeout(trickle):
    endpoint = WebhookEndpoint.objects.create(url=trickle.url)

    started = time.monotonic()
    sent = send_test(endpoint)
    took = time.monotonic() - started

    assert took < 4, f"the test message took {took:.1f}s with a timeout of 1s"
    assert sent.delivered_at is None
    assert sent.last_error == "No answer within 1 seconds."


@pytest.fixture
def slow_names(dns, monkeypatch):
    """Names of `dns` that the resolver takes the seconds given here to answer for
    (`slow_names["hooks.example.com"] = 0.6`), as a resolver whose servers are slow to answer
    or unreachable holds the one who asks."""
    delays: dict[str, float] = {}
    done = threading.Event()
    answer = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host in delays:
            done.wait(delays[host])
        return answer(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield delays
    done.set()


def test_a_name_the_resolver_is_slow_to_find_is_given_up_at_the_timeout(
    receiver, dns, slow_names, changes, settings
):
    settings.WEBHOOK_TIMEOUT = 1
    port = receiver.url.split(":")[2].split("/")[0]
    dns["receiver.example.com"] = ["127.0.0.1"]
    slow_names["receiver.example.com"] = 30
    endpoint = WebhookEndpoint.objects.create(url=f"http://receiver.example.com:{port}/in")
    receiver.secret = endpoint.secret
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    changes(publishing.publish, article)

    assert receiver.seen == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.last_error == (
        "Not sent: The host “receiver.example.com” was not found within 1 seconds."
    )
    assert delivery.attempts == 1  # to be retried


def test_the_time_the_name_took_to_find_counts_towards_the_timeout(
    receiver, dns, slow_names, changes, settings
):
    """A lookup of 0.6 seconds and an answer 0.6 seconds after the request are more than the
    attempt's one second, though each alone is less."""
    settings.WEBHOOK_TIMEOUT = 1
    port = receiver.url.split(":")[2].split("/")[0]
    dns["receiver.example.com"] = ["127.0.0.1"]
    slow_names["receiver.example.com"] = 0.6
    receiver.meanwhile = lambda: time.sleep(0.6)
    endpoint = WebhookEndpoint.objects.create(url=f"http://receiver.example.com:{port}/in")
    receiver.secret = endpoint.secret
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    changes(publishing.publish, article)

    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.last_error == "No answer within 1 seconds."


def test_an_endpoint_whose_name_the_resolver_is_slow_to_find_is_refused_at_the_timeout(
    dns, slow_names, settings
):
    settings.WEBHOOK_TIMEOUT = 1
    dns["hooks.example.com"] = ["93.184.216.34"]
    slow_names["hooks.example.com"] = 30
    endpoint = WebhookEndpoint(url="https://hooks.example.com/in", events=[])

    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()

    assert refused.value.message_dict["url"] == [
        "The host “hooks.example.com” was not found within 1 seconds."
    ]
