"""Hostile text in every field an editor can write, stored through the admin and then rendered.

Each payload is stored in every field at once, as a contributor could, then every public page and
admin page that shows those fields, and the email alert of the piece, is compared with the same
pages for plain text: the payload may change the words on the page, never add anything that
could run, restyle or redirect it.
"""

from collections import Counter
from html import escape

import pytest
from django.core import mail

from articles.alerts.sending import send_instant_alerts
from articles.models import Article, MediaKitItem, Subscriber
from tests.articles.hostile_everything import (
    BENIGN,
    api_answers_showing,
    api_text,
    pages_showing,
    store_everything,
)
from tests.factories import SubscriberFactory
from tests.hostile import PAYLOADS, active_content

pytestmark = pytest.mark.django_db

# What each page may legitimately contain, measured once with plain text in every field.
_BASELINE: dict[str, Counter] = {}


def page_kind(name: str) -> str:
    for kind in ("tag", "api tag"):
        if name.startswith(f"{kind} "):
            return kind
    return name


def alert_for(article: Article) -> mail.EmailMultiAlternatives:
    """The instant alert a reader who takes everything gets for `article` (Django's test
    outbox)."""
    Subscriber.objects.all().delete()
    SubscriberFactory()
    mail.outbox.clear()
    assert send_instant_alerts(article.pk, article.pk, "article.published") == 1
    [message] = mail.outbox
    return message


def alert_html(message) -> str:
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    return html


@pytest.fixture
def baseline(admin_client, make_upload) -> dict[str, Counter]:
    if not _BASELINE:
        objects = store_everything(admin_client, make_upload, BENIGN, "benign")
        for name, url in pages_showing(objects, BENIGN).items():
            response = admin_client.get(url)
            assert response.status_code == 200, (name, url)
            _BASELINE[page_kind(name)] = active_content(response.content.decode())
        for name, url in api_answers_showing(objects).items():
            _BASELINE[page_kind(name)] = active_content(api_text(admin_client, url)[1])
        _BASELINE["alert email"] = active_content(alert_html(alert_for(objects["article"])))
    return _BASELINE


@pytest.mark.parametrize("payload", [p for k, p in PAYLOADS.items() if "\x00" not in p], ids=str)
def test_a_payload_in_every_field_renders_as_harmless_text(
    admin_client, client, make_upload, baseline, payload
):
    objects = store_everything(admin_client, make_upload, payload, "hostile")
    # What readers were shown, by page name, for the checks of the words below.
    read: dict[str, str] = {}

    for name, url in pages_showing(objects, payload).items():
        # Readers and reviewers see their pages signed out; editors see every page.
        viewers = [admin_client] if name.startswith("admin") else [client, admin_client]
        for viewer in viewers:
            response = viewer.get(url)
            assert response.status_code == 200, (name, url)
            html = response.content.decode()
            added = active_content(html) - baseline[page_kind(name)]
            assert not added, f"{name}: the payload added {dict(added)}"
            read.setdefault(name, html)

    # The API gives text as the text it is, and its full text as sanitised HTML.
    answers = {}
    for name, url in api_answers_showing(objects).items():
        answers[name], html = api_text(client, url)
        added = active_content(html) - baseline[page_kind(name)]
        assert not added, f"{name}: the payload added {dict(added)}"

    article = objects["article"]
    assert escape(payload[:200]) in read["article"], "the headline is shown as the text it is"
    assert answers["api article"]["headline"] == Article.objects.get(pk=article.pk).headline
    press_room = read["press room"]
    assert escape(payload[:120]) in press_room, "the contact's name is shown as the text it is"
    kit_title = escape(MediaKitItem.objects.filter(article=None).last().title)
    assert f'<h3 class="kit-item__title">{kit_title}</h3>' in press_room

    # The piece's email alert, from the site's name to its warning and text.
    message = alert_for(article)
    added = active_content(alert_html(message)) - baseline["alert email"]
    assert not added, f"alert email: the payload added {dict(added)}"
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert set(message.message().keys()) == {
        "Content-Type",
        "MIME-Version",
        "Subject",
        "From",
        "To",
        "Date",
        "Message-ID",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    }
