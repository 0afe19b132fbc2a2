"""Sharing a piece under embargo while the mail server cannot be reached: the editor is told
the email did not go, on the article's page, rather than shown a server error."""

import pytest
from django.contrib import messages

from articles.embargo import access
from articles.models import PressAccess
from tests.articles.alerts.conftest import free_port
from tests.articles.embargo.test_pre_access import CHANGE, link_in, release, share

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """Django's SMTP backend pointed at a port nothing listens on."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def test_an_email_that_cannot_be_sent_is_said_so_on_the_articles_page(
    editor_client, mail_server_down
):
    """The editor presses "Share" with "email it" ticked while the mail server is down: they
    are sent back to the article with a message saying the journalist was not emailed (so they
    send the link themselves or try again), not a 500 page with a link made and never sent."""
    piece = release()

    response = share(editor_client, piece)

    assert response.status_code == 302
    assert response["Location"] == CHANGE.format(piece.pk) + "#press-access"
    page = editor_client.get(response["Location"])
    warnings = [m for m in page.context["messages"] if m.level >= messages.WARNING]
    assert warnings, "the editor is not told the email did not go"
    assert not PressAccess.objects.filter(emailed_at__isnull=False).exists()


def test_the_message_carries_the_link_to_send_by_hand_and_a_retry_sends_that_same_link(
    editor_client, mail_server_down, settings, mailoutbox
):
    """The warning holds the journalist's link, so the editor can send it themselves; sharing
    again once the mail server is back emails that same link rather than making a second."""
    piece = release()

    page = editor_client.get(share(editor_client, piece)["Location"])

    (made,) = PressAccess.objects.all()
    (warning,) = [m for m in page.context["messages"] if m.level >= messages.WARNING]
    assert access.url_for(made) in str(warning)
    assert "Rosa Marquez" in str(warning)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert share(editor_client, piece).status_code == 302

    (sent,) = PressAccess.objects.all()
    assert sent.pk == made.pk
    assert sent.emailed_at is not None
    assert link_in(mailoutbox[0]) == access.url_for(made)


def test_a_link_already_emailed_is_not_reused_by_a_second_share(editor_client, mailoutbox):
    """Sharing twice with the email working makes two links, as before: a retry reuses only a
    link whose email never went."""
    piece = release()

    share(editor_client, piece)
    share(editor_client, piece)

    assert PressAccess.objects.count() == 2
