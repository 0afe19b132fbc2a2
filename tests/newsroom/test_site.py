"""The site's settings and header navigation as a request reads them (`newsroom.site`): once
each, and with a cache that keeps nothing, both in one query, in the database's own order."""

import pytest

from newsroom.models import SitePage, SiteSettings
from newsroom.site import Site
from tests.factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db


def navigation_in_database_order() -> list[str]:
    return list(SitePage.objects.in_navigation().values_list("title", flat=True))


def make_navigation() -> None:
    """Pages whose order needs the database: ties on `nav_order` put in order by title, in
    upper and lower case and with accents; and pages the navigation leaves out."""
    for title, nav_order in [
        ("beta", 1),
        ("Alpha", 1),
        ("Émile", 1),
        ("alpha two", 1),
        ("Zeta", 0),
        ("Last", 2),
    ]:
        SitePageFactory(title=title, nav_order=nav_order, show_in_navigation=True)
    SitePageFactory(title="Draft", show_in_navigation=True, status=SitePage.Status.DRAFT)
    SitePageFactory(title="Imprint", show_in_navigation=False)


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_settings_and_navigation_come_in_one_query(
    django_assert_num_queries,
):
    SiteSettings(site_name="Harbour Gazette").save()
    make_navigation()
    expected = navigation_in_database_order()
    addresses = [page.get_absolute_url() for page in SitePage.objects.in_navigation()]

    site = Site()
    with django_assert_num_queries(1):
        assert site.settings.site_name == "Harbour Gazette"
        titles = [page.title for page in site.navigation]
        assert [page.get_absolute_url() for page in site.navigation] == addresses

    assert titles == expected
    assert (titles[0], titles[-1]) == ("Zeta", "Last")
    assert "Draft" not in titles


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_the_navigation_may_be_read_first(django_assert_num_queries):
    SiteSettings(site_name="Harbour Gazette").save()
    make_navigation()

    expected = navigation_in_database_order()

    site = Site()
    with django_assert_num_queries(1):
        assert [page.title for page in site.navigation] == expected
        assert site.settings.site_name == "Harbour Gazette"


@pytest.mark.usefixtures("nothing_kept")
def test_settings_never_saved_are_the_defaults_and_the_navigation_is_still_read(
    django_assert_num_queries,
):
    make_navigation()
    expected = navigation_in_database_order()

    site = Site()
    with django_assert_num_queries(2):
        assert site.settings.site_name == SiteSettings().site_name
        assert [page.title for page in site.navigation] == expected
    assert not SiteSettings.objects.exists()  # reading never writes


@pytest.mark.usefixtures("nothing_kept")
def test_a_site_without_navigation_pages_reads_an_empty_navigation(django_assert_num_queries):
    SiteSettings(site_name="Harbour Gazette").save()
    SitePageFactory(title="Imprint", show_in_navigation=False)

    site = Site()
    with django_assert_num_queries(1):
        assert site.navigation == []
        assert site.settings.site_name == "Harbour Gazette"


def test_with_the_cache_in_use_each_is_kept_until_the_site_changes(django_assert_num_queries):
    SiteSettings(site_name="Harbour Gazette").save()
    make_navigation()
    expected = navigation_in_database_order()
    with django_assert_num_queries(2):
        assert Site().settings.site_name == "Harbour Gazette"
        assert len(Site().navigation) == len(expected)

    with django_assert_num_queries(0):
        assert Site().settings.site_name == "Harbour Gazette"
        assert [page.title for page in Site().navigation] == expected

    SitePageFactory(title="Contact", nav_order=3, show_in_navigation=True)
    assert [page.title for page in Site().navigation][-1] == "Contact"


@pytest.mark.usefixtures("nothing_kept")
def test_with_nothing_kept_a_page_shows_the_site_and_names_it_for_the_edge(client):
    SiteSettings(site_name="Harbour Gazette").save()
    make_navigation()
    article = ArticleFactory(slug="story")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert "Harbour Gazette" in text
    positions = [text.index(f">{title}<") for title in navigation_in_database_order()]
    assert positions == sorted(positions)
    assert ">Draft<" not in text
    assert ">Imprint<" not in text
    assert "site" in response["xkey"].split()
