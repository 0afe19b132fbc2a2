"""What an alert holds, sent through a real SMTP server on loopback: the warning first and no
hidden passage anywhere, only the warning and a link for a piece held behind it, and a
piece's text sent as text."""

import pytest

from articles.alerts.sending import send_instant_alerts
from articles.models import ContentWarning, Subscriber
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


HIDDEN = "the lighthouse keeper was the thief all along"
HIDDEN_IN_INTRO = "Marrow Bay floods in the finale"


def spoiling(**fields):
    return ArticleFactory(
        kind="op-ed",
        headline="What a TV show teaches us about trust",
        dek="A show about a harbour town, and what it says about our work.",
        introduction=(
            f'<p>Our editor on the show. <span class="spoiler">{HIDDEN_IN_INTRO}</span></p>'
        ),
        body=(
            "<p>Season two turns on a theft.</p>"
            f'<p>By the end, <span class="spoiler">{HIDDEN}</span>, and the town forgives him.</p>'
        ),
        spoiler_warning="contains spoilers for Low Tide at Marrow Bay",
        **fields,
    )


def test_an_alert_puts_the_warning_first_and_no_hidden_passage_anywhere(mailbox):
    SubscriberFactory()
    piece = spoiling()

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    warning = "(Warning: contains spoilers for Low Tide at Marrow Bay)"
    assert alert.subject == f"{warning} Op-ed: What a TV show teaches us about trust"
    for hidden in (HIDDEN, HIDDEN_IN_INTRO, "lighthouse keeper", "floods in the finale"):
        assert hidden not in alert.everything
    assert alert.text.startswith(warning)
    html = alert.html
    preview = html.index('<div style="display:none')
    assert html.index(warning, preview) < html.index("teaches us about trust", preview + 1)
    assert html[preview:].startswith(
        f'<div style="display:none;max-height:0;overflow:hidden;">{warning}'
    )
    body = html.index("<h1")
    assert html.index(warning, html.index("<body")) < body
    assert "[spoiler]" in alert.text
    assert "Season two turns on a theft." in alert.text


def test_a_piece_held_behind_its_warning_sends_only_the_warning_and_a_link(mailbox):
    SubscriberFactory()
    piece = spoiling(hold_behind_warning=True)

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "held behind its warning" in alert.text
    assert f"http://testserver{piece.get_absolute_url()}" in alert.text
    for text in ("Season two turns on a theft", "Our editor on the show", "harbour town"):
        assert text not in alert.everything
    preview = alert.html.split('<div style="display:none;max-height:0;overflow:hidden;">')[1]
    assert preview.startswith("(Warning: contains spoilers for Low Tide at Marrow Bay)</div>")


def test_a_summary_that_gives_a_passage_away_is_left_out(mailbox):
    """Publishing refuses such a summary; one written around it is still not sent."""
    SubscriberFactory()
    piece = spoiling()
    type(piece).objects.filter(pk=piece.pk).update(
        dek=f"In the end {HIDDEN}.", headline=f"Why {HIDDEN}"
    )

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "lighthouse keeper" not in alert.everything
    assert (
        alert.subject
        == "(Warning: contains spoilers for Low Tide at Marrow Bay) Op-ed from Newsroom"
    )


def test_hostile_text_in_a_piece_is_sent_as_text(mailbox):
    SubscriberFactory()
    piece = ArticleFactory(headline="<script>alert(1)</script>\r\nBcc: victim@example.com")
    ContentWarning.objects.create(article=piece, text='"><img src=x onerror=alert(1)>')

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert alert.recipients == [Subscriber.objects.get().email]
    assert "\n" not in alert.subject
    assert "victim@example.com" not in alert.header("Bcc")
    assert "<script>" not in alert.html
    assert "<img" not in alert.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in alert.html
