"""Hostile input one field at a time: what is refused says why and stores nothing, and what is
stored renders harmless (tags in any alphabet, spoiler marks, a megabyte of text, slugs and
addresses, a reader's subscribe form, webhook addresses)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Subscriber, WebhookEndpoint
from tests.articles.admin.article_forms import article_form
from tests.articles.hostile_everything import (
    BENIGN,
    NULL_REFUSED,
    admin_post,
    store_everything,
    tag_url,
)
from tests.factories import ArticleFactory, AuthorFactory
from tests.hostile import PAYLOADS, SSRF_URL_PAYLOADS, URL_PAYLOADS, active_content

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ('"<>", Culture', "“&lt;&gt;” cannot be a tag: use at least one letter or digit."),
        ("x" * 150, "is too long for a tag: keep it under 80 characters."),
    ],
)
def test_a_tag_without_an_address_of_its_own_is_refused(admin_client, tags, message):
    _, errors = admin_post(admin_client, "/admin/articles/article/add/", article_form(tags=tags))

    assert message in errors
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


def test_ten_thousand_topics_on_one_piece_are_refused_with_the_limit_and_kept_in_the_form(
    admin_client,
):
    tags = ", ".join(f"Topic {number}" for number in range(10_000))

    response, errors = admin_post(
        admin_client, "/admin/articles/article/add/", article_form(AuthorFactory(), tags=tags)
    )

    assert "A piece takes at most 100 tags; this one has 10000. Keep" in errors
    assert "Topic 9999" in response.content.decode()
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


def test_a_tag_in_any_alphabet_has_a_page_of_its_own(admin_client, client):
    data = article_form(AuthorFactory(), _publish="", tags="Educación, 日本語")
    response, errors = admin_post(admin_client, "/admin/articles/article/add/", data)
    assert response.status_code == 302, errors
    article = Article.objects.get()

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    for tag in article.tags.all():
        listing = client.get(tag_url(tag))
        assert listing.status_code == 200
        assert f"<h1>{tag.name}</h1>" in listing.content.decode()
        assert tag_url(tag) in page.content.decode()
        for feed in ["articles:tag-feed", "articles:tag-atom", "articles:tag-feed-json"]:
            assert client.get(reverse(feed, kwargs={"slug": tag.slug})).status_code == 200
    filtered = client.get("/news/", {"tag": article.tags.get(name="Educación").slug})
    assert list(filtered.context["articles"]) == [article]


def test_a_spoiler_passage_keeps_its_mark_and_loses_its_handlers(client):
    article = ArticleFactory(
        slug="marked",
        body='<p>Before <span class="spoiler" onmouseover="alert(1)" style="color:red">the '
        'twist</span> <span class="spoiler"><script>alert(1)</script>after</span></p>',
    )
    article.refresh_from_db()

    assert "onmouseover" not in article.body
    assert "<script" not in article.body
    html = client.get(article.get_absolute_url()).content.decode()
    assert "the twist" in html
    plain = ArticleFactory(slug="plain", body="<p>Before the twist.</p>")
    assert not active_content(html) - active_content(
        client.get(plain.get_absolute_url()).content.decode()
    )


def test_null_characters_are_refused_with_a_clear_message(admin_client):
    response, errors = admin_post(
        admin_client,
        "/admin/articles/author/add/",
        {"name": PAYLOADS["null-and-controls"], "slug": "nul", "bio": "a\x00b"},
    )

    assert response.status_code == 200
    assert errors.count(NULL_REFUSED) == 2
    assert not Author.objects.exists()


def test_a_megabyte_of_rich_text_is_stored_sanitised_and_served(admin_client, client, make_upload):
    objects = store_everything(admin_client, make_upload, BENIGN, "big")
    article = objects["article"]
    paragraph = "".join(f"<p>{payload} and some words.</p>" for payload in PAYLOADS.values())
    body = (paragraph * (1024 * 1024 // len(paragraph) + 1))[: 1024 * 1024]
    Article.objects.filter(pk=article.pk).update(body="")  # the stored value is replaced below
    article.refresh_from_db()
    article.body = body
    article.save()
    article.refresh_from_db()

    assert len(article.body) > 200_000
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    plain = ArticleFactory(slug="plain", body="<p>Plain words.</p>")
    assert not active_content(response.content.decode()) - active_content(
        client.get(plain.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "form",
    [
        {"body": "<p>" + "word " * 1_300_000 + "</p>"},
        {f"field-{number}": "x" for number in range(1500)},
    ],
    ids=["six megabytes of text", "1500 fields"],
)
def test_a_form_too_large_to_read_says_so_and_saves_nothing(admin_client, form):
    article = ArticleFactory(headline="As it was")

    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form(AuthorFactory(), headline="Changed") | form,
    )

    assert response.status_code == 413
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "<h1>Too large to save</h1>" in page
    assert "at most 5 MB of text and 1,000 fields" in page
    assert "Nothing was saved" in page
    article.refresh_from_db()
    assert article.headline == "As it was"


def test_a_megabyte_in_a_short_field_is_refused_with_its_limit(admin_client):
    _, errors = admin_post(
        admin_client,
        "/admin/articles/author/add/",
        {"name": "x" * 1024 * 1024, "slug": "big"},
    )

    assert "Ensure this value has at most 120 characters (it has 1048576)." in errors
    assert not Author.objects.exists()


@pytest.mark.parametrize("payload", list(PAYLOADS.values())[:8], ids=str)
def test_a_hostile_slug_is_refused_with_a_clear_message(admin_client, payload):
    response, errors = admin_post(
        admin_client, "/admin/articles/author/add/", {"name": "Dana", "slug": payload}
    )

    assert response.status_code == 200
    assert "Enter a valid “slug”" in errors
    assert not Author.objects.exists()


@pytest.mark.parametrize("payload", URL_PAYLOADS.values(), ids=URL_PAYLOADS.keys())
def test_a_hostile_profile_or_origin_url_is_refused_or_rendered_harmless(
    admin_client, client, payload
):
    response, errors = admin_post(
        admin_client,
        "/admin/articles/author/add/",
        {"name": "Dana", "slug": "dana", "linkedin_url": payload, "website_url": payload},
    )

    if response.status_code == 200:
        assert errors.count("Enter a full web address starting with https://.") == 2
        assert not Author.objects.exists()
        return
    # Accepted: a real https address whose odd characters are only ever written escaped.
    author = Author.objects.get()
    assert author.linkedin_url.startswith("https://")
    article = Article.objects.create(
        headline="A piece",
        slug="a-piece",
        body="<p>Text.</p>",
        status="published",
        published_at=timezone.now(),
        origin_url=author.linkedin_url,
    )
    article.bylines.create(author=author)
    for url in [author.get_absolute_url(), article.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html
        assert " onmouseover=alert(1)" not in html


# A reader's hostile input: the subscribe form of email alerts.


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_payload_in_the_subscribe_form_is_refused_and_shown_as_text(client, payload):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    plain = client.get("/news/alerts/").content.decode()
    data = {
        "email": payload,
        "kinds": payload,
        "tags": payload,
        "authors": [str(author.pk), payload],
        "frequency": payload,
        "everything": payload,
    }

    response = client.post("/news/alerts/", data, HTTP_SEC_FETCH_SITE="same-origin")

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"email", "kinds", "authors", "frequency"}
    assert not Subscriber.objects.exists()
    added = active_content(response.content.decode()) - active_content(plain)
    assert not added, f"the payload added {dict(added)}"


WEBHOOK_URL_PAYLOADS = {**URL_PAYLOADS, **SSRF_URL_PAYLOADS}
WEBHOOK_URL_REFUSALS = (
    "Use an https:// (or http://) address",
    "Write the address in plain ASCII",
    "Leave the user name and password out",
    "Write an IP address as four numbers",
    "Enter a valid web address.",
    "webhooks are sent to public addresses only.",
)


@pytest.mark.parametrize("payload", WEBHOOK_URL_PAYLOADS.values(), ids=WEBHOOK_URL_PAYLOADS.keys())
def test_a_hostile_webhook_address_is_refused_with_a_clear_message(admin_client, dns, payload):
    dns["evil.example"] = ["10.0.0.1"]
    response, errors = admin_post(
        admin_client,
        "/admin/articles/webhookendpoint/add/",
        {"url": payload, "events": ["article.published"], "active": "on"},
    )

    assert response.status_code == 200
    assert any(refusal in errors for refusal in WEBHOOK_URL_REFUSALS), errors
    assert not WebhookEndpoint.objects.exists()
