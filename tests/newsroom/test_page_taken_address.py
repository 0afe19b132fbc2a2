"""A version of a site page restored, or a deleted page recovered, whose address another page
has by now comes back at a free address, everything else as the version has it, and the
editor is told which address it got and who holds its own. Only editors restore and recover,
and only from a version of the page itself (or of a deleted page)."""

import pytest
import reversion
from django.contrib.messages import get_messages
from reversion.models import Version

from newsroom.models import SitePage, SitePageRedirect
from tests.admin_forms import form_data
from tests.factories import SitePageFactory

pytestmark = pytest.mark.django_db

RECOVER = "/admin/newsroom/sitepage/recover/{}/"


def kept_version(page) -> Version:
    with reversion.create_revision():
        page.save()
    return Version.objects.get_for_object(page).first()


def restore_url(page, version) -> str:
    return f"/admin/newsroom/sitepage/{page.pk}/history/{version.pk}/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def renamed_and_address_taken() -> tuple[SitePage, Version, SitePage]:
    """About at /about/ kept in a version, renamed to /about-us/; Contacts lives at /about/ now."""
    page = SitePageFactory(title="About", slug="about", body="<p>Who we are.</p>")
    version = kept_version(page)
    page.title, page.slug, page.body = "About us", "about-us", "<p>Newer.</p>"
    page.save()
    holder = SitePageFactory(title="Contacts", slug="about")
    return page, version, holder


def deleted_and_address_taken() -> tuple[int, Version, SitePage]:
    """About at /about/ kept in a version and deleted; Contacts lives at /about/ since."""
    page = SitePageFactory(title="About", slug="about", body="<p>Who we are.</p>")
    kept_version(page)
    pk = page.pk
    page.delete()
    holder = SitePageFactory(title="Contacts", slug="about")
    (version,) = Version.objects.get_deleted(SitePage)
    return pk, version, holder


def test_a_restored_version_whose_address_is_taken_keeps_the_pages_present_one(
    editor_client, client
):
    page, version, holder = renamed_and_address_taken()

    shown = editor_client.get(restore_url(page, version))

    assert shown.status_code == 200
    assert shown.context["adminform"].form["slug"].value() == "about-us"
    assert any(
        "/about/" in message and "Contacts" in message and "/about-us/" in message
        for message in messages_of(shown)
    ), messages_of(shown)

    saved = editor_client.post(restore_url(page, version), form_data(shown), follow=True)

    assert saved.status_code == 200
    page.refresh_from_db()
    holder.refresh_from_db()
    assert (page.title, page.slug, page.body) == ("About", "about-us", "<p>Who we are.</p>")
    assert holder.slug == "about"
    assert any("/about-us/" in message for message in messages_of(saved))
    assert "<h1>Contacts</h1>" in client.get("/about/").text
    assert "Who we are." in client.get("/about-us/").text
    # The address the page kept is no former address of anyone's.
    assert dict(SitePageRedirect.objects.values_list("old_slug", "page")) == {"about": page.pk}


def test_a_recovered_page_whose_address_is_taken_gets_a_free_one(editor_client, client):
    pk, version, holder = deleted_and_address_taken()
    url = RECOVER.format(version.pk)

    shown = editor_client.get(url)

    assert shown.status_code == 200
    assert shown.context["adminform"].form["slug"].value() == "about-2"
    assert any(
        "/about/" in message and "Contacts" in message and "/about-2/" in message
        for message in messages_of(shown)
    ), messages_of(shown)

    saved = editor_client.post(url, form_data(shown), follow=True)

    assert saved.status_code == 200
    recovered = SitePage.objects.get(pk=pk)
    assert (recovered.title, recovered.slug, recovered.body) == (
        "About",
        "about-2",
        "<p>Who we are.</p>",
    )
    assert any("/about-2/" in message for message in messages_of(saved))
    holder.refresh_from_db()
    assert holder.slug == "about"
    assert "<h1>Contacts</h1>" in client.get("/about/").text
    assert "Who we are." in client.get("/about-2/").text


def test_the_editor_may_choose_another_free_address_before_saving(editor_client):
    pk, version, _ = deleted_and_address_taken()
    url = RECOVER.format(version.pk)

    saved = editor_client.post(url, form_data(editor_client.get(url), slug="about-the-team"))

    assert saved.status_code == 302
    assert SitePage.objects.get(pk=pk).slug == "about-the-team"


def test_a_contributor_cannot_restore_a_version_whose_address_is_taken(contributor_client):
    page, version, _ = renamed_and_address_taken()
    data = {"title": "About", "slug": "about", "status": "published"}

    assert contributor_client.get(restore_url(page, version)).status_code == 403
    assert contributor_client.post(restore_url(page, version), data).status_code == 403

    page.refresh_from_db()
    assert (page.title, page.slug) == ("About us", "about-us")


def test_a_contributor_cannot_recover_a_page_whose_address_is_taken(contributor_client):
    _, version, holder = deleted_and_address_taken()
    url = RECOVER.format(version.pk)

    assert contributor_client.get(url).status_code == 403
    assert contributor_client.post(url, {"title": "About", "slug": "about"}).status_code == 403

    assert list(SitePage.objects.values_list("pk", "slug")) == [(holder.pk, "about")]


def test_a_forged_version_id_restores_and_recovers_nothing(editor_client):
    page, _, holder = renamed_and_address_taken()
    others = kept_version(holder)

    assert editor_client.get(restore_url(page, others)).status_code == 404
    assert editor_client.post(restore_url(page, others), {"slug": "x"}).status_code == 404
    assert editor_client.get(RECOVER.format(others.pk)).status_code == 404
    assert editor_client.get(RECOVER.format(999999)).status_code == 404

    page.refresh_from_db()
    holder.refresh_from_db()
    assert (page.slug, holder.slug) == ("about-us", "about")
