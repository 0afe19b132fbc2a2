"""Versions kept before a field was added still open and come back: a warning's `changed_at`
(migration 0034) is missing from versions saved before it, and is stamped when written back."""

import json
from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ContentWarning
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def warned():
    article = ArticleFactory(headline="Finale night", slug="finale-night")
    ContentWarning.objects.create(
        article=article,
        kind=ContentWarning.Kind.SPOILERS,
        text="contains spoilers for the finale",
        subject="the finale",
    )
    with reversion.create_revision():
        article.save()
    # The warning's versions read as those kept before the stamp existed.
    for version in Version.objects.get_for_model(ContentWarning):
        rows = json.loads(version.serialized_data)
        for row in rows:
            del row["fields"]["changed_at"]
        version.serialized_data = json.dumps(rows)
        version.save(update_fields=["serialized_data"])
    return article


def test_a_piece_deleted_before_the_stamp_comes_back_with_its_warning_stamped(warned):
    pk = warned.pk
    warned.delete()
    before = timezone.now()

    Version.objects.get_deleted(Article).get().revision.revert()

    warning = ContentWarning.objects.get(article_id=pk)
    assert warning.subject == "the finale"
    assert warning.changed_at >= before


def test_an_editor_opens_a_version_kept_before_the_stamp(warned, editor_client):
    version = Version.objects.get_for_object(warned).first()

    response = editor_client.get(f"/admin/articles/article/{warned.pk}/history/{version.pk}/")

    assert response.status_code == 200
    assert "contains spoilers for the finale" in response.content.decode()


def test_a_warning_written_back_is_a_change_the_alerts_see(warned, clock):
    before = ContentWarning.objects.get().changed_at
    clock.move(timedelta(seconds=5))

    Version.objects.get_for_object(warned).first().revision.revert()

    assert ContentWarning.objects.get().changed_at > before
