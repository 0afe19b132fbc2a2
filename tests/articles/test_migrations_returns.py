"""Migration 0052: a draft returned with a note before it keeps who returned it and when, read
from the latest revision naming its note, as the notice read them until then."""

import importlib
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.migrating import REVERSION, SITE_LATEST, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

BEFORE = [("articles", "0051_subscriber_stopped"), SITE_LATEST, REVERSION]
AFTER = [("articles", "0052_article_returned_by_at"), SITE_LATEST, REVERSION]
backfill = importlib.import_module("articles.migrations.0052_article_returned_by_at")

MAY, JUNE, JULY = (datetime(2026, month, 7, 13, 5, tzinfo=UTC) for month in (5, 6, 7))


def returned_with(note: str) -> str:
    return f"Returned to draft. Note to the writer: “{note}” Changed Headline."


class History:
    """Revisions written as django-reversion wrote them, for the migration to read."""

    def __init__(self, apps):
        self.apps = apps
        content_types = apps.get_model("contenttypes", "ContentType").objects
        self.types = {
            model: content_types.get_or_create(app_label="articles", model=model)[0]
            for model in ("article", "author")
        }

    def record(self, piece, comment: str, *, at: datetime, by=None, model: str = "article"):
        revision = self.apps.get_model("reversion", "Revision").objects.create(
            date_created=at, comment=comment, user=by
        )
        self.apps.get_model("reversion", "Version").objects.create(
            revision=revision,
            object_id=str(piece.pk),
            content_type=self.types[model],
            db="default",
            format="json",
            serialized_data="[]",
            object_repr=piece.headline,
        )


def piece(apps, slug: str, *, status: str = "draft", note: str = ""):
    Article = apps.get_model("articles", "Article")
    return Article.objects.create(headline=slug, slug=slug, status=status, return_note=note)


def test_returned_drafts_keep_who_returned_them_and_when_from_their_history():
    old_apps = migrate(BEFORE)
    User = old_apps.get_model("auth", "User")
    edna = User.objects.create(username="edna", first_name="Edna", last_name="Editor")
    dana = User.objects.create(username="dana", first_name="Dana", last_name="Desk")
    history = History(old_apps)
    once = piece(old_apps, "once", note="First pass.")
    history.record(once, returned_with("First pass."), at=MAY, by=edna)
    history.record(once, "Changed Headline.", at=JUNE, by=User.objects.create(username="w"))
    twice = piece(old_apps, "twice", note="Second pass.")
    history.record(twice, returned_with("Second pass."), at=MAY, by=edna)
    history.record(twice, returned_with("Second pass."), at=JUNE, by=dana)
    # Another model's revision under the same key, and a note that only begins the same.
    history.record(twice, returned_with("Second pass."), at=JULY, by=edna, model="author")
    history.record(twice, returned_with("Second pass. Again."), at=JULY, by=edna)
    by_script = piece(old_apps, "by-script", note="No editor.")
    history.record(by_script, returned_with("No editor."), at=JUNE)
    piece(old_apps, "outside", note="Made in a shell.")
    without_note = piece(old_apps, "without-note")
    history.record(without_note, "Returned to draft. Changed Headline.", at=MAY, by=edna)
    in_review = piece(old_apps, "in-review", status="in-review", note="Stale.")
    history.record(in_review, returned_with("Stale."), at=MAY, by=edna)

    new_apps = migrate(AFTER)
    Article = new_apps.get_model("articles", "Article")

    kept = Article.objects.values_list("slug", "returned_by", "returned_at")
    assert {slug: (by, at) for slug, by, at in kept} == {
        "once": (edna.pk, MAY),
        "twice": (dana.pk, JUNE),
        "by-script": (None, JUNE),
        "outside": (None, None),
        "without-note": (None, None),
        "in-review": (None, None),
    }

    # Going back drops the columns; the notes stay as they were.
    back = migrate(BEFORE).get_model("articles", "Article")
    assert back.objects.get(slug="twice").return_note == "Second pass."
    migrate(AFTER)


def test_the_backfill_reads_in_the_same_queries_however_many_drafts_were_returned():
    apps = migrate(AFTER)
    User = apps.get_model("auth", "User")
    edna = User.objects.create(username="edna")
    history = History(apps)
    counts = []
    for batch in ("a", "b"):
        for number in range(2 if batch == "a" else 12):
            returned = piece(apps, f"{batch}{number}", note=f"Note {batch}{number}.")
            history.record(returned, returned_with(f"Note {batch}{number}."), at=MAY, by=edna)
        apps.get_model("articles", "Article").objects.update(returned_by=None, returned_at=None)
        with CaptureQueriesContext(connection) as queries:
            backfill.keep_who_and_when(apps, connection.schema_editor())
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1], counts
    Article = apps.get_model("articles", "Article")
    assert not Article.objects.filter(returned_by=None).exists()
