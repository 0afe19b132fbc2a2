"""A site page's former address: renamed, a published page still answers its old address,
with a permanent redirect to the new one."""

import pytest

from newsroom.models import SitePage
from tests.admin_forms import form_data
from tests.factories import SitePageFactory

pytestmark = pytest.mark.django_db


def test_renaming_a_published_site_page_keeps_its_old_address_working(editor_client, client):
    """The old address redirects (301) to the new one, as an article's former address does."""
    page = SitePageFactory(title="About", slug="about", status=SitePage.Status.PUBLISHED)
    assert client.get("/about/").status_code == 200
    url = f"/admin/newsroom/sitepage/{page.pk}/change/"

    response = editor_client.post(url, form_data(editor_client.get(url), slug="about-us"))

    assert response.status_code == 302
    assert client.get("/about-us/").status_code == 200
    old = client.get("/about/")
    assert old.status_code == 301
    assert old["Location"] == "/about-us/"


def test_a_new_page_is_added_with_its_fields_alone(editor_client, client):
    """A page not yet saved has no former address: its form lists none and needs none."""
    form = editor_client.get("/admin/newsroom/sitepage/add/")

    response = editor_client.post(
        "/admin/newsroom/sitepage/add/",
        {
            "title": "Careers",
            "slug": "careers",
            "body": "<p>Work with us.</p>",
            "status": "published",
            "nav_order": "0",
        },
    )

    assert "Former addresses" not in form.content.decode()
    assert response.status_code == 302
    assert client.get("/careers/").status_code == 200
