"""The admin site answers /admin/ with an app's home page for the people it is meant for."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import path

from newsroom.admin_site import NewsroomAdminSite
from tests.factories import UserFactory

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
