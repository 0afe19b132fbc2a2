"""Receivers must be on public hosts: addresses inside the network are refused however they are
written, when the endpoint is saved and again when each message is sent."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, WebhookDelivery, WebhookEndpoint
from articles.webhooks.addresses import Target, check_url
from articles.workflow import publishing
from tests.factories import ArticleFactory

PUBLIC = "93.184.216.34"
NOT_PUBLIC = "webhooks are sent to public addresses only"

REFUSED = {
    "file": ("file:///etc/passwd", "Use an https:// (or http://) address"),
    "gopher": ("gopher://127.0.0.1:70/_stats", "Use an https:// (or http://) address"),
    "ftp": ("ftp://files.example.com/", "Use an https:// (or http://) address"),
    "javascript": ("javascript:alert(1)", "Use an https:// (or http://) address"),
    "no-scheme": ("//hooks.example.com/", "Use an https:// (or http://) address"),
    "userinfo": ("https://user:secret@hooks.example.com/", "Leave the user name and password"),
    "userinfo-trick": ("http://hooks.example.com@127.0.0.1/", "Leave the user name and password"),
    "decimal": ("http://2130706433/", "as four numbers separated by dots"),
    "hex": ("http://0x7f000001/", "as four numbers separated by dots"),
    "short": ("http://127.1/", "as four numbers separated by dots"),
    "octal": ("http://0177.0.0.1/", "as four numbers separated by dots"),
    "unicode-host": ("https://exämple.com/hook", "Write the address in plain ASCII"),
    "fullwidth-digits": ("http://１２７.0.0.1/", "Write the address in plain ASCII"),
    "space": ("https://hooks.example.com/ onmouseover=alert(1)", "Write the address in plain"),
    "bad-port": ("http://hooks.example.com:99999/", "Enter a valid web address"),
    "loopback": ("http://127.0.0.1:8000/hook", "“127.0.0.1” is a loopback address"),
    "loopback-ipv6": ("http://[::1]/", "“::1” is a loopback address"),
    "mapped-ipv6": ("http://[::ffff:127.0.0.1]/", "is a loopback address"),
    "6to4": ("http://[2002:7f00:1::]/", "is a loopback address"),
    "private": ("http://10.0.0.5/", "“10.0.0.5” is a private address"),
    "private-192": ("https://192.168.1.1:8443/", "is a private address"),
    "shared": ("http://100.64.0.1/", "is a private address"),
    "unique-local": ("http://[fd00::1]/", "is a private address"),
    "site-local-ipv6": ("http://[fec0::1]/hook", "is a private address"),
    "metadata": ("http://169.254.169.254/latest/meta-data/", "is a link-local address"),
    "link-local-ipv6": ("http://[fe80::1]/", "is a link-local address"),
    "unspecified": ("http://0.0.0.0/", "is an unspecified address"),
    "benchmarking": ("http://198.18.0.1/", "“198.18.0.1” is a reserved address"),
    "teredo": ("http://[2001:0:5ef5:79fb:0:59d:a0e5:ba1]/", "is a reserved address"),
    "multicast": ("http://224.0.0.1/", "is a multicast address"),
    "multicast-ipv6": ("http://[ff02::1]/", "is a multicast address"),
    "reserved": ("http://240.0.0.1/", "is a reserved address"),
    "localhost": ("http://localhost:8000/", "“localhost” resolves to"),
    "unknown": ("https://nowhere.invalid/", "The host “nowhere.invalid” could not be found."),
}


@pytest.mark.parametrize(("url", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_an_address_inside_the_network_or_oddly_written_is_refused_clearly(dns, url, message):
    with pytest.raises(ValidationError) as refused:
        check_url(url)

    assert message in refused.value.messages[0]


def test_a_name_that_resolves_inside_the_network_is_refused_naming_the_address(dns):
    dns["intranet.example.com"] = ["10.1.2.3"]
    dns["half.example.com"] = [PUBLIC, "192.168.0.7"]

    for host, address in [("intranet.example.com", "10.1.2.3"), ("half", "192.168.0.7")]:
        name = host if "." in host else f"{host}.example.com"
        with pytest.raises(ValidationError) as refused:
            check_url(f"https://{name}/hook")
        assert refused.value.messages == [
            f"“{name}” resolves to “{address}”, a private address: {NOT_PUBLIC}."
        ]


def test_a_public_address_on_any_port_is_allowed(dns):
    dns["hooks.example.com"] = [PUBLIC]

    assert check_url("https://hooks.example.com:8443/in?source=news") == Target(
        "https", "hooks.example.com", 8443, "/in?source=news", (PUBLIC,)
    )
    assert check_url(f"http://{PUBLIC}") == Target("http", PUBLIC, 80, "/", (PUBLIC,))
    assert check_url("http://[2606:2800:220:1::1]/").addresses == ("2606:2800:220:1::1",)


# What is never a receiver, private addresses allowed or not: a "this network" or unspecified
# address, link-local, multicast, broadcast and reserved ones, and a tunnel's address (6to4,
# Teredo, NAT64) that a relay takes to an IPv4 address inside the network. A receiver on the
# site's own network is reached at its own address, not through a tunnel.
NEVER = {
    "this-network": ("http://0.1.2.3/", "“0.1.2.3” is an unspecified address"),
    "unspecified": ("http://0.0.0.0/", "is an unspecified address"),
    "unspecified-ipv6": ("http://[::]/", "is an unspecified address"),
    "metadata": ("http://169.254.169.254/", "is a link-local address"),
    "multicast": ("http://224.0.0.1/", "is a multicast address"),
    "broadcast": ("http://255.255.255.255/", "is a reserved address"),
    "documentation": ("http://192.0.2.10/", "is a reserved address"),
    "6to4-private": ("http://[2002:a00:5::]/", "“2002:a00:5::” is a private address"),
    "6to4-loopback": ("http://[2002:7f00:1::]/", "is a loopback address"),
    "6to4-this-network": ("http://[2002:1:203::]/", "is an unspecified address"),
    "nat64-private": ("http://[64:ff9b::c0a8:101]/", "is a private address"),
    "teredo-private-server": ("http://[2001:0:a00:5::]/", "is a private address"),
    "teredo-private-client": ("http://[2001:0:5ef5:79fb::f5ff:fffa]/", "is a private address"),
    "teredo-loopback-client": ("http://[2001:0:5ef5:79fb::80ff:fffe]/", "is a loopback address"),
}


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "private-allowed"])
@pytest.mark.parametrize(("url", "message"), NEVER.values(), ids=NEVER.keys())
def test_addresses_that_are_never_a_receiver_are_refused_whatever_the_setting(
    dns, settings, allow_private, url, message
):
    settings.WEBHOOKS_ALLOW_PRIVATE = allow_private

    with pytest.raises(ValidationError) as refused:
        check_url(url)

    assert message in refused.value.messages[0]


def test_a_name_resolving_to_a_tunnel_into_the_network_is_refused_with_private_allowed(
    dns, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    dns["tunnel.example.com"] = ["2002:a00:5::"]

    with pytest.raises(ValidationError) as refused:
        check_url("https://tunnel.example.com/hook")

    assert refused.value.messages == [
        f"“tunnel.example.com” resolves to “2002:a00:5::”, a private address: {NOT_PUBLIC}."
    ]


def test_the_setting_lets_private_and_loopback_addresses_through_but_never_link_local(
    dns, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True

    for url, address in [
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://10.0.0.5/", "10.0.0.5"),
        ("http://172.16.4.2/", "172.16.4.2"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://100.64.0.1/", "100.64.0.1"),
        ("http://[fd00::1]/", "fd00::1"),
        ("http://[::ffff:10.0.0.5]/", "::ffff:a00:5"),
    ]:
        assert check_url(url).addresses == (address,)


def test_tunnels_to_public_addresses_are_sent_to(dns):
    """6to4 and NAT64 reach the public IPv4 address they carry, as any host on the internet."""
    assert check_url("http://[2002:5db8:d822::1]/").addresses == ("2002:5db8:d822::1",)
    assert check_url("http://[64:ff9b::5db8:d822]/").addresses == ("64:ff9b::5db8:d822",)


@pytest.mark.django_db
def test_the_endpoint_is_checked_when_it_is_saved(dns):
    endpoint = WebhookEndpoint(url="http://10.0.0.5/hook", events=["article.nothing"])

    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()

    assert refused.value.message_dict == {
        "url": [f"“10.0.0.5” is a private address: {NOT_PUBLIC}."],
        "events": ["Unknown events: article.nothing."],
    }


@pytest.mark.django_db
def test_a_name_that_moved_inside_the_network_since_it_was_saved_is_not_sent_to(
    dns, django_capture_on_commit_callbacks
):
    """DNS rebinding: the name is resolved again for each attempt, and checked again."""
    dns["hooks.example.com"] = [PUBLIC]
    endpoint = WebhookEndpoint(url="https://hooks.example.com/in")
    endpoint.full_clean()
    endpoint.save()
    dns["hooks.example.com"] = ["127.0.0.1"]
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(article)

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert delivery.last_error == (
        f"Not sent: “hooks.example.com” resolves to “127.0.0.1”, a loopback address: {NOT_PUBLIC}."
    )
    assert delivery.next_attempt_at > timezone.now()


@pytest.mark.django_db
def test_the_message_goes_to_the_address_checked_with_the_name_in_its_host_header(
    dns, receiver, django_capture_on_commit_callbacks
):
    port = receiver.url.split(":")[2].split("/")[0]
    dns["receiver.example.com"] = ["127.0.0.1"]
    endpoint = WebhookEndpoint.objects.create(url=f"http://receiver.example.com:{port}/in")
    receiver.secret = endpoint.secret

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(ArticleFactory(status=Article.Status.DRAFT, published_at=None))

    [message] = receiver.seen
    assert message.headers["host"] == f"receiver.example.com:{port}"


@pytest.mark.django_db
def test_a_name_with_several_addresses_is_reached_at_the_next_when_one_refuses(
    dns, receiver, django_capture_on_commit_callbacks
):
    """As any HTTP client does: every address the name has was checked, and each is tried in
    turn until one answers (127.0.0.2, loopback too, has nothing listening)."""
    port = receiver.url.split(":")[2].split("/")[0]
    dns["receiver.example.com"] = ["127.0.0.2", "127.0.0.1"]
    endpoint = WebhookEndpoint.objects.create(url=f"http://receiver.example.com:{port}/in")
    receiver.secret = endpoint.secret

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(ArticleFactory(status=Article.Status.DRAFT, published_at=None))

    assert receiver.kinds == ["article.published"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
