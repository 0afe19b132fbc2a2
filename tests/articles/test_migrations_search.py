"""Data migrations of the search index, both ways: pieces that existed before search indexed
without their spoilers, pieces held behind their warning leaving it but their headline, and
vectors remade to read words without their accents."""

import pytest
from django.db import connection
from django.utils import timezone

from tests.articles.migrating import SITE_LATEST, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def test_articles_that_existed_before_search_are_indexed_without_their_spoilers():
    old_apps = migrate([("articles", "0005_origin_record")])
    Article = old_apps.get_model("articles", "Article")
    Article.objects.create(
        headline="Ferry news",
        slug="ferry",
        status="published",
        published_at=timezone.now(),
        introduction="<p>An introduction.</p>",
        body='<p>The ferry <span class="spoiler">sinks at dawn</span> returns.</p>',
    )

    new_apps = migrate([("articles", "0007_fill_search_index")])
    article = new_apps.get_model("articles", "Article").objects.get()
    assert article.search_text == "An introduction. The ferry returns."
    if connection.vendor == "postgresql":
        assert "'ferri'" in article.search_vector
        assert "sink" not in article.search_vector

    migrate([("articles", "0005_origin_record")])  # and back again


def test_pieces_held_behind_their_warning_leave_the_search_index_but_their_headline():
    old_apps = migrate([("articles", "0025_fill_missing_image_sizes"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    # As saves indexed them before: a held piece by its introduction, the others by both.
    for slug, held, text in (
        ("held", True, "Our critic on the keeper."),
        ("open", False, "Our critic on the ferry. The ferry returns."),
    ):
        Article.objects.create(
            headline=f"Finale {slug}",
            slug=slug,
            hold_behind_warning=held,
            search_text=text,
        )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        Article.objects.update(
            search_vector=SearchVector("headline", weight="A", config="english")
            + SearchVector("search_text", weight="C", config="english")
        )

    new_apps = migrate([("articles", "0026_search_leaves_held_pieces_out"), SITE_LATEST])
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "search_text")) == {
        "held": "",
        "open": "Our critic on the ferry. The ferry returns.",
    }
    if connection.vendor == "postgresql":
        vectors = dict(Article.objects.values_list("slug", "search_vector"))
        assert "'critic'" not in vectors["held"]
        assert "'final':1A" in vectors["held"]
        assert "'critic'" in vectors["open"]

    migrate([("articles", "0025_fill_missing_image_sizes"), SITE_LATEST])  # and back again


def test_stored_vectors_are_remade_to_read_words_without_their_accents_and_back():
    old_apps = migrate([("articles", "0039_featured_image_unguessable_folder"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    Article.objects.create(
        headline="Café CO₂ 𝐅𝐞𝐫𝐫𝐲",
        slug="cafe",
        dek="École",
        search_text="Señora",
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        # As saves indexed it before: with `english`, accents kept.
        Article.objects.update(search_vector=SearchVector("headline", config="english"))

    new_apps = migrate([("articles", "0040_search_reads_words_unaccented"), SITE_LATEST])
    if connection.vendor == "postgresql":
        vector = new_apps.get_model("articles", "Article").objects.get().search_vector
        assert vector == "'cafe':1A 'co2':2A 'ecol':4B 'ferri':3A 'senora':5C"

    old_apps = migrate([("articles", "0039_featured_image_unguessable_folder"), SITE_LATEST])
    if connection.vendor == "postgresql":
        vector = old_apps.get_model("articles", "Article").objects.get().search_vector
        assert vector == "'café':1A 'co2':2A 'ferri':3A 'señora':5C 'école':4B"
