"""Two editors, one site page, author, press contact or the site settings: a save from a copy
opened before the other's save is refused with the input kept, and saving again replaces the
other's version."""

import json

import pytest
from django.test import Client
from reversion.models import Version

from articles.models import Author, PressContact
from newsroom.models import SitePage, SiteSettings
from tests.admin_forms import errors_on, form_data, saved
from tests.factories import AuthorFactory, PressContactFactory, SitePageFactory, StaffFactory

pytestmark = pytest.mark.django_db

KINDS = {
    "site page": (SitePageFactory, "/admin/newsroom/sitepage/{}/change/", "title"),
    "author": (AuthorFactory, "/admin/articles/author/{}/change/", "name"),
    "press contact": (PressContactFactory, "/admin/articles/presscontact/{}/change/", "name"),
}


def browser_of(first_name: str, last_name: str) -> Client:
    browser = Client()
    browser.force_login(StaffFactory(first_name=first_name, last_name=last_name, group="Editors"))
    return browser


@pytest.mark.parametrize("kind", KINDS)
def test_a_save_from_an_older_copy_is_refused_with_the_input_kept(kind):
    factory, url_of, named = KINDS[kind]
    row = factory()
    url = url_of.format(row.pk)
    ana, tom = browser_of("Ana", "Ribeiro"), browser_of("Tom", "Weiss")
    ana_form, tom_form = form_data(ana.get(url)), form_data(tom.get(url))

    assert ana.post(url, ana_form | {named: "Ana's version"}).status_code == 302
    refused = tom.post(url, tom_form | {named: "Tom's version"})

    errors = errors_on(refused)
    assert f"Ana Ribeiro saved this {kind} at " in errors
    assert "after you opened it. Your changes are not saved yet" in errors
    assert "Tom&#x27;s version" in refused.content.decode()
    row.refresh_from_db()
    assert getattr(row, named) == "Ana's version"

    # Saving the refused form again is a deliberate choice: it replaces Ana's version.
    assert tom.post(url, form_data(refused)).status_code == 302
    row.refresh_from_db()
    assert getattr(row, named) == "Tom's version"


@pytest.mark.parametrize("model", [SitePage, Author, PressContact])
def test_saving_twice_from_ones_own_form_is_not_a_conflict(editor_client, model):
    factory, url_of, named = next(
        value for value in KINDS.values() if value[0]._meta.model is model
    )
    url = url_of.format(factory().pk)

    assert (
        editor_client.post(url, form_data(editor_client.get(url), **{named: "One"})).status_code
        == 302
    )
    assert (
        editor_client.post(url, form_data(editor_client.get(url), **{named: "Two"})).status_code
        == 302
    )


SETTINGS_URL = "/admin/newsroom/sitesettings/1/change/"


def test_a_save_of_the_site_settings_from_an_older_copy_is_refused_with_the_input_kept():
    SiteSettings.objects.create(pk=1, site_name="Harbour Herald", news_heading="News")
    ana, tom = browser_of("Ana", "Ribeiro"), browser_of("Tom", "Weiss")
    ana_form, tom_form = form_data(ana.get(SETTINGS_URL)), form_data(tom.get(SETTINGS_URL))

    saved = ana.post(SETTINGS_URL, ana_form | {"site_name": "The Harbour Herald"})
    assert saved.status_code == 302
    refused = tom.post(
        SETTINGS_URL, tom_form | {"site_name": "Herald", "news_heading": "Latest from the harbour"}
    )

    errors = errors_on(refused)
    assert "Ana Ribeiro saved the site settings at " in errors
    assert "after you opened it. Your changes are not saved yet" in errors
    form = refused.context["adminform"].form
    assert (form["site_name"].value(), form["news_heading"].value()) == (
        "Herald",
        "Latest from the harbour",
    )
    stored = SiteSettings.objects.get()
    assert (stored.site_name, stored.news_heading) == ("The Harbour Herald", "News")

    # Saving the refused form again is a deliberate choice: it replaces Ana's settings.
    assert tom.post(SETTINGS_URL, form_data(refused)).status_code == 302
    stored = SiteSettings.objects.get()
    assert (stored.site_name, stored.news_heading) == ("Herald", "Latest from the harbour")


def test_saving_the_site_settings_twice_from_ones_own_form_is_not_a_conflict(editor_client):
    SiteSettings.objects.create(pk=1)

    for name in ("One", "Two"):
        form = form_data(editor_client.get(SETTINGS_URL), site_name=name)
        assert editor_client.post(SETTINGS_URL, form).status_code == 302
    assert SiteSettings.objects.get().site_name == "Two"


def test_site_settings_saved_before_they_noted_the_time_are_restored_as_any_other(editor_client):
    SiteSettings.objects.create(pk=1)
    saved(editor_client, SETTINGS_URL, site_name="Harbour Herald")
    saved(editor_client, SETTINGS_URL, site_name="Herald")
    oldest = Version.objects.get_for_model(SiteSettings).order_by("pk").first()
    rows = json.loads(oldest.serialized_data)
    del rows[0]["fields"]["updated_at"]
    oldest.serialized_data = json.dumps(rows)
    oldest.save()

    saved(editor_client, f"/admin/newsroom/sitesettings/1/history/{oldest.pk}/")

    assert SiteSettings.objects.get().site_name == "Harbour Herald"


@pytest.mark.parametrize("kind", KINDS)
def test_a_save_from_ones_own_older_copy_says_it_was_ones_own(kind):
    """Saved in another tab, or gone back to the form after saving: the refusal says the save
    was the editor's own rather than naming them as someone else."""
    factory, url_of, named = KINDS[kind]
    row = factory()
    url = url_of.format(row.pk)
    ana = browser_of("Ana", "Ribeiro")
    first_tab, second_tab = form_data(ana.get(url)), form_data(ana.get(url))

    assert ana.post(url, first_tab | {named: "First tab"}).status_code == 302
    refused = ana.post(url, second_tab | {named: "Second tab"})

    errors = errors_on(refused)
    assert f"You saved this {kind} at " in errors
    assert "after this page was opened (in another tab or window" in errors
    assert "Ana Ribeiro" not in errors
    row.refresh_from_db()
    assert getattr(row, named) == "First tab"
