"""The change form's previews and checks: what an editor sees, as the page will say it."""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import form_data
from tests.articles.seo.test_structured_data import ORIGIN
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
LONG_HEADLINE = (
    "What a television drama about a ferry town teaches every team about the work of listening"
)


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


def panels_url(article) -> str:
    return f"{LIST_URL}{article.pk}/panels/"


def text_of(html, selector: str) -> str:
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text(" ").split())


def written_tags(html) -> BeautifulSoup:
    """The page's tags as the "as written" disclosure shows them, parsed as a page would be."""
    return BeautifulSoup(text_of_raw(html, "#preview-tags code"), "html.parser")


def text_of_raw(html, selector: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one(selector).get_text()


@pytest.fixture
def op_ed():
    return ArticleFactory(
        kind="op-ed",
        slug="tv-show",
        headline="What a TV show teaches us about work",
        dek="Lessons from season one for every team.",
        body='<p>The season ends well. <span class="spoiler">The boss never comes back.</span></p>',
        spoiler_warning="contains spoilers for season one",
        spoiler_warning__subject="Low Tide",
        authors=[AuthorFactory(name="Dana Whitfield")],
        tag_names=["Culture"],
    )


def test_the_change_form_shows_the_piece_as_a_search_result_and_as_shared_cards(
    admin_client, op_ed
):
    html = admin_client.get(change_url(op_ed)).content.decode()

    assert text_of(html, ".serp-preview__title") == (
        "Op-ed: What a TV show teaches us about work · Newsroom"
    )
    assert text_of(html, ".serp-preview__address") == "testserver › news › tv-show"
    assert text_of(html, ".serp-preview__description") == "Lessons from season one for every team."
    assert text_of(html, "#preview-share .share-preview__title") == (
        "Op-ed: What a TV show teaches us about work"
    )
    assert text_of(html, "#preview-share .share-preview__domain") == "testserver"
    # The warning comes first on cards, as networks are given it.
    assert text_of(html, "#preview-share .share-preview__description").startswith(
        "(Warning: contains spoilers for season one) Lessons"
    )
    assert "Spoilers: Low Tide" in text_of(html, "#preview-card")
    assert "By Dana Whitfield" in text_of(html, "#preview-card")
    assert "The boss never comes back" not in text_of(html, "#editing-panels")


def test_the_tags_shown_are_those_the_page_writes(admin_client, client, op_ed):
    admin_html = admin_client.get(change_url(op_ed)).content.decode()
    page = BeautifulSoup(client.get("/news/tv-show/").content.decode(), "html.parser")

    shown = written_tags(admin_html)

    assert shown.title.string == page.title.string
    for name in ["description", "twitter:title", "twitter:description", "twitter:card"]:
        assert shown.find("meta", attrs={"name": name}) == page.find("meta", attrs={"name": name})
    page_og = page.find_all("meta", attrs={"property": True})
    assert shown.find_all("meta", attrs={"property": True}) == page_og
    assert shown.find("link", rel="canonical") == page.find("link", rel="canonical")


def test_the_panels_follow_the_form_as_posted_without_saving_anything(
    admin_client, op_ed, monkeypatch
):
    stamped = []
    monkeypatch.setattr("newsroom.pagecache.retiring.stamp", lambda *a, **k: stamped.append(a))
    admin_client.get(change_url(op_ed))  # the baseline revision is made on opening
    revisions = Version.objects.count()
    data = form_data(admin_client.get(change_url(op_ed)), headline="A new headline", dek="")

    response = admin_client.post(panels_url(op_ed), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, ".serp-preview__title") == "Op-ed: A new headline · Newsroom"
    assert text_of(html, "#preview-share .share-preview__title") == "Op-ed: A new headline"
    assert "Write the summary (dek)" in text_of(html, "#checks")
    assert 'id="body-word-count"' in html
    saved = Article.objects.get(pk=op_ed.pk)
    assert (saved.headline, saved.dek, saved.version) == (op_ed.headline, op_ed.dek, op_ed.version)
    assert Version.objects.count() == revisions
    assert stamped == []


def test_a_long_headline_is_cut_where_search_engines_cut_it_and_the_checks_say_so(
    admin_client, op_ed
):
    data = form_data(admin_client.get(change_url(op_ed)), headline=LONG_HEADLINE)

    html = admin_client.post(panels_url(op_ed), data).content.decode()

    title = text_of(html, ".serp-preview__title")
    assert title.endswith("…")
    assert len(title) <= 60
    length = len(f"Op-ed: {LONG_HEADLINE} · Newsroom")
    assert f"Title in search: {length} characters: search results show about 60" in text_of(
        html, "#checks"
    )


def test_a_new_article_is_previewed_from_the_add_form(admin_client):
    html = admin_client.get(f"{LIST_URL}add/").content.decode()
    assert "No words yet" in html

    response = admin_client.post(
        f"{LIST_URL}panels/",
        {"kind": "news", "headline": "Ferries return", "body": "<p>Crews are back.</p>"},
    )

    html = response.content.decode()
    assert text_of(html, ".serp-preview__title") == "News: Ferries return · Newsroom"
    assert text_of(html, ".serp-preview__address") == "testserver › news › ferries-return"
    assert text_of(html, "#body-word-count") == "3 words · 1 min read"
    assert "Add at least one author to the byline." in text_of(html, "#checks")
    assert not Article.objects.exists()


def test_bylines_and_warnings_added_on_the_form_show_in_the_previews(admin_client, op_ed):
    marcus = AuthorFactory(name="Marcus Ellis")
    data = form_data(admin_client.get(change_url(op_ed)))
    data |= {
        "bylines-TOTAL_FORMS": "2",
        "bylines-1-author": str(marcus.pk),
        "bylines-1-position": "1",
        "warnings-0-text": "mentions the finale",
    }

    html = admin_client.post(panels_url(op_ed), data).content.decode()

    assert "By Dana Whitfield and Marcus Ellis" in text_of(html, "#preview-card")
    assert text_of(html, "#preview-x .share-preview__description").startswith(
        "(Warning: mentions the finale)"
    )


def test_a_page_kept_out_of_search_engines_has_no_search_result(admin_client):
    article = ArticleFactory(indexing="noindex")

    html = admin_client.get(change_url(article)).content.decode()

    assert "Kept out of search engines" in text_of(html, "#preview-search")


def test_a_cross_post_points_search_engines_and_cards_to_its_original(admin_client):
    article = ArticleFactory(origin_url=ORIGIN)

    html = admin_client.get(change_url(article)).content.decode()

    assert text_of(html, ".serp-preview__address").startswith("www.linkedin.com › pulse")
    assert text_of(html, "#preview-share .share-preview__domain") == "linkedin.com"
    assert f"Original: The credit line links the original: {ORIGIN}" in text_of(html, "#checks")


def test_the_checks_count_words_and_score_readability(admin_client):
    sentence = "The crews are back at work and the ferries run on time again. "
    article = ArticleFactory(body=f"<p>{sentence * 30}</p>", introduction="<p>Good news.</p>")

    html = admin_client.get(change_url(article)).content.decode()

    assert text_of(html, "#body-word-count") == "392 words · 2 min read"
    assert "Readability: Flesch reading ease" in text_of(html, "#checks")
    assert "plain English" in text_of(html, "#checks") or "easy" in text_of(html, "#checks")


# Who may see them.


def test_a_contributor_cannot_preview_someone_elses_draft_nor_a_piece_they_cannot_edit(
    contributor_client,
):
    someone_elses_draft = ArticleFactory(status="draft")
    public = ArticleFactory()

    assert contributor_client.post(panels_url(someone_elses_draft), {}).status_code == 404
    assert contributor_client.post(panels_url(public), {}).status_code == 403
    assert contributor_client.post(f"{LIST_URL}999999/panels/", {}).status_code == 404


def test_a_contributor_previews_their_own_draft(contributor, contributor_client):
    own = ArticleFactory(status="draft", created_by=contributor)
    data = form_data(contributor_client.get(change_url(own)), headline="Mine")

    response = contributor_client.post(panels_url(own), data)

    assert text_of(response.content.decode(), "#preview-share .share-preview__title") == (
        "News: Mine"
    )


def test_the_panels_answer_only_signed_in_staff_with_a_csrf_token_by_post(editor, op_ed):
    assert Client().post(panels_url(op_ed), {}).status_code == 302  # to the login page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(panels_url(op_ed), {}).status_code == 403
    assert strict.get(panels_url(op_ed)).status_code == 405


def test_the_panels_are_private_like_every_admin_page(admin_client, op_ed):
    response = admin_client.post(panels_url(op_ed), {})

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert unescape(response.content.decode()).count('id="editing-panels"') == 1
