"""A restore or a recovery racing another save for one address on PostgreSQL: the page that
loses answers with the error it gives when the address was taken before it was sent, never a
server error, and writes nothing (see `test_saves_racing` for how the other save is held)."""

import pytest
import reversion
from reversion.models import Version

from articles.models import Article
from newsroom.models import SitePage
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, SitePageFactory
from tests.newsroom.test_saves_racing import HeldOpen

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def kept_version(row) -> Version:
    with reversion.create_revision():
        row.save()
    return Version.objects.get_for_object(row).first()


def test_an_article_restored_to_an_address_taken_as_it_is_saved_gets_the_form_back(
    editor_client,
):
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    version = kept_version(piece)
    piece.headline, piece.slug = "Harbour plan approved", "harbour-plan-approved"
    piece.save()
    url = f"/admin/articles/article/{piece.pk}/history/{version.pk}/"
    form = form_data(editor_client.get(url), slug="harbour")

    with HeldOpen(lambda: ArticleFactory(headline="Harbour news", slug="harbour")):
        response = editor_client.post(url, form)

    assert "The address /news/harbour/ is taken by" in errors_on(response)
    assert response.context["adminform"].form["headline"].value() == "Harbour plan"
    piece.refresh_from_db()
    assert (piece.headline, piece.slug) == ("Harbour plan approved", "harbour-plan-approved")


def test_a_deleted_article_recovered_at_an_address_taken_as_it_is_saved_gets_the_form_back(
    editor_client,
):
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    kept_version(piece)
    piece.delete()
    (version,) = Version.objects.get_deleted(Article)
    url = f"/admin/articles/article/recover/{version.pk}/"
    form = form_data(editor_client.get(url), slug="harbour")

    with HeldOpen(lambda: ArticleFactory(headline="Harbour news", slug="harbour")):
        response = editor_client.post(url, form)

    assert "The address /news/harbour/ is taken by" in errors_on(response)
    assert list(Article.objects.values_list("headline", flat=True)) == ["Harbour news"]


def test_a_site_page_restored_to_an_address_taken_as_it_is_saved_gets_the_form_back(
    editor_client,
):
    page = SitePageFactory(title="About", slug="about")
    version = kept_version(page)
    page.title = "About us"
    page.save()
    url = f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/"
    form = form_data(editor_client.get(url), slug="contacts")

    with HeldOpen(lambda: SitePageFactory(title="Contacts", slug="contacts")):
        response = editor_client.post(url, form)

    assert "slug" in response.context["adminform"].form.errors
    assert response.context["adminform"].form["title"].value() == "About"
    page.refresh_from_db()
    assert (page.title, page.slug) == ("About us", "about")


def test_a_deleted_site_page_recovered_at_an_address_taken_as_it_is_saved_gets_the_form_back(
    editor_client,
):
    page = SitePageFactory(title="About", slug="about")
    kept_version(page)
    page.delete()
    (version,) = Version.objects.get_deleted(SitePage)
    url = f"/admin/newsroom/sitepage/recover/{version.pk}/"
    form = form_data(editor_client.get(url), slug="contacts")

    with HeldOpen(lambda: SitePageFactory(title="Contacts", slug="contacts")):
        response = editor_client.post(url, form)

    assert "slug" in response.context["adminform"].form.errors
    assert list(SitePage.objects.values_list("title", flat=True)) == ["Contacts"]


def test_an_article_restored_at_its_versions_address_taken_as_it_is_written_back_gets_the_form_back(
    editor_client,
):
    piece = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    version = kept_version(piece)
    piece.headline, piece.slug = "Harbour plan approved", "harbour-plan-approved"
    piece.save()
    url = f"/admin/articles/article/{piece.pk}/history/{version.pk}/"
    form = form_data(editor_client.get(url))

    with HeldOpen(lambda: ArticleFactory(headline="Harbour news", slug="harbour-plan")):
        response = editor_client.post(url, form)

    assert "The address /news/harbour-plan/ is taken by" in errors_on(response)
    piece.refresh_from_db()
    assert (piece.headline, piece.slug) == ("Harbour plan approved", "harbour-plan-approved")


def test_a_site_page_restored_at_its_versions_address_taken_meanwhile_gets_the_form_back(
    editor_client,
):
    page = SitePageFactory(title="About", slug="about")
    version = kept_version(page)
    page.title, page.slug = "About us", "about-us"
    page.save()
    url = f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/"
    form = form_data(editor_client.get(url))

    with HeldOpen(lambda: SitePageFactory(title="Contacts", slug="about")):
        response = editor_client.post(url, form)

    assert "slug" in response.context["adminform"].form.errors
    assert response.context["adminform"].form["title"].value() == "About"
    page.refresh_from_db()
    assert (page.title, page.slug) == ("About us", "about-us")
    assert SitePage.objects.get(slug="about").title == "Contacts"
