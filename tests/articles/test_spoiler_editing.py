"""Editors and spoilers: marking passages, warnings saved from the admin, and a summary that
would give a marked passage away refused."""

import pytest

from articles.models import Article
from articles.spoilers import find_leaks
from tests.articles.admin.article_forms import article_form, errors_of
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

# Editors: marking passages, and the admin refusing leaks.


def test_find_leaks_catches_a_whole_passage_or_a_long_run_of_its_words():
    passage = "the captain quietly sinks the old ferry at dawn"
    body = f'<p>In the end <span class="spoiler">{passage}</span>.</p>'

    leaks = find_leaks(
        body=body,
        fields={
            "dek": "Why the captain quietly sinks the old ferry matters",
            "seo_description": "A show about a ferry and its captain.",
            "headline": "The Captain Quietly Sinks The Old Ferry At Dawn",
        },
    )

    assert set(leaks) == {"dek", "headline"}


def test_the_admin_refuses_a_dek_that_gives_away_a_marked_spoiler(admin_client):
    body = '<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>'
    data = article_form(
        AuthorFactory(),
        body=body,
        dek="A deckhand: Wren finds the forged inspection logbook.",
        seo_description="Wren finds the forged inspection logbook, and more.",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    errors = errors_of(response)
    assert "Summary (dek) gives away a passage marked as a spoiler" in errors
    assert "SEO description gives away a passage marked as a spoiler" in errors
    assert not Article.objects.exists()


def test_the_admin_refuses_a_headline_that_gives_away_a_spoiler_marked_in_the_introduction(
    admin_client,
):
    # The page's title, link previews, feeds and cards show the headline, never hidden.
    data = article_form(
        AuthorFactory(),
        headline="Wren finds the forged inspection logbook",
        introduction='<p>Why <span class="spoiler">Wren finds the forged inspection logbook'
        "</span> matters.</p>",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "Headline gives away a passage marked as a spoiler" in errors_of(response)
    assert not Article.objects.exists()


def test_the_admin_refuses_a_slug_that_gives_away_a_marked_spoiler(admin_client):
    # The address is in every feed, sitemap, link preview and search result, never hidden.
    data = article_form(
        AuthorFactory(),
        body='<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>',
        slug="wren-finds-the-forged-inspection-logbook",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "Slug gives away a passage marked as a spoiler" in errors_of(response)
    assert not Article.objects.exists()


def test_the_admin_refuses_a_warning_that_gives_away_a_marked_spoiler(admin_client):
    # The warning comes first in link previews, feeds and cards, and above the hidden text.
    data = article_form(
        AuthorFactory(),
        body='<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>',
        **{"warnings-0-text": "contains spoilers: Wren finds the forged inspection logbook"},
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "A warning gives away a passage marked as a spoiler" in errors_of(response)
    assert not Article.objects.exists()


def test_a_warning_naming_the_show_a_spoiler_is_about_is_saved(admin_client):
    data = article_form(
        AuthorFactory(),
        body='<p>Then <span class="spoiler">Wren finds the forged inspection logbook</span>.</p>',
        **{"warnings-0-text": "contains spoilers for the finale of Low Tide"},
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    assert (
        Article.objects.get().warnings.get().text == "contains spoilers for the finale of Low Tide"
    )


def test_an_introduction_may_mark_the_same_spoiler_as_the_text(admin_client):
    passage = '<span class="spoiler">Wren finds the forged inspection logbook</span>'
    data = article_form(
        AuthorFactory(),
        introduction=f"<p>Why {passage} matters.</p>",
        body=f"<p>In the end {passage}.</p>",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302, errors_of(response)
    assert Article.objects.get().introduction == f"<p>Why {passage} matters.</p>"


def test_a_spoiler_marked_in_the_editor_is_stored_in_its_one_form(admin_client):
    body = '<p>Then <span class="spoiler" data-x="1">Wren finds the logbook</span>.</p>'

    admin_client.post("/admin/articles/article/add/", article_form(AuthorFactory(), body=body))

    assert (
        Article.objects.get().body
        == '<p>Then <span class="spoiler">Wren finds the logbook</span>.</p>'
    )


def test_holding_the_text_needs_a_warning(admin_client):
    data = article_form(AuthorFactory(), hold_behind_warning="on", **{"warnings-TOTAL_FORMS": "0"})

    response = admin_client.post("/admin/articles/article/add/", data)

    assert "The text is held behind a warning, but there is no warning." in errors_of(response)


def test_the_admin_saves_warnings_from_the_inline(admin_client):
    response = admin_client.post("/admin/articles/article/add/", article_form(AuthorFactory()))

    assert response.status_code == 302
    warning = Article.objects.get().warnings.get()
    assert (warning.kind, warning.text, warning.subject_slug) == (
        "spoilers",
        "contains spoilers for season one",
        "low-tide-at-marrow-bay",
    )


def test_the_editor_loads_the_spoiler_button(admin_client):
    html = admin_client.get("/admin/articles/article/add/").content.decode()

    assert "js/editor-spoiler.js" in html
    assert "&quot;Spoiler&quot;:true" in html or '"Spoiler":true' in html
