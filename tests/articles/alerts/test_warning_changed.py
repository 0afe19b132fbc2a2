"""A warning is part of the piece's text in every email, whoever changes it: one edited, added
or deleted by a script that never saves the piece itself, while a run goes on, heads the
emails of the readers sent after, as one changed in the admin does; so does one only stamped
changed by a queryset's `update()` (the one change of a warning `update()` may make). The
check costs no query per message beyond the one that asked whether the piece is public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.alerts.sending import send_digest
from articles.models import Article, ContentWarning
from tests.articles.alerts.test_alert_withdrawn import READERS, alert_all, readers, sent_to
from tests.articles.alerts.test_digest_withdrawn import DAY, announced, at
from tests.factories import ArticleFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

OLD = "contains spoilers for season one"
NEW = "contains spoilers for the finale"
# Queries per message, as many as before warnings were checked.
PER_MESSAGE = 6


def edited(warning: ContentWarning) -> None:
    warning.text = NEW
    warning.save()


def replaced(warning: ContentWarning) -> None:
    warning.delete()
    ContentWarning.objects.create(article=warning.article, text=NEW)


def stamped(warning: ContentWarning) -> None:
    """Changed in the database behind the app's back (raw SQL), then stamped by a queryset's
    `update()`, which neither saves the warning nor sends a signal."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_contentwarning SET text = %s WHERE id = %s", [NEW, warning.pk]
        )
    ContentWarning.objects.filter(pk=warning.pk).update(changed_at=timezone.now())


def added(warning: ContentWarning) -> None:
    ContentWarning.objects.create(article=warning.article, text=NEW, position=1)


def deleted(warning: ContentWarning) -> None:
    warning.delete()


SCRIPTS = {
    "edited": (edited, f"(Warning: {NEW}) News: Ferry returns"),
    "replaced": (replaced, f"(Warning: {NEW}) News: Ferry returns"),
    "stamped": (stamped, f"(Warning: {NEW}) News: Ferry returns"),
    "added": (added, f"(Warning: {OLD}) (Warning: {NEW}) News: Ferry returns"),
    "deleted": (deleted, "News: Ferry returns"),
}


@pytest.mark.parametrize(("script", "after"), SCRIPTS.values(), ids=SCRIPTS.keys())
def test_a_warning_changed_by_a_script_between_batches_heads_the_alerts_sent_after(
    mailbox, between_batches, script, after
):
    readers()
    piece = ArticleFactory(headline="Ferry returns")
    warning = ContentWarning.objects.create(article=piece, text=OLD)
    version = Article.objects.get(pk=piece.pk).version
    between_batches(lambda: script(warning))

    assert alert_all(piece) == 5

    assert sent_to(mailbox) == READERS
    subjects = [message.subject for message in mailbox.messages]
    assert subjects == [f"(Warning: {OLD}) News: Ferry returns"] * 2 + [after] * 3
    assert Article.objects.get(pk=piece.pk).version == version, "the piece was never saved"


def test_a_warning_edited_by_a_script_between_batches_heads_the_digests_sent_after(
    mailbox, between_batches
):
    for address in READERS:
        SubscriberFactory(email=address, frequency="daily", confirmed_at=at(6))
    piece = announced("Ferry returns", at(8))
    warning = ContentWarning.objects.create(article=piece, text=OLD)
    between_batches(lambda: edited(warning))

    assert send_digest(DAY) == 5

    warned = [f"(Warning: {NEW})" in message.text for message in mailbox.messages]
    assert warned == [False, False, True, True, True]


def queries_of(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_the_check_adds_no_query_per_message(mailbox):
    """Each message asks, in one query, whether its piece is public and as built (the piece's
    saves and its warnings'); its others claim the row, read the reader, mark the row sent,
    and open and close its savepoint. The run's own are the same however many readers."""
    readers()
    warm, first, second = (ArticleFactory(headline=f"Ferry returns {n}") for n in (0, 1, 2))
    for piece in (warm, first, second):
        ContentWarning.objects.create(article=piece, text=OLD)
    alert_all(warm)  # the site's settings, read once and kept
    with_five = queries_of(lambda: alert_all(first))
    for n in range(5):
        SubscriberFactory(email=f"more{n}@example.com")
    with_ten = queries_of(lambda: alert_all(second))

    assert len(mailbox.messages) == 20
    assert (with_ten - with_five) / 5 == PER_MESSAGE
