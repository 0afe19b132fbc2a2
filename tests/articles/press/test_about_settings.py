"""The organisation's "About" paragraph in the site settings: edited once, with its history."""

import pytest
from reversion.models import Version

from articles.models import Article
from newsroom.models import SiteSettings
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, PressContactFactory

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/newsroom/sitesettings/1/"


def save_about(client, text: str) -> None:
    response = client.get(f"{SETTINGS_URL}change/")
    response = client.post(f"{SETTINGS_URL}change/", form_data(response, boilerplate=text))
    assert response.status_code == 302, errors_on(response)


@pytest.fixture
def settings_row():
    SiteSettings().save()


@pytest.mark.usefixtures("settings_row")
def test_an_editor_writes_the_about_paragraph_once_for_every_release(editor_client, client):
    ArticleFactory(kind=Article.Kind.PRESS_RELEASE, slug="one")
    ArticleFactory(kind=Article.Kind.PRESS_RELEASE, slug="two")

    save_about(editor_client, "<p>Northwind Labs makes <script>x()</script>field tools.</p>")

    assert SiteSettings.objects.get().boilerplate == "<p>Northwind Labs makes field tools.</p>"
    for slug in ("one", "two"):
        assert "Northwind Labs makes field tools." in client.get(f"/news/{slug}/").content.decode()
    assert "Northwind Labs makes field tools." in client.get("/press/").content.decode()


@pytest.mark.usefixtures("settings_row")
def test_the_about_paragraph_has_a_history_to_compare_and_restore(editor_client, client):
    save_about(editor_client, "<p>Northwind Labs makes field tools.</p>")
    save_about(editor_client, "<p>Northwind Labs makes tools for field research.</p>")
    older, newer = Version.objects.get_for_model(SiteSettings).order_by("pk")

    history = editor_client.get(f"{SETTINGS_URL}history/")
    compare = editor_client.get(
        f"{SETTINGS_URL}history/compare/", {"from": older.pk, "to": newer.pk}
    )
    restore = f"{SETTINGS_URL}history/{older.pk}/"
    restored = editor_client.post(restore, form_data(editor_client.get(restore)))

    assert len(history.context["revisions"]) == 2
    assert "Restore this version" in history.content.decode()
    assert [change.label for change in compare.context["changes"]] == [
        "“About” paragraph (boilerplate)"
    ]
    assert (
        "Northwind Labs makes <ins>tools for </ins>field <del>tools</del> <ins>research</ins>."
        in compare.content.decode()
    )
    assert restored.status_code == 302
    assert SiteSettings.objects.get().boilerplate == "<p>Northwind Labs makes field tools.</p>"
    assert "makes field tools." in client.get("/press/").content.decode()


@pytest.mark.usefixtures("settings_row")
def test_a_contributor_neither_edits_the_about_paragraph_nor_reads_its_history(
    contributor_client, editor_client
):
    save_about(editor_client, "<p>Northwind Labs makes field tools.</p>")
    forged = form_data(editor_client.get(f"{SETTINGS_URL}change/"), boilerplate="<p>Defaced</p>")
    [version] = Version.objects.get_for_model(SiteSettings)

    assert contributor_client.post(f"{SETTINGS_URL}change/", forged).status_code == 403
    assert contributor_client.get(f"{SETTINGS_URL}history/").status_code == 403
    assert contributor_client.get(f"{SETTINGS_URL}history/{version.pk}/").status_code == 403
    assert SiteSettings.objects.get().boilerplate == "<p>Northwind Labs makes field tools.</p>"


def test_an_editor_gives_a_release_its_own_paragraph_and_contacts_in_its_form(editor_client):
    ruth = PressContactFactory(name="Ruth Calloway", for_releases=False)
    piece = ArticleFactory(kind=Article.Kind.PRESS_RELEASE)
    url = f"/admin/articles/article/{piece.pk}/change/"

    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            press_contacts=[str(ruth.pk)],
            boilerplate="<p>Northwind Studios makes games.</p>",
        ),
    )

    assert response.status_code == 302, errors_on(response)
    piece.refresh_from_db()
    assert piece.boilerplate == "<p>Northwind Studios makes games.</p>"
    assert list(piece.press_contacts.all()) == [ruth]
