import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from newsroom.models import SitePage, SiteSettings
from tests.factories import SitePageFactory

pytestmark = pytest.mark.django_db


def test_a_published_site_page_is_served_at_its_slug(client):
    SitePageFactory(
        title="Media contacts",
        slug="media-contacts",
        body="<p>Write to press@example.com.</p>",
        seo_description="How to reach our press team.",
    )

    response = client.get("/media-contacts/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Media contacts</h1>" in html
    assert "<p>Write to press@example.com.</p>" in html
    assert '<meta name="description" content="How to reach our press team.">' in html
    assert "<title>Media contacts · Newsroom</title>" in html


def test_a_draft_site_page_is_404(client):
    SitePageFactory(slug="careers", status=SitePage.Status.DRAFT)

    assert client.get("/careers/").status_code == 404


def test_navigation_lists_published_pages_in_their_order(client):
    SitePageFactory(title="Press kit", nav_order=3)
    SitePageFactory(title="About", nav_order=1)
    SitePageFactory(title="Hidden", show_in_navigation=False)
    SitePageFactory(title="Draft", status=SitePage.Status.DRAFT)

    html = client.get("/news/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]

    assert nav.index(">News<") < nav.index(">About<") < nav.index(">Press kit<")
    assert "Hidden" not in nav
    assert "Draft" not in nav


def test_site_page_body_is_sanitised_on_save():
    page = SitePageFactory(body='<p>Hi</p><script>alert(1)</script><img src=x onerror="x()">')
    page.refresh_from_db()

    assert page.body == "<p>Hi</p>"


@pytest.mark.parametrize("slug", ["news", "admin", "static", "healthz"])
def test_site_page_slugs_used_by_the_site_are_refused(slug):
    with pytest.raises(ValidationError) as error:
        SitePageFactory.build(slug=slug).full_clean()

    assert "already used by the site" in str(error.value)


def test_site_settings_default_without_writing_and_stay_a_single_row(django_assert_num_queries):
    with django_assert_num_queries(1):
        settings = SiteSettings.load()
    assert settings.site_name == "Newsroom"
    assert not SiteSettings.objects.exists()

    SiteSettings(site_name="First").save()
    SiteSettings(site_name="Second").save()

    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().site_name == "Second"


def test_site_settings_admin_opens_the_single_row(admin_client):
    response = admin_client.get("/admin/newsroom/sitesettings/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/sitesettings/1/change/"
    assert admin_client.get(response["Location"]).status_code == 200


def test_site_page_admin_pages_render(admin_client):
    page = SitePageFactory()

    assert admin_client.get("/admin/newsroom/sitepage/").status_code == 200
    assert admin_client.get("/admin/newsroom/sitepage/add/").status_code == 200
    assert admin_client.get(f"/admin/newsroom/sitepage/{page.pk}/change/").status_code == 200


def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("newsroom.views.connection.cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_unknown_addresses_get_the_site_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "head"])
def test_favicon_ico_points_to_the_site_icon_for_as_long_as_a_reader_page_is_kept(
    client, settings, method
):
    settings.PAGE_MAX_AGE = 120

    response = getattr(client, method)("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    # Not for ever, as browsers keep a permanent redirect that says nothing: the icon's address
    # changes with the icon.
    assert response["Cache-Control"] == "public, max-age=120"


def test_healthz_answers_a_load_balancer_asking_a_server_by_its_own_address(client, settings):
    """A load balancer checks each app server at its own address over plain http: in production
    neither the Host (not in ALLOWED_HOSTS) nor the scheme (redirected to https) would do."""
    settings.ALLOWED_HOSTS = ["news.example.com"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # Every other address is still refused at that Host, and redirected at the site's own.
    assert client.get("/news/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    assert client.get("/news/", HTTP_HOST="news.example.com").status_code == 301
