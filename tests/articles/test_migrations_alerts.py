"""Data migrations of email alerts, both ways: addresses waiting for confirmation, and the
correction event not yet sent given its piece's newest note."""

import pytest
from django.db import connection
from django.utils import timezone

from tests.articles.migrating import SITE_LATEST, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_addresses_waiting_for_confirmation_count_their_links_from_the_upgrade():
    old_apps = migrate([("articles", "0021_email_alerts")])
    Subscriber = old_apps.get_model("articles", "Subscriber")
    long_ago = timezone.now() - timezone.timedelta(days=30)
    Subscriber.objects.create(email="waiting@example.com", key="w", created_at=long_ago)
    Subscriber.objects.create(
        email="kept@example.com", key="k", created_at=long_ago, confirmed_at=long_ago
    )

    before = timezone.now()
    new_apps = migrate([("articles", "0022_subscriber_confirmation_sent_at")])
    Subscriber = new_apps.get_model("articles", "Subscriber")
    sent = dict(Subscriber.objects.values_list("email", "confirmation_sent_at"))
    # A link made in the last days may still work: the upgrade counts from its own time.
    assert sent["waiting@example.com"] >= before
    assert sent["kept@example.com"] is None

    migrate([("articles", "0021_email_alerts")])
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "articles_subscriber")
    assert "confirmation_sent_at" not in {column.name for column in columns}


def test_a_correction_event_not_yet_sent_is_given_its_pieces_newest_note():
    """What it would have sent before corrections named their events; one sent already, and a
    note another waiting event is given, are left alone."""
    old_apps = migrate([("articles", "0027_alertdelivery_pieces"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    Correction = old_apps.get_model("articles", "Correction")
    Event = old_apps.get_model("articles", "Event")
    piece = Article.objects.create(headline="Ferry timetable", slug="ferry")
    now = timezone.now()
    sent = Event.objects.create(kind="article.corrected", article_id=piece.pk, handled_at=now)
    waiting = Event.objects.create(kind="article.corrected", article_id=piece.pk)
    older = Correction.objects.create(article=piece, text="Older.", published_at=now)
    newest = Correction.objects.create(article=piece, text="Newest.", published_at=now)

    new_apps = migrate([("articles", "0028_correction_event"), SITE_LATEST])
    Correction = new_apps.get_model("articles", "Correction")
    named = dict(Correction.objects.values_list("pk", "event_id"))
    assert named == {older.pk: None, newest.pk: waiting.pk}
    assert sent.pk not in named.values()

    migrate([("articles", "0027_alertdelivery_pieces"), SITE_LATEST])  # and back again
