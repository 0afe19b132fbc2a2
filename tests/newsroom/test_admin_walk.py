"""Every admin URL of every registered model, tried by a contributor with hostile ids.

The ids are other people's objects, objects of other models that share an id with the
contributor's own draft, versions of other objects and of other models, and ids that exist
nowhere. Forms are forged from what an editor is shown, so each POST is one the server would
accept from someone allowed to make it. Whatever each URL answers, no row may change.
"""

import itertools

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.workflow import previews
from newsroom.models import SiteSettings
from tests.admin_forms import form_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SitePageFactory,
    make_contributor,
    make_editor,
)
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

SHARED_ID = 9200
MISSING_ID = 987_654

# What a contributor may legitimately do without naming any object: start a piece or an author.
THEIR_OWN_FORMS = {"articles_article_add", "articles_article_add_cross_post", "articles_author_add"}


def kept_version(obj) -> Version:
    with reversion.create_revision():
        obj.save()
    return Version.objects.get_for_object(obj).first()


@pytest.fixture(scope="module")
def editor(module_db):
    return make_editor()


@pytest.fixture(scope="module")
def contributor(module_db):
    return make_contributor()


@pytest.fixture(scope="module")
def hostile_ids(contributor, editor):
    """Object ids, then version and link ids, that a contributor has no business using.

    Made once for the module: the walk asserts that nothing changes them.
    """
    mine = ArticleFactory(pk=SHARED_ID, status="draft", published_at=None, created_by=contributor)
    ran = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    ran_as_draft = kept_version(ran)
    # An editor publishes the contributor's piece: from now on it is not theirs to change.
    editor_client = Client()
    editor_client.force_login(editor)
    change = f"/admin/articles/article/{ran.pk}/change/"
    published = form_data(editor_client.get(change), headline="As published", _publish="")
    assert editor_client.post(change, published).status_code == 302
    theirs = ArticleFactory(status="draft", published_at=None, headline="Their draft")
    public = ArticleFactory(headline="A public piece")
    author = AuthorFactory(pk=SHARED_ID, bio="A bio.")
    page = SitePageFactory(pk=SHARED_ID, title="About")
    versions = [kept_version(obj) for obj in (mine, theirs, public, author, page)]
    gone = ArticleFactory(headline="Deleted piece")
    kept_version(gone)
    gone.delete()
    link = previews.create_link(article=theirs, reviewer="Dana Whitfield", created_by=editor)
    objects = [mine.pk, ran.pk, theirs.pk, public.pk, MISSING_ID]
    others = [
        ran_as_draft.pk,
        *(version.pk for version in versions),
        Version.objects.get_deleted(type(gone)).get().pk,
        link.pk,
        MISSING_ID,
    ]
    return objects, others


# Every registered admin, by model label: one test each, so the walk spreads over the processes.
ADMIN_MODELS = [model._meta.label for model in admin.site._registry]


def admin_urls(label: str, objects: list[int], others: list[int]):
    """(route name, ids, url) for every pattern of one registered admin, ids filled in.

    A single id takes each of both lists; an object id and a version or link id, each pair.
    """
    model = apps.get_model(label)
    opts = model._meta
    for pattern in admin.site._registry[model].get_urls():
        groups = pattern.pattern.regex.groups
        choices = {0: [()], 1: [(pk,) for pk in objects + others]}.get(groups)
        for args in choices or itertools.product(objects, others):
            if pattern.name is None:  # "<id>/", which only redirects to the change page
                url = f"/admin/{opts.app_label}/{opts.model_name}/{args[0]}/"
            else:
                url = reverse(f"admin:{pattern.name}", args=args)
            yield pattern.name or "redirect", args, url


def walked_urls(label: str, objects: list[int], others: list[int]):
    """The admin URLs of one model a contributor is tried on: all but those of their own work."""
    for route, args, url in admin_urls(label, objects, others):
        if route in THEIR_OWN_FORMS or (
            route == "articles_article_change" and args == (SHARED_ID,)
        ):
            continue
        yield route, url


def forged_payload(editor_client, label: str, ids) -> dict:
    """A valid form of the model as an editor sees it, with every action's fields added."""
    extra = {
        "post": "yes",
        "action": "",
        "_selected_action": [str(pk) for pk in ids],
        "reviewer": "Forged reviewer",
        "days": "7",
        "index": "0",
    }
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    obj = model_admin.get_queryset(_request_as(editor_client)).first()
    form = {}
    if obj is not None:
        page = editor_client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        )
        if page.status_code == 200 and "adminform" in (page.context or {}):
            form = form_data(page)
    return {**form, **extra}


def _request_as(client):
    return client.get("/admin/").wsgi_request


def test_the_walk_covers_every_registered_admin_and_over_300_urls(hostile_ids):
    objects, others = hostile_ids

    assert [model._meta.label for model in admin.site._registry] == ADMIN_MODELS
    assert sum(len(list(walked_urls(label, objects, others))) for label in ADMIN_MODELS) > 300


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_a_contributor_changes_nothing_through_any_admin_url_with_hostile_ids(
    label, contributor_client, editor_client, hostile_ids
):
    objects, others = hostile_ids
    opts = apps.get_model(label)._meta
    forged = forged_payload(editor_client, label, objects + others)
    actions = ["publish_selected", "unpublish_selected", "delete_selected", "submit_for_review"]
    before = database_snapshot()
    tried = 0

    for route, url in walked_urls(label, objects, others):
        assert url.startswith(f"/admin/{opts.app_label}/{opts.model_name}/"), url
        payload = forged
        page = contributor_client.get(url)
        if page.status_code == 200 and "adminform" in (page.context or {}):
            # The form the contributor was shown, sent back as it is: what an attacker would do.
            payload = {**payload, **form_data(page)}
        contributor_client.post(url, payload)
        if route.endswith("_changelist"):
            # Submitting their own draft for review is theirs to do; every other id is not.
            own = {str(SHARED_ID)} if route == "articles_article_changelist" else set()
            selected = [pk for pk in payload["_selected_action"] if pk not in own]
            for action in actions:
                contributor_client.post(
                    url, {**payload, "action": action, "_selected_action": selected}
                )
        tried += 1
        assert database_snapshot() == before, f"{url} ({route}) changed the database"

    assert tried > 0


def test_a_contributor_cannot_create_the_site_settings_row(contributor_client):
    response = contributor_client.post(
        "/admin/newsroom/sitesettings/add/", {"site_name": "Defaced", "news_heading": "Defaced"}
    )

    assert response.status_code == 403
    assert not SiteSettings.objects.exists()
