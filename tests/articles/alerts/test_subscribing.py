"""The subscribe form: prefilled on reader pages and kept with them, CSRF without a token in a
kept page, the same answer for every address, rate limits, hostile addresses, signed links."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from taggit.models import Tag

from articles.alerts import tokens
from articles.models import Subscriber
from tests.factories import ArticleFactory, AuthorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/news/alerts/"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def signup_form(html: str) -> str:
    found = re.search(r'<section class="alerts-signup".*?</section>', html, re.DOTALL)
    assert found, "the page has no subscribe form"
    return found.group(0)


def checked(form: str) -> set[tuple[str, str]]:
    """(name, value) of the ticked boxes of a form."""
    found = set()
    for tag in re.findall(r"<input[^>]*>", form):
        if " checked" in tag and 'type="checkbox"' in tag:
            name = re.search(r'name="([^"]*)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            found.add((name, value.group(1) if value else "on"))
    return found


# The form on reader pages.


@pytest.fixture
def site():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    marcus = AuthorFactory(name="Marcus Ellis", slug="marcus-ellis")
    article = ArticleFactory(
        slug="a-story", kind="op-ed", authors=[dana, marcus], tag_names=["Television"]
    )
    return {"article": article, "dana": dana, "marcus": marcus, "tag": Tag.objects.get()}


def test_each_reader_page_offers_what_it_is_about(client, site):
    dana, marcus, tag = site["dana"], site["marcus"], site["tag"]
    pages = {
        "/news/": {("everything", "on")},
        "/news/?kind=op-ed": {("kinds", "op-ed")},
        "/news/?tag=television": {("tags", str(tag.pk))},
        "/news/authors/dana-whitfield/": {("authors", str(dana.pk))},
        "/news/tags/television/": {("tags", str(tag.pk))},
        "/news/a-story/": {("authors", str(dana.pk))},
    }
    for url, ticked in pages.items():
        form = signup_form(client.get(url).content.decode())
        assert checked(form) == ticked, url
        assert 'action="/news/alerts/"' in form
        assert 'method="post"' in form
    article = signup_form(client.get("/news/a-story/").content.decode())
    assert "Pieces by Marcus Ellis" in article
    assert "Pieces about Television" in article
    assert f'value="{marcus.pk}"' in article


def test_the_form_on_a_kept_page_carries_no_token_and_sets_no_cookie(client, site):
    client.get("/news/authors/dana-whitfield/")
    kept = client.get("/news/authors/dana-whitfield/")

    assert kept["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in kept.content.decode()
    assert not kept.cookies


def test_a_reader_served_a_kept_page_subscribes_in_one_step(site, mailbox):
    dana = site["dana"]
    browser = Client(enforce_csrf_checks=True)
    browser.get("/news/authors/dana-whitfield/")
    page = browser.get("/news/authors/dana-whitfield/")
    assert page["X-Page-Cache"] == "hit"

    # What a browser sends for the form of a page of this site.
    response = browser.post(
        SUBSCRIBE,
        {"email": "reader@example.com", "authors": str(dana.pk), "frequency": "daily"},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 303
    subscriber = Subscriber.objects.get()
    assert list(subscriber.authors.all()) == [dana]
    assert subscriber.frequency == "daily"
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://news.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["no-headers", "cross-site", "same-site", "other-origin", "null-origin"],
)
def test_a_post_not_shown_to_come_from_the_site_sends_nothing_until_confirmed(
    site, mailbox, headers
):
    browser = Client(enforce_csrf_checks=True)
    data = {"email": "reader@example.com", "everything": "on", "frequency": "instant"}

    response = browser.post(SUBSCRIBE, data, **headers)

    assert response.status_code == 200
    html = response.content.decode()
    assert "One more step" in html
    assert 'value="reader@example.com"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert not Subscriber.objects.exists()
    assert not mailbox.messages

    # The page's own form carries a token: sent back, it subscribes.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(SUBSCRIBE, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert len(mailbox.messages) == 1


def test_a_forged_token_subscribes_nobody(site, mailbox):
    browser = Client(enforce_csrf_checks=True)
    browser.get(SUBSCRIBE)
    data = {"email": "reader@example.com", "everything": "on", "frequency": "instant"}

    response = browser.post(SUBSCRIBE, {**data, "csrfmiddlewaretoken": "x" * 64})

    assert response.status_code == 200
    assert "One more step" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_whole_form_is_prefilled_from_its_address(client, site):
    dana, tag = site["dana"], site["tag"]

    html = client.get(
        SUBSCRIBE, {"authors": dana.pk, "tags": tag.pk, "kinds": "op-ed", "frequency": "daily"}
    ).content.decode()

    assert re.search(rf'name="authors" value="{dana.pk}"[^>]*checked', html)
    assert re.search(rf'name="tags" value="{tag.pk}"[^>]*checked', html)
    assert re.search(r'name="kinds" value="op-ed"[^>]*checked', html)
    assert re.search(r'name="frequency" value="daily"[^>]*checked', html)
    assert "Marcus Ellis" not in html, "only the authors asked for are offered"


def test_an_author_or_topic_without_public_pieces_cannot_be_chosen(client, mailbox):
    hidden = AuthorFactory(name="Unannounced Hire")
    ArticleFactory(authors=[hidden], status="draft", published_at=None)

    page = client.get(SUBSCRIBE, {"authors": hidden.pk}).content.decode()
    response = client.post(
        SUBSCRIBE,
        {"email": "reader@example.com", "authors": str(hidden.pk), "frequency": "instant"},
        **SAME_ORIGIN,
    )

    assert "Unannounced Hire" not in page
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("key", [str(10**30), str(2**63), "-1", "0", "1.5", "x"])
def test_a_key_that_can_name_no_row_is_refused(client, mailbox, key):
    page = client.get(SUBSCRIBE, {"tags": key, "authors": key})
    response = client.post(
        SUBSCRIBE,
        {"email": "reader@example.com", "tags": key, "authors": key, "frequency": "instant"},
        **SAME_ORIGIN,
    )

    assert page.status_code == 200
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_choosing_nothing_is_refused(client, mailbox):
    response = client.post(
        SUBSCRIBE, {"email": "reader@example.com", "frequency": "instant"}, **SAME_ORIGIN
    )

    assert "Choose what to get" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_mail_server_that_cannot_be_reached_is_said_so_alike_for_every_address(client, settings):
    from tests.articles.alerts.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    SubscriberFactory(email="subscribed@example.com")
    answers = []
    for address in ["new@example.com", "subscribed@example.com"]:
        response = client.post(
            SUBSCRIBE, {"email": address, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
        )
        assert response.status_code == 503
        assert "We could not send the email just now" in response.content.decode()
        # The page differs only by the address typed and its form's (random) CSRF token.
        page = re.sub(r'value="[^"]*@example.com"', "", response.content.decode())
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page))

    assert answers[0] == answers[1]


# No enumeration.


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_subscribed_address(client, mailbox):
    SubscriberFactory(email="waiting@example.com", confirmed_at=None)
    SubscriberFactory(email="subscribed@example.com")
    answers = []
    for address in ["new@example.com", "waiting@example.com", "SUBSCRIBED@example.com"]:
        response = client.post(
            SUBSCRIBE,
            {"email": address, "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        answers.append(
            (response.status_code, response["Location"], response.content, sorted(response.items()))
        )

    assert answers[0] == answers[1] == answers[2]
    followed = [client.get(answer[1]).content for answer in answers]
    assert followed[0] == followed[1] == followed[2]
    # Each address got one email, which only its owner reads.
    assert [len(mailbox.to(a)) for a in ["new@example.com", "waiting@example.com"]] == [1, 1]
    assert len(mailbox.to("subscribed@example.com")) == 1
    assert Subscriber.objects.count() == 3
    assert not Subscriber.objects.get(email="new@example.com").is_confirmed


# Rate limits.


def test_a_client_is_held_to_its_rate(settings, mailbox):
    settings.ALERTS_CLIENT_RATE = "2/hour"
    reader = Client(REMOTE_ADDR="203.0.113.5")
    answers = [
        reader.post(
            SUBSCRIBE,
            {"email": f"reader{n}@example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [303, 303, 429]
    assert 3000 < int(answers[2]["Retry-After"]) <= 3600
    assert "Too many requests" in answers[2].content.decode()
    assert len(mailbox.messages) == 2
    other = Client(REMOTE_ADDR="203.0.113.6")
    assert (
        other.post(
            SUBSCRIBE,
            {"email": "reader9@example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        ).status_code
        == 303
    )


def test_an_address_gets_few_emails_whoever_asks_and_the_answer_does_not_change(settings, mailbox):
    settings.ALERTS_ADDRESS_RATE = "2/hour"
    answers = []
    for n in range(4):
        asker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        response = asker.post(
            SUBSCRIBE,
            {"email": "Victim@Example.com", "everything": "on", "frequency": "instant"},
            **SAME_ORIGIN,
        )
        answers.append((response.status_code, response["Location"], response.content))

    assert len(set(answers)) == 1
    assert len(mailbox.messages) == 2


# Hostile addresses.

HOSTILE_ADDRESSES = {
    "header-injection-crlf": ("reader@example.com\r\nBcc: victim@example.com", "one line"),
    "header-injection-lf": ("reader@example.com\nBcc: victim@example.com", "one line"),
    "two-addresses": ("reader@example.com, victim@example.com", "space"),
    "two-addresses-comma": ("reader@example.com,victim@example.com", "valid email address"),
    "angle-brackets": ("Reader <reader@example.com>", "space"),
    "huge": ("a" * 1_000_000 + "@example.com", "at most 254 characters"),
    "long-local-part": ("a" * 250 + "@example.com", "at most 254 characters"),
    "nul": ("reader\x00@example.com", "Null characters are not allowed"),
    "zero-width-space": ("reader@exam\u200bple.com", "invisible"),
    "right-to-left-override": ("\u202emoc.elpmaxe@redaer", "invisible"),
    "full-width-domain": ("reader@ｅｘａｍｐｌｅ.com", "only look like letters"),
    "cyrillic-local-part": ("rеader@example.com", "plain letters"),
    "no-domain-dot": ("reader@localhost", "at a domain"),
    "domain-literal": ("reader@[127.0.0.1]", "at a domain"),
    "quoted-spaces": ('"read er"@example.com', "space"),
    "two-ats": ("reader@evil.example@example.com", "valid email address"),
    "script": ("<script>alert(1)</script>@example.com", "valid email address"),
}


@pytest.mark.parametrize(
    ("address", "message"), HOSTILE_ADDRESSES.values(), ids=HOSTILE_ADDRESSES.keys()
)
def test_a_hostile_address_is_refused_with_a_clear_error(client, mailbox, address, message):
    response = client.post(
        SUBSCRIBE, {"email": address, "everything": "on", "frequency": "instant"}, **SAME_ORIGIN
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["email"]
    assert any(message in error for error in errors), errors
    assert len(response.content) < 50_000, "the address is not echoed back whole"
    assert "<script>alert(1)" not in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mailbox.messages


def test_a_domain_in_another_alphabet_is_kept_in_its_ascii_form(client, mailbox):
    response = client.post(
        SUBSCRIBE,
        {"email": "Reader@Bücher.Example", "everything": "on", "frequency": "instant"},
        **SAME_ORIGIN,
    )

    assert response.status_code == 303
    assert Subscriber.objects.get().email == "Reader@xn--bcher-kva.example"
    assert mailbox.messages[0].recipients == ["Reader@xn--bcher-kva.example"]
    # Typed the other way, it is the same address.
    client.post(
        SUBSCRIBE,
        {"email": "reader@xn--BCHER-kva.example", "everything": "on", "frequency": "instant"},
        **SAME_ORIGIN,
    )
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("name", ["tags", "authors"])
def test_hundreds_of_choices_are_refused_before_the_database_is_asked(
    client, mailbox, name, django_assert_max_num_queries
):
    # Past DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000), Django refuses the request before any view.
    data = {"email": "reader@example.com", name: [str(n) for n in range(900)]}

    with django_assert_max_num_queries(12):
        response = client.post(SUBSCRIBE, data, **SAME_ORIGIN)

    assert response.status_code == 200
    assert "Choose at most 50." in response.context["form"].errors[name]
    assert not Subscriber.objects.exists()


# Signed links.


def confirm_link(subscriber) -> str:
    return f"/news/alerts/confirm/{tokens.confirm_token(subscriber.key)}/"


def own_token(subscriber) -> str:
    return tokens.subscriber_token(subscriber.key)


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(client, monkeypatch):
    subscriber = SubscriberFactory(confirmed_at=None)
    eight_days_ago = time.time() - timedelta(days=8).total_seconds()
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: eight_days_ago)
        link = confirm_link(subscriber)

    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed


def forged(token: str) -> list[str]:
    value, _, signature = token.rpartition(":")
    other = tokens.new_key()
    return [
        f"{value}:{'A' * len(signature)}",
        f"{other}:{signature}",
        value,
        signing.Signer(salt="another-purpose").sign(value),
        signing.Signer(key="not-the-secret-key", salt=tokens.SUBSCRIBER_SALT).sign(value),
    ]


def test_forged_links_are_not_found(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    pages = {
        "confirm": (tokens.confirm_token(subscriber.key), "/news/alerts/confirm/{}/"),
        "preferences": (own_token(subscriber), "/news/alerts/preferences/{}/"),
        "unsubscribe": (own_token(subscriber), "/news/alerts/unsubscribe/{}/"),
    }
    for token, pattern in pages.values():
        for fake in forged(token):
            assert client.get(pattern.format(fake)).status_code == 404, fake
            assert client.post(pattern.format(fake)).status_code == 404, fake
    # A link for one purpose works for no other.
    assert client.get(f"/news/alerts/confirm/{own_token(subscriber)}/").status_code == 404
    assert client.get(pattern.format(tokens.confirm_token(subscriber.key))).status_code == 404
    subscriber.refresh_from_db()
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 1


def test_the_pages_at_signed_links_are_private(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    for url in [
        confirm_link(subscriber),
        f"/news/alerts/preferences/{own_token(subscriber)}/",
        f"/news/alerts/unsubscribe/{own_token(subscriber)}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_confirmation_link_after_unsubscribing_is_not_found(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    link = confirm_link(subscriber)
    subscriber.delete()

    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404


@pytest.mark.parametrize(
    ("frequency", "promise"),
    [
        ("instant", "As each piece is published. Corrections too."),
        ("daily", "Once a day, in one email. Corrections too, as they are made."),
    ],
)
def test_the_confirmation_says_when_corrections_come(frequency, promise):
    from articles.alerts import messages

    subscriber = SubscriberFactory(frequency=frequency, wants_corrections=True)

    email = messages.confirmation(subscriber, url="https://news.example/confirm/")

    assert promise in email.body
    assert promise in email.alternatives[0][0]
