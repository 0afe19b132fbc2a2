"""Restoring a version of an author or a press contact (or recovering a deleted one) whose slug
another has taken since: each holds one slug (one author page, one vCard address). The restore
page opens with the old version and names who holds the slug; saving it with that slug is
refused on the field, with nothing written, until the editor gives another."""

import pytest
import reversion
from django.contrib.messages import get_messages
from reversion.models import Version

from articles.models import Author, PressContact
from tests.admin_forms import form_data
from tests.factories import AuthorFactory, PressContactFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

FACTORIES = {Author: AuthorFactory, PressContact: PressContactFactory}


def kept_version(obj) -> Version:
    with reversion.create_revision():
        obj.save()
    return Version.objects.get_for_object(obj).first()


def admin_path(model) -> str:
    return f"/admin/articles/{model._meta.model_name}/"


def taken_since(model):
    """Someone renamed (and given another slug) after their first version was kept, and another
    row of the same model given that first slug since."""
    factory = FACTORIES[model]
    first = factory(name="Ruth Calloway", slug="ruth-calloway")
    version = kept_version(first)
    first.name, first.slug = "Ruth Calloway-Benn", "ruth-calloway-benn"
    kept_version(first)
    other = factory(name="Ruth Calloway (Lisbon)", slug="ruth-calloway")
    return first, other, version


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def holder_named(model, other) -> str:
    return f'<a href="{admin_path(model)}{other.pk}/change/">{other.name}</a>'


@pytest.mark.parametrize("model", [Author, PressContact])
def test_restoring_a_version_whose_slug_another_took_names_it_and_changes_nothing(
    editor_client, model
):
    first, other, version = taken_since(model)
    url = f"{admin_path(model)}{first.pk}/history/{version.pk}/"
    before = database_snapshot()

    shown = editor_client.get(url)

    assert shown.status_code == 200
    form = shown.context["adminform"].form
    assert (form["name"].value(), form["slug"].value()) == ("Ruth Calloway", "ruth-calloway")
    (said,) = messages_of(shown)
    assert "This version's slug, “ruth-calloway”, is taken by" in said
    assert holder_named(model, other) in said
    assert database_snapshot() == before

    refused = editor_client.post(url, form_data(shown))

    assert refused.status_code == 200
    assert "already exists" in str(refused.context["adminform"].form.errors["slug"])
    assert database_snapshot() == before

    saved = editor_client.post(url, form_data(shown, slug="ruth-calloway-first"))

    assert saved.status_code == 302
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.name, first.slug) == ("Ruth Calloway", "ruth-calloway-first")
    assert (other.name, other.slug) == ("Ruth Calloway (Lisbon)", "ruth-calloway")


@pytest.mark.parametrize("model", [Author, PressContact])
def test_recovering_a_deleted_one_whose_slug_another_took_names_it(editor_client, model):
    gone = FACTORIES[model](name="Ruth Calloway", slug="ruth-calloway")
    version = kept_version(gone)
    gone.delete()
    other = FACTORIES[model](name="Ruth Calloway (Lisbon)", slug="ruth-calloway")
    url = f"{admin_path(model)}recover/{version.pk}/"
    before = database_snapshot()

    shown = editor_client.get(url)

    assert shown.status_code == 200
    assert shown.context["adminform"].form["slug"].value() == "ruth-calloway"
    assert holder_named(model, other) in messages_of(shown)[0]
    assert editor_client.post(url, form_data(shown)).status_code == 200
    assert database_snapshot() == before

    saved = editor_client.post(url, form_data(shown, slug="ruth-calloway-recovered"))

    assert saved.status_code == 302
    assert model.objects.get(name="Ruth Calloway").slug == "ruth-calloway-recovered"
    assert model.objects.get(slug="ruth-calloway") == other


@pytest.mark.parametrize("model", [Author, PressContact])
def test_a_contributor_cannot_restore_one_whose_slug_another_took(contributor_client, model):
    first, other, version = taken_since(model)
    before = database_snapshot()

    for url in [
        f"{admin_path(model)}{first.pk}/history/{version.pk}/",
        f"{admin_path(model)}{other.pk}/history/{version.pk}/",  # another's page, forged
        f"{admin_path(model)}recover/{version.pk}/",
    ]:
        assert contributor_client.get(url).status_code in (403, 404), url
        assert contributor_client.post(url, {"slug": "x"}).status_code in (403, 404), url
    assert database_snapshot() == before
