"""Restoring and recovering revisions: decided on the object as it is now, editors only.

Reverting a revision changes rows before any form is shown, so the permission check cannot wait
for the form: it is made on the current object, and the version must belong to that very object.
Each test tries it as a contributor (and, where the route itself is wrong, as an editor) and then
compares every row in the database with what it was before.
"""

from datetime import timedelta

import pytest
import reversion
from django.contrib import admin
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.models import Article, Author, PressContact
from newsroom.models import SitePage, SiteSettings
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory, PressContactFactory, SitePageFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

# Far above any id the other rows of a test take, so two models can share one on purpose.
SHARED_ID = 9100


def kept_version(obj) -> Version:
    """Save `obj` as a revision and return that version."""
    with reversion.create_revision():
        obj.save()
    return Version.objects.get_for_object(obj).first()


def admin_path(obj) -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}"


def make_with_old_version(model, **fields):
    """An object of `model` with a kept version whose text differs from the current one."""
    if model is Article:
        obj = ArticleFactory(headline="Old headline", **fields)
    elif model is Author:
        obj = AuthorFactory(bio="Old bio.", **fields)
    elif model is PressContact:
        obj = PressContactFactory(role="Old role", **fields)
    elif model is SiteSettings:
        obj = SiteSettings(boilerplate="<p>Old paragraph.</p>")
        obj.save()
    else:
        obj = SitePageFactory(title="Old title", **fields)
    version = kept_version(obj)
    for name in ("headline", "bio", "title", "role", "boilerplate"):
        if hasattr(obj, name):
            setattr(obj, name, f"Current {name}")
    kept_version(obj)
    return obj, version


def test_the_tested_models_are_every_admin_with_revisions():
    with_revisions = {
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, VersionAdmin)
    }

    assert with_revisions == {Article, Author, SitePage, PressContact, SiteSettings}


@pytest.mark.parametrize("model", [Article, Author, SitePage, PressContact, SiteSettings])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_cannot_restore_a_version_through_the_models_own_page(
    contributor_client, editor_client, model, method
):
    obj, version = make_with_old_version(model)
    url = f"{admin_path(obj)}/history/{version.pk}/"
    data = form_data(editor_client.get(url)) if method == "post" else None
    before = database_snapshot()

    response = getattr(contributor_client, method)(url, data)

    assert response.status_code == 403
    assert database_snapshot() == before


def test_a_contributor_cannot_unpublish_their_piece_by_restoring_their_draft(
    contributor, contributor_client, editor_client
):
    piece = ArticleFactory(
        headline="My draft headline", status="draft", published_at=None, created_by=contributor
    )
    draft_version = kept_version(piece)
    url = f"{admin_path(piece)}/change/"
    published = form_data(editor_client.get(url), headline="Edited headline", _publish="")
    assert editor_client.post(url, published).status_code == 302
    restore = f"{admin_path(piece)}/history/{draft_version.pk}/"
    forged = form_data(editor_client.get(restore))
    before = database_snapshot()

    assert contributor_client.get(restore).status_code == 403
    assert contributor_client.post(restore, forged).status_code == 403

    assert database_snapshot() == before
    piece.refresh_from_db()
    assert (piece.headline, piece.status) == ("Edited headline", Article.Status.PUBLISHED)


@pytest.mark.parametrize("model", [Author, SitePage, PressContact])
@pytest.mark.parametrize(("user", "status"), [("contributor", 403), ("editor", 404)])
def test_a_version_of_another_model_is_not_restored_through_an_article_page(
    request, contributor, model, user, status
):
    own_draft = ArticleFactory(
        pk=SHARED_ID, status="draft", published_at=None, created_by=contributor
    )
    kept_version(own_draft)
    _, other_version = make_with_old_version(model, pk=SHARED_ID)
    browser = request.getfixturevalue(f"{user}_client")
    url = f"{admin_path(own_draft)}/history/{other_version.pk}/"
    own_form = form_data(browser.get(f"{admin_path(own_draft)}/change/"))
    before = database_snapshot()

    assert browser.get(url).status_code == status
    assert browser.post(url, own_form).status_code == status

    assert database_snapshot() == before


@pytest.mark.parametrize("model", [Article, Author, SitePage, PressContact])
@pytest.mark.parametrize("object_id", ["abc", "1.5"])
def test_a_restore_address_whose_object_id_is_not_an_id_is_not_found(
    editor_client, model, object_id
):
    obj, version = make_with_old_version(model)
    opts = model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{object_id}/history/{version.pk}/"
    data = form_data(editor_client.get(f"{admin_path(obj)}/history/{version.pk}/"))
    before = database_snapshot()

    assert editor_client.get(url).status_code == 404
    assert editor_client.post(url, data).status_code == 404

    assert database_snapshot() == before


@pytest.mark.parametrize("model", [Article, Author, SitePage, PressContact])
def test_recovering_takes_a_deleted_version_of_the_same_model(editor_client, model):
    obj, version = make_with_old_version(model)
    foreign = ArticleFactory() if model is not Article else AuthorFactory()
    kept_version(foreign)
    foreign_version = Version.objects.get_for_object(foreign).first()
    prefix = admin_path(obj).rsplit("/", 1)[0]
    before = database_snapshot()

    # A version of an object that still exists, and one of another model: neither is recovered.
    for candidate in (version, foreign_version):
        url = f"{prefix}/recover/{candidate.pk}/"
        assert editor_client.get(url).status_code == 404
        assert editor_client.post(url, {"post": "yes"}).status_code == 404

    assert database_snapshot() == before


@pytest.mark.parametrize("model", [Article, Author, SitePage, PressContact])
def test_a_contributor_cannot_list_or_recover_deleted_objects(
    contributor_client, editor_client, model
):
    obj, _ = make_with_old_version(model)
    prefix = admin_path(obj).rsplit("/", 1)[0]
    obj.delete()
    deleted = Version.objects.get_deleted(model).get()
    recover_url = f"{prefix}/recover/{deleted.pk}/"
    forged = form_data(editor_client.get(recover_url))
    before = database_snapshot()

    assert contributor_client.get(f"{prefix}/recover/").status_code == 403
    assert contributor_client.get(recover_url).status_code == 403
    assert contributor_client.post(recover_url, forged).status_code == 403

    assert database_snapshot() == before
    assert not model.objects.exists()


def test_a_contributor_reads_the_history_of_their_own_piece_without_restore_links(
    contributor, contributor_client
):
    piece = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    older = kept_version(piece)
    piece.headline = "A better headline"
    newer = kept_version(piece)

    history = contributor_client.get(f"{admin_path(piece)}/history/")
    compare = contributor_client.get(
        f"{admin_path(piece)}/history/compare/", {"from": older.pk, "to": newer.pk}
    )

    assert history.status_code == 200
    assert len(history.context["revisions"]) == 2
    assert "Restore this version" not in history.content.decode()
    assert compare.status_code == 200
    assert [change.label for change in compare.context["changes"]] == ["Headline", "Slug"]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": "draft", "published_at": None}, id="draft"),
        pytest.param({"status": "in-review", "published_at": None}, id="in review"),
        pytest.param({"status": "unpublished"}, id="unpublished"),
        pytest.param({"published_at": timezone.now() + timedelta(days=3)}, id="scheduled"),
    ],
)
def test_a_contributor_cannot_see_anyone_elses_unpublished_piece_or_its_history(
    contributor_client, fields
):
    theirs = ArticleFactory(headline="Someone else's secret", **fields)
    older = kept_version(theirs)
    newer = kept_version(theirs)

    listing = contributor_client.get("/admin/articles/article/")
    change = contributor_client.get(f"{admin_path(theirs)}/change/")
    history = contributor_client.get(f"{admin_path(theirs)}/history/")
    compare = contributor_client.get(
        f"{admin_path(theirs)}/history/compare/", {"from": older.pk, "to": newer.pk}
    )

    assert "Someone else's secret" not in listing.content.decode()
    for response in (change, history, compare):
        assert response.status_code in (302, 403, 404)
        assert "Someone else's secret" not in response.content.decode()


def test_a_contributor_sees_their_own_pieces_and_public_ones_in_the_list(
    contributor, contributor_client
):
    own = ArticleFactory(
        headline="My own draft", status="draft", published_at=None, created_by=contributor
    )
    bylined = ArticleFactory(
        headline="Carries my byline",
        status="draft",
        published_at=None,
        authors=[AuthorFactory(user=contributor)],
    )
    public = ArticleFactory(headline="A public piece")
    ArticleFactory(headline="Someone else's draft", status="draft", published_at=None)

    response = contributor_client.get("/admin/articles/article/")

    shown = {article.pk for article in response.context["cl"].result_list}
    assert shown == {own.pk, bylined.pk, public.pk}
    assert response.context["cl"].result_count == 3


def test_history_of_a_public_piece_by_someone_else_is_for_editors(
    contributor_client, editor_client
):
    public = ArticleFactory(headline="A public piece")
    kept_version(public)

    assert contributor_client.get(f"{admin_path(public)}/change/").status_code == 200
    assert contributor_client.get(f"{admin_path(public)}/history/").status_code == 403
    assert editor_client.get(f"{admin_path(public)}/history/").status_code == 200


def test_a_contributor_cannot_compare_their_piece_with_versions_of_anothers(
    contributor, contributor_client
):
    own = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    own_version = kept_version(own)
    theirs = ArticleFactory(headline="Someone else's secret", status="draft", published_at=None)
    older, newer = kept_version(theirs), kept_version(theirs)

    for forged in ({"from": older.pk, "to": newer.pk}, {"from": own_version.pk, "to": newer.pk}):
        compare = contributor_client.get(f"{admin_path(own)}/history/compare/", forged)

        assert compare.status_code == 404
        assert "Someone else's secret" not in compare.content.decode()
