"""A journalist may read the newsroom's zone abbreviation as their own ("IST" is India's,
Ireland's and Israel's; "CST" China's and America's): what they are sent under embargo gives the
embargo's offset from UTC too."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from articles.models import Article
from articles.workflow import publishing
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SHARE = "/admin/articles/article/{}/press-access/"
# 09:00 in Kolkata, 09:00 in Chicago, and 09:00 in London in winter.
EMBARGO = datetime(2031, 3, 12, 3, 30, tzinfo=UTC)


def shared_release(client, mailoutbox, until=EMBARGO):
    piece = ArticleFactory(
        headline="Zephyrcorp opens its Lisbon plant",
        slug="lisbon-plant",
        kind=Article.Kind.PRESS_RELEASE,
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[AuthorFactory()],
    )
    publishing.embargo(piece, until=until)
    data = {"name": "Rosa Marquez", "email": "rosa@ledger.test", "send_email": "on"}
    assert client.post(SHARE.format(piece.pk), data).status_code == 302
    (message,) = mailoutbox
    path = re.search(r"http://testserver(/news/\S+/embargoed/\S+/)", message.body).group(1)
    return message, Client().get(path).content.decode()


@pytest.mark.parametrize(
    ("zone", "until", "shown"),
    [
        ("Asia/Kolkata", EMBARGO, "Mar 12, 2031 09:00 IST (UTC+05:30)"),
        (
            "America/Chicago",
            datetime(2031, 1, 14, 15, 0, tzinfo=UTC),
            "Jan 14, 2031 09:00 CST (UTC-06:00)",
        ),
    ],
)
def test_the_embargo_sent_to_a_journalist_names_its_offset_from_utc(
    editor_client, mailoutbox, settings, zone, until, shown
):
    settings.TIME_ZONE = zone

    message, page = shared_release(editor_client, mailoutbox, until)

    assert message.subject == f"Embargoed until {shown}: Zephyrcorp opens its Lisbon plant"
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert f"Embargoed until {shown}: not for publication before then." in text
        assert f"stops working on {shown}" in text
        assert f"Please do not publish or share it before {shown}." in text
    assert f"Embargoed until {shown} — not for publication before then" in page
    assert f"it stops working on {shown}." in page


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("UTC", "Mar 12, 2031 03:30 UTC"), ("Europe/London", "Mar 12, 2031 03:30 GMT (UTC+00:00)")],
)
def test_utc_itself_needs_no_offset(editor_client, mailoutbox, settings, zone, shown):
    settings.TIME_ZONE = zone

    message, page = shared_release(editor_client, mailoutbox)

    assert message.subject == f"Embargoed until {shown}: Zephyrcorp opens its Lisbon plant"
    assert f"Embargoed until {shown} — not for publication before then" in page
