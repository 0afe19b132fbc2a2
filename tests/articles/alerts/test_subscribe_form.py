"""The subscribe form on reader pages: prefilled with what each page is about and kept with it,
CSRF without a token in a kept page, forged tokens and keys, and choices that cannot be
made."""

import re

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Subscriber
from tests.articles.alerts.form import SAME_ORIGIN, SUBSCRIBE
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


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
