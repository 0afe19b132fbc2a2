"""Migration 0047: spoiler subjects in a script slugs cannot spell are given a slug of their
own; the others keep theirs."""

import pytest

from articles.models import subject_slug
from tests.articles.migrating import SITE_LATEST, migrate

BEFORE = [("articles", "0046_origin_urls_without_user_info"), SITE_LATEST]
AFTER = [("articles", "0047_spoiler_subject_slugs_in_every_script"), SITE_LATEST]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_warnings_with_an_empty_or_latin_only_slug_get_their_own_and_going_back_keeps_it():
    apps = migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    ContentWarning = apps.get_model("articles", "ContentWarning")
    article = Article.objects.create(headline="A piece", slug="a-piece")
    subjects = {
        "進撃の巨人": "",
        "Война и мир": "",
        "進撃の巨人 2": "2",
        "Low Tide": "low-tide",
        "": "",
    }
    made = {
        subject: ContentWarning.objects.create(
            article=article, text="spoils it", subject=subject, subject_slug=slug
        ).pk
        for subject, slug in subjects.items()
    }

    ContentWarning = migrate(AFTER).get_model("articles", "ContentWarning")

    slugs = dict(ContentWarning.objects.values_list("pk", "subject_slug"))
    assert {subject: slugs[pk] for subject, pk in made.items()} == {
        subject: subject_slug(subject) for subject in subjects
    }
    assert slugs[made["Low Tide"]] == "low-tide"
    assert slugs[made[""]] == ""
    assert len({slugs[pk] for pk in made.values()}) == len(subjects)

    ContentWarning = migrate(BEFORE).get_model("articles", "ContentWarning")
    assert ContentWarning.objects.get(pk=made["Война и мир"]).subject_slug == subject_slug(
        "Война и мир"
    )
