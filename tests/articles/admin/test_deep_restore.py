"""Rich text stored nested deeper than the form now takes (saved before that rule, by an older
import, say) does not break restoring or recovering a version of it: the form comes back with
the refusal on the body, and nothing is saved. Readers' pages show such text as stored."""

from html import unescape

import pytest
import reversion
from reversion.models import Version

from articles.models import Article
from newsroom.models import SitePage
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db

DEEP = "<div>" * 600 + "<p>Words from the old import.</p>" + "</div>" * 600
REFUSAL = (
    "This text is nested more than 512 levels deep (elements inside elements), deeper than any "
    "browser shows a page. Paste it again as plain text, or simplify it."
)


def stored_deep(obj) -> None:
    """Store `obj`'s body nested 600 levels deep, past the sanitiser."""
    type(obj).objects.filter(pk=obj.pk).update(body=DEEP)


def kept_deep(obj) -> Version:
    """Keep `obj` with its body nested 600 levels deep as a version, as stored before the rule."""
    stored_deep(obj)
    stored = type(obj).objects.get(pk=obj.pk)
    with reversion.create_revision():
        reversion.add_to_revision(stored)
    return Version.objects.get_for_object(stored).first()


def refused_on_the_body(response) -> None:
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"body": [REFUSAL]}
    for inline in response.context["inline_admin_formsets"]:
        assert not inline.formset.non_form_errors()
    assert REFUSAL in unescape(response.content.decode())


def test_restoring_an_article_version_nested_too_deep_is_refused_on_the_body(editor_client):
    article = ArticleFactory(headline="Harbour plan", body="<p>As saved.</p>")
    version = kept_deep(article)
    Article.objects.filter(pk=article.pk).update(headline="Harbour plan", body="<p>As saved.</p>")
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/"

    response = editor_client.post(url, form_data(editor_client.get(url), headline="Plan kept"))

    refused_on_the_body(response)
    assert response.context["adminform"].form["headline"].value() == "Plan kept"
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Harbour plan", "<p>As saved.</p>")
    assert Version.objects.get_for_object(article).count() == 1


def test_recovering_an_article_nested_too_deep_is_refused_on_the_body(editor_client):
    article = ArticleFactory(headline="Harbour plan")
    kept_deep(article)
    Article.objects.filter(pk=article.pk).delete()
    (version,) = Version.objects.get_deleted(Article)
    url = f"/admin/articles/article/recover/{version.pk}/"

    response = editor_client.post(url, form_data(editor_client.get(url), _continue="Save"))

    refused_on_the_body(response)
    assert not Article.objects.exists()
    assert Version.objects.get_deleted(Article).get() == version


def test_restoring_a_site_page_version_nested_too_deep_is_refused_on_the_body(editor_client):
    page = SitePageFactory(title="About", body="<p>Who we are.</p>")
    version = kept_deep(page)
    SitePage.objects.filter(pk=page.pk).update(body="<p>Who we are.</p>")
    url = f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/"

    refused_on_the_body(editor_client.post(url, form_data(editor_client.get(url))))
    assert SitePage.objects.get().body == "<p>Who we are.</p>"


def test_recovering_a_site_page_nested_too_deep_is_refused_on_the_body(editor_client):
    page = SitePageFactory(title="About")
    kept_deep(page)
    SitePage.objects.filter(pk=page.pk).delete()
    (version,) = Version.objects.get_deleted(SitePage)
    url = f"/admin/newsroom/sitepage/recover/{version.pk}/"

    refused_on_the_body(editor_client.post(url, form_data(editor_client.get(url))))
    assert not SitePage.objects.exists()


def test_readers_see_an_article_and_a_page_stored_nested_too_deep(client):
    article = ArticleFactory(headline="Harbour plan")
    page = SitePageFactory(title="About", status=SitePage.Status.PUBLISHED)
    stored_deep(article)
    stored_deep(page)

    for address in (article.get_absolute_url(), page.get_absolute_url()):
        response = client.get(address)
        assert response.status_code == 200
        assert "Words from the old import." in response.content.decode()


def refused_on_opening(response) -> None:
    """The restore or recover page as it opens shows the refusal on the body, and the note that
    the form has an error, before anything is pressed."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert not form.is_bound
    assert form.errors == {"body": [REFUSAL]}
    html = unescape(response.content.decode())
    assert REFUSAL in html
    assert "Please correct the error below." in html


def test_opening_an_article_version_nested_too_deep_shows_the_refusal_on_the_body(editor_client):
    article = ArticleFactory(headline="Harbour plan", body="<p>As saved.</p>")
    version = kept_deep(article)
    Article.objects.filter(pk=article.pk).update(body="<p>As saved.</p>")

    response = editor_client.get(f"/admin/articles/article/{article.pk}/history/{version.pk}/")

    refused_on_opening(response)
    article.refresh_from_db()
    assert article.body == "<p>As saved.</p>"
    assert Version.objects.get_for_object(article).count() == 1


def test_opening_a_deleted_article_nested_too_deep_shows_the_refusal_on_the_body(editor_client):
    article = ArticleFactory(headline="Harbour plan")
    kept_deep(article)
    Article.objects.filter(pk=article.pk).delete()
    (version,) = Version.objects.get_deleted(Article)

    refused_on_opening(editor_client.get(f"/admin/articles/article/recover/{version.pk}/"))
    assert not Article.objects.exists()
    assert Version.objects.get_deleted(Article).get() == version


def test_opening_a_site_page_version_nested_too_deep_shows_the_refusal_on_the_body(
    editor_client,
):
    page = SitePageFactory(title="About", body="<p>Who we are.</p>")
    version = kept_deep(page)
    SitePage.objects.filter(pk=page.pk).update(body="<p>Who we are.</p>")

    refused_on_opening(
        editor_client.get(f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/")
    )
    assert SitePage.objects.get().body == "<p>Who we are.</p>"
    assert Version.objects.get_for_object(page).count() == 1


def test_opening_a_deleted_site_page_nested_too_deep_shows_the_refusal_on_the_body(
    editor_client,
):
    page = SitePageFactory(title="About")
    kept_deep(page)
    SitePage.objects.filter(pk=page.pk).delete()
    (version,) = Version.objects.get_deleted(SitePage)

    refused_on_opening(editor_client.get(f"/admin/newsroom/sitepage/recover/{version.pk}/"))
    assert not SitePage.objects.exists()


def test_opening_an_ordinary_version_or_deleted_piece_shows_no_refusal(editor_client):
    article = ArticleFactory(headline="Harbour plan", body="<p>As kept.</p>")
    with reversion.create_revision():
        reversion.add_to_revision(article)
    page = SitePageFactory(title="About", body="<p>Who we are.</p>")
    with reversion.create_revision():
        reversion.add_to_revision(page)
    (page_version,) = Version.objects.get_for_object(page)
    SitePage.objects.filter(pk=page.pk).delete()
    (article_version,) = Version.objects.get_for_object(article)

    for url in (
        f"/admin/articles/article/{article.pk}/history/{article_version.pk}/",
        f"/admin/newsroom/sitepage/recover/{page_version.pk}/",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200
        assert not response.context["adminform"].form.errors
        html = unescape(response.content.decode())
        assert "nested more than 512 levels deep" not in html
        assert "Please correct the error" not in html
