"""A piece's pictures in its alert, sent through a real SMTP server on loopback: the email
loads nothing, and both of its parts name each picture by its alt text."""

import pytest

from articles.alerts.sending import send_instant_alerts
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

FIGURE = (
    '<figure class="figure"><img src="/media/pictures/harbour.jpg" alt="{alt}" width="800" '
    'height="600"><figcaption class="figure-caption">Ferries at rest.</figcaption></figure>'
)


def test_a_picture_in_the_piece_is_named_by_its_alt_text_and_loads_nothing(mailbox):
    SubscriberFactory()
    body = f"<p>Before.</p>{FIGURE.format(alt='The harbour at dawn')}<p>After.</p>"
    piece = ArticleFactory(
        introduction='<p>Intro <img src="/media/pictures/map.png" alt=""> here.</p>', body=body
    )

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "<img" not in alert.html
    assert "/media/pictures/" not in alert.everything, "nothing for a mail app to load"
    for part in (alert.html, alert.text):
        assert "[Picture: The harbour at dawn]" in part
        assert "Ferries at rest." in part
        assert "[Picture]" in part
    text = alert.text
    assert text.index("Before.") < text.index("[Picture: The harbour") < text.index("After.")


def test_a_pictures_alt_text_is_sent_as_text(mailbox):
    SubscriberFactory()
    alt = "Fish &amp; chips &lt;b&gt;hot&lt;/b&gt; &quot;fresh&quot;"
    piece = ArticleFactory(body=f"<p>Lunch.</p>{FIGURE.format(alt=alt)}")

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "<b>hot" not in alert.html
    assert '[Picture: Fish &amp; chips &lt;b&gt;hot&lt;/b&gt; "fresh"]' in alert.html
    assert '[Picture: Fish & chips <b>hot</b> "fresh"]' in alert.text


def test_an_alt_text_that_gives_a_spoiler_away_is_left_out(mailbox):
    SubscriberFactory()
    hidden = "the lighthouse keeper was the thief all along"
    body = (
        f'<p>By the end, <span class="spoiler">{hidden}</span>.</p>'
        f"{FIGURE.format(alt='The last scene: ' + hidden)}"
    )
    piece = ArticleFactory(body=body, spoiler_warning="contains spoilers for Low Tide")

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert "lighthouse keeper" not in alert.everything
    for part in (alert.html, alert.text):
        assert "[Picture]" in part
        assert "Ferries at rest." in part
