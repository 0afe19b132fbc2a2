"""Migration 0048: a journalist's link that ended at the embargo of a piece scheduled to run
after it ends when the piece runs, and back; a link ended sooner, revoked, or to a piece that
runs at its embargo keeps its time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.migrating import SITE_LATEST, migrate

BEFORE = [("articles", "0044_topic_former_addresses"), SITE_LATEST]
AFTER = [("articles", "0048_press_links_until_the_piece_runs"), SITE_LATEST]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_links_that_ended_at_the_embargo_end_when_the_piece_runs_and_back():
    apps = migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    PressAccess = apps.get_model("articles", "PressAccess")
    journalist = apps.get_model("articles", "Journalist").objects.create(
        name="Rosa Marquez", email="rosa@ledger.test"
    )
    now = timezone.now()
    embargo, runs = now + timedelta(days=2), now + timedelta(days=3)
    later = Article.objects.create(
        headline="Later",
        slug="later",
        status="published",
        embargoed_until=embargo,
        published_at=runs,
    )
    at_embargo = Article.objects.create(
        headline="At embargo",
        slug="at-embargo",
        status="published",
        embargoed_until=embargo,
        published_at=embargo,
    )

    def link(article, expires_at, **fields):
        return PressAccess.objects.create(
            article=article,
            journalist=journalist,
            key=f"key-{PressAccess.objects.count()}",
            created_at=now,
            expires_at=expires_at,
            **fields,
        ).pk

    follows = link(later, embargo)
    sooner = link(later, now + timedelta(days=1))
    revoked = link(later, embargo, revoked_at=now)
    plain = link(at_embargo, embargo)

    PressAccess = migrate(AFTER).get_model("articles", "PressAccess")
    ends = dict(PressAccess.objects.values_list("pk", "expires_at"))
    assert ends == {
        follows: runs,
        sooner: now + timedelta(days=1),
        revoked: embargo,
        plain: embargo,
    }

    PressAccess = migrate(BEFORE).get_model("articles", "PressAccess")
    assert PressAccess.objects.get(pk=follows).expires_at == embargo
