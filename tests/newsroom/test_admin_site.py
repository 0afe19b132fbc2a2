"""The admin site answers /admin/ with an app's home page for the people it is meant for."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from articles.models import Article, Author
from newsroom.admin_site import NewsroomAdminSite
from newsroom.models import SitePage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SitePageFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_project_admin_is_the_newsroom_site():
    assert isinstance(admin.site, NewsroomAdminSite)
    assert admin.site.name == "admin"


def test_the_home_view_answers_the_index_only_for_those_it_is_shown_to(rf):
    site = NewsroomAdminSite(name="elsewhere")
    site.set_home(
        lambda request, s: HttpResponse(f"home of {s.name}"),
        shown_to=lambda user: user.is_authenticated,
    )
    request = rf.get("/admin/")

    request.user = UserFactory(is_staff=True)
    assert site.index(request).content == b"home of elsewhere"

    request.user = AnonymousUser()
    assert site.index(request).template_name == "admin/index.html"


def test_added_pages_are_served_before_the_models_and_once_each():
    site = NewsroomAdminSite(name="elsewhere")

    def pages(s):
        return [path("desk/", lambda request: HttpResponse(), name="desk")]

    site.add_pages(pages)
    site.add_pages(pages)

    names = [pattern.name for pattern in site.get_urls()]
    assert names.count("desk") == 1
    assert names.index("desk") < names.index("index")


# "View on site": only to what the user may open in the admin.


def view_on_site(model, pk) -> str:
    return f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{pk}/"


def test_view_on_site_leads_an_editor_to_any_piece(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, slug="zephyrcorp-to-buy-northwind")

    response = editor_client.get(view_on_site(Article, draft.pk))

    assert response.status_code == 302
    assert response["Location"] == "/news/zephyrcorp-to-buy-northwind/"


def test_view_on_site_does_not_spell_out_someone_elses_draft(contributor, contributor_client):
    hidden = ArticleFactory(
        status=Article.Status.DRAFT,
        slug="zephyrcorp-to-buy-northwind",
        created_by=StaffFactory(username="ed", group="Editors"),
    )
    own = ArticleFactory(status=Article.Status.DRAFT, slug="my-draft", created_by=contributor)

    refused = contributor_client.get(view_on_site(Article, hidden.pk))
    missing = contributor_client.get(view_on_site(Article, hidden.pk + 1000))

    assert refused.status_code == missing.status_code == 404
    assert "zephyrcorp" not in refused.get("Location", "") + refused.content.decode()
    assert contributor_client.get(view_on_site(Article, own.pk))["Location"] == "/news/my-draft/"


def test_view_on_site_needs_permission_to_view_the_model():
    author = AuthorFactory(slug="dana")
    browser = Client()
    browser.force_login(UserFactory(username="nobody", is_staff=True))

    assert browser.get(view_on_site(Author, author.pk)).status_code == 404

    viewer = UserFactory(username="vera", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_author"))
    browser.force_login(viewer)
    assert browser.get(view_on_site(Author, author.pk))["Location"] == "/news/authors/dana/"


def test_view_on_site_follows_what_the_admin_shows(editor_client):
    """A draft site page has no public address, so its admin names none."""
    draft = SitePageFactory(status="draft")

    assert editor_client.get(view_on_site(SitePage, draft.pk)).status_code == 404


@pytest.mark.parametrize("address", ["/admin/r/999999/1/", "/admin/r/1/not-an-id/"])
def test_view_on_site_of_nothing_is_a_404(editor_client, address):
    assert editor_client.get(address).status_code == 404
