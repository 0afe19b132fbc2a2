"""Restoring an old version of a site page keeps the address it had until then working: readers
following it are sent (301) to the address the restored version brings back, as an article's
are. Only editors restore, and only a version of the page itself."""

import pytest
import reversion
from reversion.models import Version

from newsroom.models import SitePage, SitePageRedirect
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db


def kept_version(page) -> Version:
    with reversion.create_revision():
        page.save()
    return Version.objects.get_for_object(page).first()


def restore_url(page, version) -> str:
    return f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/"


def former_addresses() -> dict[str, int]:
    return dict(SitePageRedirect.objects.values_list("old_slug", "page"))


def renamed_since_its_version(**fields) -> tuple[SitePage, Version]:
    """A page at /about/ kept in a version, then renamed to /about-us/."""
    page = SitePageFactory(title="About", slug="about", **fields)
    version = kept_version(page)
    page.title, page.slug = "About us", "about-us"
    page.save()
    return page, version


def test_restoring_a_version_at_another_address_redirects_from_the_current_one(
    editor_client, client
):
    page, version = renamed_since_its_version()
    assert former_addresses() == {"about": page.pk}

    shown = editor_client.get(restore_url(page, version))
    response = editor_client.post(restore_url(page, version), form_data(shown))

    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.slug) == ("About", "about")
    # The version's own address is the page's again, the one it leaves redirects to it.
    assert former_addresses() == {"about-us": page.pk}
    assert client.get("/about/").status_code == 200
    moved = client.get("/about-us/")
    assert moved.status_code == 301
    assert moved["Location"] == "/about/"


def test_restoring_a_version_of_a_draft_at_another_address_leaves_no_redirect(editor_client):
    page, version = renamed_since_its_version(status=SitePage.Status.DRAFT)

    shown = editor_client.get(restore_url(page, version))
    editor_client.post(restore_url(page, version), form_data(shown))

    page.refresh_from_db()
    assert page.slug == "about"
    assert former_addresses() == {}


def test_opening_a_version_to_restore_it_changes_nothing(editor_client, client):
    page, version = renamed_since_its_version()

    shown = editor_client.get(restore_url(page, version))

    assert shown.status_code == 200
    assert shown.context["adminform"].form["slug"].value() == "about"
    page.refresh_from_db()
    assert page.slug == "about-us"
    assert former_addresses() == {"about": page.pk}
    assert client.get("/about/")["Location"] == "/about-us/"


def test_a_contributor_cannot_restore_a_site_page_version(contributor_client):
    page, version = renamed_since_its_version()

    shown = contributor_client.get(restore_url(page, version))
    posted = contributor_client.post(
        restore_url(page, version), {"title": "About", "slug": "about", "status": "published"}
    )

    assert (shown.status_code, posted.status_code) == (403, 403)
    page.refresh_from_db()
    assert page.slug == "about-us"
    assert former_addresses() == {"about": page.pk}


def test_a_version_of_another_page_or_of_an_article_is_not_restored_over_a_page(editor_client):
    page, _ = renamed_since_its_version()
    other = SitePageFactory(title="Contacts", slug="contacts")
    others = kept_version(other)
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    with reversion.create_revision():
        article.save()
    articles = Version.objects.get_for_object(article).first()

    for forged in (others, articles):
        url = restore_url(page, forged)
        assert editor_client.get(url).status_code == 404
        assert editor_client.post(url, {"title": "X", "slug": "x"}).status_code == 404

    page.refresh_from_db()
    other.refresh_from_db()
    assert (page.slug, other.slug) == ("about-us", "contacts")
    assert former_addresses() == {"about": page.pk}
