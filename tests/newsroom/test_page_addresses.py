"""A published site page's former addresses keep working after its slug changes, as an
article's do: a 301 to where the page is now."""

import pytest

from newsroom.models import SitePage, SitePageRedirect
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.admin_forms import form_data, saved
from tests.factories import SitePageFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/newsroom/sitepage/{}/change/"


def rename(page: SitePage, slug: str) -> None:
    page.slug = slug
    page.save()


def former_addresses() -> dict[str, int]:
    return dict(SitePageRedirect.objects.values_list("old_slug", "page"))


def test_two_renames_in_a_row_both_redirect_to_the_newest(client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    rename(page, "who-we-are")

    assert client.get("/about/")["Location"] == "/who-we-are/"
    assert client.get("/about-us/")["Location"] == "/who-we-are/"
    assert client.get("/who-we-are/").status_code == 200


def test_a_former_address_keeps_the_query_it_was_asked_with(client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    plain = client.get("/about/")

    response = client.get("/about/?utm_source=newsletter&ref=a%26b")

    assert response.status_code == 301
    assert response["Location"] == "/about-us/?utm_source=newsletter&ref=a%26b"
    assert response["Cache-Control"] == plain["Cache-Control"]


def test_renaming_back_removes_the_redirect_so_nothing_loops(client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    rename(page, "about")

    assert client.get("/about/").status_code == 200
    assert client.get("/about-us/")["Location"] == "/about/"
    assert former_addresses() == {"about-us": page.pk}


def test_a_draft_renamed_leaves_no_former_address(client):
    page = SitePageFactory(title="Careers", slug="careers", status=SitePage.Status.DRAFT)
    rename(page, "jobs")

    assert former_addresses() == {}
    assert client.get("/careers/").status_code == 404


def test_the_former_address_of_a_page_taken_down_is_404_until_it_is_published_again(client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    page.status = SitePage.Status.DRAFT
    page.save()

    assert client.get("/about/").status_code == 404

    page.status = SitePage.Status.PUBLISHED
    page.save()
    assert client.get("/about/")["Location"] == "/about-us/"


def test_a_page_at_another_pages_former_address_answers_it_itself(client):
    about = SitePageFactory(title="About", slug="about")
    rename(about, "about-us")
    SitePageFactory(title="About the fund", slug="about")

    response = client.get("/about/")

    assert response.status_code == 200
    assert "<h1>About the fund</h1>" in response.content.decode()
    assert former_addresses() == {"about": about.pk}


def test_a_kept_copy_of_the_old_address_is_retired_by_the_rename(client):
    page = SitePageFactory(title="About", slug="about")
    client.get("/about/")
    assert client.get("/about/")[CACHE_STATUS_HEADER] == "hit"

    rename(page, "about-us")

    assert client.get("/about/").status_code == 301


def test_the_page_form_lists_its_former_addresses_and_an_editor_frees_one(editor_client, client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    url = CHANGE.format(page.pk)
    response = editor_client.get(url)
    assert "Former addresses" in response.content.decode()

    saved(editor_client, url, **{"slug_redirects-0-DELETE": "on"})

    assert former_addresses() == {}
    assert client.get("/about/").status_code == 404


def test_a_page_form_cannot_free_another_pages_former_address(editor_client):
    about = SitePageFactory(title="About", slug="about")
    rename(about, "about-us")
    other = SitePageFactory(title="Contacts", slug="contacts")
    forged = SitePageRedirect.objects.get().pk
    url = CHANGE.format(other.pk)
    data = form_data(editor_client.get(url))
    data.update(
        {
            "slug_redirects-TOTAL_FORMS": "1",
            "slug_redirects-INITIAL_FORMS": "1",
            "slug_redirects-0-id": str(forged),
            "slug_redirects-0-page": str(other.pk),
            "slug_redirects-0-DELETE": "on",
        }
    )

    editor_client.post(url, data)

    assert former_addresses() == {"about": about.pk}


def test_a_contributor_cannot_free_a_former_address(contributor_client):
    page = SitePageFactory(title="About", slug="about")
    rename(page, "about-us")
    forged = SitePageRedirect.objects.get().pk

    response = contributor_client.post(
        CHANGE.format(page.pk),
        {
            "title": "About",
            "slug": "about-us",
            "status": "published",
            "slug_redirects-TOTAL_FORMS": "1",
            "slug_redirects-INITIAL_FORMS": "1",
            "slug_redirects-0-id": str(forged),
            "slug_redirects-0-DELETE": "on",
        },
    )

    assert response.status_code == 403
    assert former_addresses() == {"about": page.pk}


def test_an_address_typed_with_capitals_answers_301_to_the_published_page(client):
    SitePageFactory(title="About", slug="about")
    SitePageFactory(title="Careers", slug="careers", status=SitePage.Status.DRAFT)

    response = client.get("/About/")

    assert (response.status_code, response["Location"]) == (301, "/about/")
    assert client.get("/Careers/").status_code == 404
