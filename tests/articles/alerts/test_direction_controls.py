"""An alert's subject and text carry no direction control that never closes, even for a
headline stored with one before saves removed them (`newsroom.text`)."""

import pytest

from articles.alerts.sending import send_instant_alerts
from articles.models import Article
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_an_alert_subject_leaves_out_direction_controls(mailbox):
    SubscriberFactory()
    piece = ArticleFactory(kind="op-ed", headline="QA 𝗯𝗼𝗹𝗱 \u202eevil", dek="Summary.")
    Article.objects.filter(pk=piece.pk).update(headline="Stored \u202eevil", dek="\u2067Isolated")

    send_instant_alerts(1, piece.pk, "published")

    [alert] = mailbox.messages
    assert alert.subject == "Op-ed: Stored evil"
    assert not any(char in alert.everything for char in CONTROLS)
    assert "Isolated" in alert.everything
