"""Migration 0042: the keys of publications still waiting name their time in UTC; those handed
on, of another form, or whose UTC key another waiting publication holds already, are left."""

import pytest
from django.utils import timezone

from tests.articles.migrating import SITE_LATEST, migrate

BEFORE = [("articles", "0041_origin_urls_lose_share_parameters"), SITE_LATEST]
AFTER = [("articles", "0042_waiting_publication_keys_in_utc"), SITE_LATEST]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

KOLKATA = "published:7:2031-03-12T09:00:00+05:30"
UTC_KEY = "published:7:2031-03-12T03:30:00+00:00"


def test_waiting_publications_are_keyed_by_their_time_in_utc():
    apps = migrate(BEFORE)
    Event = apps.get_model("articles", "Event")

    now = timezone.now()
    waiting = Event.objects.create(kind="article.published", article_id=7, key=KOLKATA)
    handed = Event.objects.create(
        kind="article.published", article_id=8, key=KOLKATA.replace(":7:", ":8:"), handled_at=now
    )
    other = Event.objects.create(kind="article.published", article_id=9, key="something-else")
    # Two publications of one piece already waiting for one moment, written two ways.
    first = Event.objects.create(
        kind="article.published", article_id=10, key=UTC_KEY.replace(":7:", ":10:")
    )
    second = Event.objects.create(
        kind="article.published", article_id=10, key=KOLKATA.replace(":7:", ":10:")
    )

    Event = migrate(AFTER).get_model("articles", "Event")

    keys = dict(Event.objects.values_list("pk", "key"))
    assert keys[waiting.pk] == UTC_KEY
    assert keys[handed.pk] == KOLKATA.replace(":7:", ":8:")
    assert keys[other.pk] == "something-else"
    assert keys[first.pk] == UTC_KEY.replace(":7:", ":10:")
    assert keys[second.pk] == KOLKATA.replace(":7:", ":10:")
