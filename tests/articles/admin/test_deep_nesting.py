"""Rich text nested deeper than any browser shows a page is refused on its field before the
sanitiser parses it (a parser's time on it grows with the square of its depth): the form comes
back with what was typed, and nothing is saved."""

from html import unescape

import pytest

from articles.models import Article, DraftBuffer
from newsroom import richtext
from newsroom.models import SitePage
from tests.admin_forms import form_data, saved
from tests.articles.admin.autosave_requests import draft_fixture, keep  # noqa: F401
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db

DEEP_LISTS = "<ul><li>" * 20_000 + "words"
DEEP_DIVS = "<div>" * 20_000 + "words"
REFUSAL = (
    "This text is nested more than 512 levels deep (elements inside elements), deeper than any "
    "browser shows a page. Paste it again as plain text, or simplify it."
)


class NeverGivenTheDeepText:
    """A sanitiser's cleaner that fails the test when handed the deep text (the only text of
    these tests over 50,000 characters)."""

    def __init__(self, cleaner):
        self.cleaner = cleaner

    def clean(self, html):
        assert len(html) < 50_000, "the sanitiser parsed text it should have refused"
        return self.cleaner.clean(html)


@pytest.fixture
def unsanitised(monkeypatch):
    monkeypatch.setattr(richtext, "_cleaner", NeverGivenTheDeepText(richtext._cleaner))
    monkeypatch.setattr(richtext, "_block_cleaner", NeverGivenTheDeepText(richtext._block_cleaner))


@pytest.mark.parametrize("deep", [DEEP_LISTS, DEEP_DIVS], ids=["lists", "divs"])
def test_a_body_nested_twenty_thousand_levels_is_refused_on_its_field_with_the_form_kept(
    editor_client, unsanitised, deep
):
    article = ArticleFactory(
        headline="Plan in seasons", body="<p>As saved.</p>", status=Article.Status.DRAFT
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(editor_client.get(url), headline="Plan in seasons, not years", body=deep)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["body"] == [REFUSAL]
    assert list(form.errors) == ["body"]
    assert REFUSAL in unescape(response.content.decode())
    assert form["headline"].value() == "Plan in seasons, not years"
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Plan in seasons", "<p>As saved.</p>")


def test_an_introduction_nested_too_deep_is_refused_on_its_field(editor_client, unsanitised):
    article = ArticleFactory(body="<p>As saved.</p>", status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/change/"

    response = editor_client.post(url, form_data(editor_client.get(url), introduction=DEEP_DIVS))

    assert response.context["adminform"].form.errors["introduction"] == [REFUSAL]


def test_a_list_fifty_levels_deep_is_saved(editor_client):
    article = ArticleFactory(body="<p>As saved.</p>", status=Article.Status.DRAFT)
    deep_list = "<ul><li><p>point</p>" * 50 + "</li></ul>" * 50

    saved(editor_client, f"/admin/articles/article/{article.pk}/change/", body=deep_list)

    article.refresh_from_db()
    assert article.body.count("<ul><li><p>point</p>") == 50


def test_a_site_page_nested_too_deep_is_refused_on_its_field(admin_client, unsanitised):
    page = SitePageFactory(title="About", body="<p>Who we are.</p>")
    url = f"/admin/newsroom/sitepage/{page.pk}/change/"

    response = admin_client.post(url, form_data(admin_client.get(url), body=DEEP_LISTS))

    assert response.context["adminform"].form.errors["body"] == [REFUSAL]
    assert SitePage.objects.get().body == "<p>Who we are.</p>"


def test_an_autosave_of_a_body_nested_too_deep_is_refused_saying_why(editor_client, draft):
    keep(editor_client, draft, {"headline": "Kept before"})

    response = keep(editor_client, draft, {"headline": "Plan", "body": DEEP_LISTS})

    assert response.status_code == 422
    assert response.json() == {
        "error": "Your latest changes could not be kept: the body is nested more than 512 "
        "levels deep (elements inside elements), deeper than any browser shows a page. Paste "
        "it again as plain text, or simplify it."
    }
    assert DraftBuffer.objects.get().fields == {"headline": "Kept before"}


def test_an_autosave_of_a_deep_but_legal_list_is_kept(editor_client, draft):
    deep_list = "<ul><li>point" * 50 + "</li></ul>" * 50

    response = keep(editor_client, draft, {"body": deep_list})

    assert response.status_code == 200
    assert DraftBuffer.objects.get().fields == {"body": deep_list}
