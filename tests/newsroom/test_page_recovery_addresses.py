"""A deleted site page keeps its former addresses, as a deleted article does: they are noted
with its deletion and come back with it, in the admin or from code, except one another page
lives at or used to have by then, which stays that page's. Only editors recover a page, and
only from a version of a deleted page."""

from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Version

from newsroom.models import DeletedSitePage, SitePage, SitePageRedirect
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db

RECOVER = "/admin/newsroom/sitepage/recover/{}/"


def renamed_twice_and_deleted() -> int:
    """A published page renamed from "about" to "about-us", then to "who-we-are", kept in a
    revision and deleted: its id."""
    page = SitePageFactory(title="About", slug="about")
    for slug in ("about-us", "who-we-are"):
        page.slug = slug
        page.save()
    with reversion.create_revision():
        page.save()
    pk = page.pk
    page.delete()
    return pk


def deleted_version() -> Version:
    (version,) = Version.objects.get_deleted(SitePage)
    return version


def recover_from_code() -> SitePage:
    version = deleted_version()
    version.revision.revert()
    return SitePage.objects.get(pk=version.object_id)


def former_addresses() -> dict[str, int]:
    return dict(SitePageRedirect.objects.values_list("old_slug", "page"))


def test_the_deletion_notes_the_former_addresses_and_frees_them(client):
    pk = renamed_twice_and_deleted()

    kept = DeletedSitePage.objects.get(page_id=pk)
    assert [address["slug"] for address in kept.former_addresses] == ["about", "about-us"]
    assert former_addresses() == {}
    assert client.get("/about/").status_code == 404


def test_a_page_recovered_in_the_admin_answers_its_former_addresses_again(editor_client, client):
    pk = renamed_twice_and_deleted()
    keys = [address["id"] for address in DeletedSitePage.objects.get().former_addresses]
    url = RECOVER.format(deleted_version().pk)

    response = editor_client.post(url, form_data(editor_client.get(url)))

    assert response.status_code == 302
    assert former_addresses() == {"about": pk, "about-us": pk}
    assert sorted(SitePageRedirect.objects.values_list("pk", flat=True)) == sorted(keys)
    assert client.get("/about/")["Location"] == "/who-we-are/"
    assert client.get("/about-us/")["Location"] == "/who-we-are/"
    assert client.get("/who-we-are/").status_code == 200
    assert not DeletedSitePage.objects.exists()


def test_opening_the_recover_page_brings_nothing_back(editor_client, client):
    pk = renamed_twice_and_deleted()

    assert editor_client.get(RECOVER.format(deleted_version().pk)).status_code == 200

    assert former_addresses() == {}
    assert not SitePage.objects.exists()
    assert DeletedSitePage.objects.filter(page_id=pk).exists()
    assert client.get("/about/").status_code == 404


def test_a_page_recovered_from_code_has_them_back_with_when_each_was_left():
    page = SitePageFactory(title="About", slug="about")
    page.slug = "about-us"
    page.save()
    long_ago = timezone.now() - timedelta(days=400)
    SitePageRedirect.objects.update(created_at=long_ago)
    with reversion.create_revision():
        page.save()
    page.delete()

    recovered = recover_from_code()

    assert former_addresses() == {"about": recovered.pk}
    assert SitePageRedirect.objects.get().created_at == long_ago


def test_a_former_address_another_page_lives_at_now_stays_that_pages(client):
    pk = renamed_twice_and_deleted()
    other = SitePageFactory(title="About the fund", slug="about")

    recover_from_code()

    assert former_addresses() == {"about-us": pk}
    assert "<h1>About the fund</h1>" in client.get("/about/").text
    other.refresh_from_db()
    assert other.slug == "about"


def test_a_former_address_another_page_left_meanwhile_stays_with_that_page(client):
    pk = renamed_twice_and_deleted()
    other = SitePageFactory(title="About the fund", slug="about")
    other.slug = "the-fund"
    other.save()

    recover_from_code()

    assert former_addresses() == {"about": other.pk, "about-us": pk}
    assert client.get("/about/")["Location"] == "/the-fund/"


def test_an_article_at_a_former_address_takes_nothing_from_the_page(client):
    # Articles live under /news/: the same slug there is another address.
    pk = renamed_twice_and_deleted()
    ArticleFactory(headline="About", slug="about")

    recover_from_code()

    assert former_addresses() == {"about": pk, "about-us": pk}


def test_a_contributor_cannot_recover_a_page_nor_list_deleted_ones(contributor_client):
    renamed_twice_and_deleted()
    url = RECOVER.format(deleted_version().pk)

    assert contributor_client.get("/admin/newsroom/sitepage/recover/").status_code == 403
    assert contributor_client.get(url).status_code == 403
    posted = contributor_client.post(url, {"title": "About", "slug": "who-we-are"})

    assert posted.status_code == 403
    assert not SitePage.objects.exists()
    assert former_addresses() == {}
    assert DeletedSitePage.objects.count() == 1


def test_a_forged_version_recovers_nothing(editor_client):
    renamed_twice_and_deleted()
    live = SitePageFactory(title="Contacts", slug="contacts")
    with reversion.create_revision():
        live.save()
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    with reversion.create_revision():
        article.save()
    article.delete()
    forged = [
        Version.objects.get_for_object(live).get(),
        *Version.objects.get_deleted(type(article)),
    ]

    for version in forged:
        url = RECOVER.format(version.pk)
        assert editor_client.get(url).status_code == 404
        assert editor_client.post(url, {"title": "X", "slug": "x"}).status_code == 404

    assert list(SitePage.objects.values_list("slug", flat=True)) == ["contacts"]
    assert former_addresses() == {}


def test_pruning_the_last_revision_of_a_deleted_page_forgets_its_addresses():
    pk = renamed_twice_and_deleted()

    Version.objects.get_deleted(SitePage).delete()

    assert not DeletedSitePage.objects.filter(page_id=pk).exists()
