"""Data migrations of the versions kept at deletion, both ways: those that serve no more
forgotten, and those kept before their time was noted."""

import pytest
from django.utils import timezone

from tests.articles.migrating import FORGET_VERSIONS, REVERSION, SITE_LATEST, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_versions_at_deletion_that_serve_no_more_are_forgotten_and_not_restored_going_back():
    old_apps = migrate([("articles", "0032_tweet_identity_is_its_status"), SITE_LATEST, REVERSION])
    Article = old_apps.get_model("articles", "Article")
    DeletedVersion = old_apps.get_model("articles", "DeletedVersion")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Revision = old_apps.get_model("reversion", "Revision")
    Version = old_apps.get_model("reversion", "Version")
    back = Article.objects.create(headline="Back", slug="back")
    articles, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    revision = Revision.objects.create(date_created=timezone.now(), comment="")
    for object_id in (str(back.pk), "9001"):
        Version.objects.create(
            revision=revision,
            object_id=object_id,
            content_type=articles,
            db="default",
            format="json",
            serialized_data="[]",
            object_repr="A piece",
        )
    # Back since, recoverable, and with no revision left to recover it from.
    for article_id, version in ((back.pk, 3), (9001, 5), (9002, 7)):
        DeletedVersion.objects.create(article_id=article_id, version=version)

    migrate([FORGET_VERSIONS, SITE_LATEST, REVERSION])
    assert dict(DeletedVersion.objects.values_list("article_id", "version")) == {9001: 5}

    migrate([("articles", "0032_tweet_identity_is_its_status"), SITE_LATEST, REVERSION])
    assert dict(DeletedVersion.objects.values_list("article_id", "version")) == {9001: 5}


def test_versions_at_deletion_kept_before_their_time_was_noted_have_none_and_keep_going_back():
    old_apps = migrate([("articles", "0034_warning_changed_at"), SITE_LATEST])
    old_apps.get_model("articles", "DeletedVersion").objects.create(article_id=9001, version=5)

    new_apps = migrate([("articles", "0035_deleted_version_deleted_at"), SITE_LATEST])
    kept = new_apps.get_model("articles", "DeletedVersion").objects
    assert list(kept.values_list("article_id", "version", "deleted_at")) == [(9001, 5, None)]

    back = migrate([("articles", "0034_warning_changed_at"), SITE_LATEST])
    kept = back.get_model("articles", "DeletedVersion").objects
    assert list(kept.values_list("article_id", "version")) == [(9001, 5)]
