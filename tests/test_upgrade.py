"""An existing database at today's schema migrates forward with its content, revisions and groups
intact.

"Today" is `articles.0008_image_renditions` and `newsroom.0002_site_logo`. The test writes a
newsroom's content at that schema with the historical models (what the tables held then, not
what the code says now), migrates to the latest migrations, however many have been added since,
and reads everything back with the live models and through the public pages.
"""

import secrets
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    Author,
    Byline,
    ContentWarning,
    Correction,
    PreviewLink,
    SlugRedirect,
)
from newsroom.models import SitePage, SiteSettings

TODAY = [("articles", "0008_image_renditions"), ("newsroom", "0002_site_logo")]
# Just before articles.0004_editorial_roles, which makes the Editors and Contributors groups.
BEFORE_ROLES = [("articles", "0003_editorial_workflow"), ("newsroom", "0002_site_logo")]

User = get_user_model()
# Every model the test writes rows of; each row must come through the upgrade unchanged.
KEPT_MODELS = [
    User,
    Group,
    Author,
    Article,
    Byline,
    ContentWarning,
    Correction,
    SlugRedirect,
    PreviewLink,
    Tag,
    TaggedItem,
    SitePage,
    SiteSettings,
    Revision,
    Version,
]
PUBLISHED_SLUG = "harbour-ferry-returns"
DRAFT_SLUG = "council-weighs-new-pier"
# What migrations since "today" grant on purpose, to the groups they name, for the models they
# add (journalists and their links under embargo, press contacts, the media kit, webhook
# endpoints and their delivery log, email alert subscribers and what was sent to them, site
# pages' former addresses); nothing else changes.
CRUD = ("add", "change", "delete", "view")
GRANTED_SINCE = {
    "Editors": {
        ("articles", f"{action}_{model}")
        for model in (
            "journalist",
            "pressaccess",
            "presscontact",
            "mediakititem",
            "webhookendpoint",
        )
        for action in CRUD
    }
    | {("articles", "view_webhookdelivery")}
    | {
        ("articles", "view_subscriber"),
        ("articles", "delete_subscriber"),
        ("articles", "view_alertdelivery"),
    }
    | {("newsroom", f"{action}_sitepageredirect") for action in CRUD}
    | {
        ("articles", f"{action}_{model}")
        for model in ("authorredirect", "topicredirect")
        for action in CRUD
    },
    "Contributors": {("articles", "view_presscontact"), ("articles", "view_mediakititem")},
}


def migrate(targets):
    """Migrate to `targets`; return the historical models of the database as it now stands."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationLoader(connection)  # a fresh loader reads what is applied now
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def rows(model, columns=()):
    """Every row of `model` as a dict of column values, in primary key order."""
    return list(model.objects.order_by("pk").values(*columns))


def group_permissions(group_model):
    """Each group's permissions as (app_label, codename) pairs."""
    return {
        group.name: set(group.permissions.values_list("content_type__app_label", "codename"))
        for group in group_model.objects.filter(name__in=["Editors", "Contributors"])
    }


def write_newsroom(apps):
    """A newsroom's content, staff and history as today's code would have stored them."""
    now = timezone.now()
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model
    Group = apps.get_model("auth", "Group")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    model = apps.get_model

    editor = model("auth", "User").objects.create(
        username="edna", first_name="Edna", last_name="Editor", is_staff=True
    )
    contributor = model("auth", "User").objects.create(
        username="colin", first_name="Colin", last_name="Contributor", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    contributor.groups.add(Group.objects.get(name="Contributors"))

    dana = model("articles", "Author").objects.create(
        name="Dana Whitfield",
        slug="dana-whitfield",
        role="Co-CEO",
        organisation="Northwind Labs",
        bio="Dana Whitfield runs Northwind Labs.",
        headshot="authors/dana-whitfield.jpg",
        linkedin_url="https://www.linkedin.com/in/dana-whitfield/",
    )
    colin = model("articles", "Author").objects.create(
        name="Colin Contributor", slug="colin-contributor", role="Reporter", user=contributor
    )

    Article = model("articles", "Article")
    published = Article.objects.create(
        kind="news",
        headline="Harbour ferry returns after two winters",
        slug=PUBLISHED_SLUG,
        dek="The crossing runs again from Monday.",
        introduction="<p>Our transport desk on the ferry.</p>",
        body="<p>The ferry returns to the harbour on Monday.</p>",
        search_text="Our transport desk on the ferry. The ferry returns to the harbour on Monday.",
        status="published",
        published_at=now - timedelta(days=2),
        indexing="self",
        hold_behind_warning=False,
        created_by=editor,
        version=3,
        corrected_at=now - timedelta(days=1),
    )
    draft = Article.objects.create(
        kind="feature",
        headline="Council weighs a new pier",
        slug=DRAFT_SLUG,
        body="<p>Plans are at an early stage.</p>",
        status="draft",
        created_by=contributor,
    )
    model("articles", "Byline").objects.create(
        article=published, author=dana, position=0, role="Co-CEO", organisation="Northwind Labs"
    )
    model("articles", "Byline").objects.create(
        article=published, author=colin, position=1, role="Reporter"
    )
    model("articles", "Byline").objects.create(article=draft, author=colin, position=0)
    model("articles", "ContentWarning").objects.create(
        article=published, kind="grief", text="mentions the loss of a crew member"
    )
    model("articles", "Correction").objects.create(
        article=published,
        kind="correction",
        published_at=now - timedelta(days=1),
        text="An earlier version gave the wrong day for the first crossing.",
        created_by=editor,
    )
    model("articles", "SlugRedirect").objects.create(article=published, old_slug="ferry-returns")
    model("articles", "PreviewLink").objects.create(
        article=draft,
        key=secrets.token_urlsafe(32),
        reviewer="Dana Whitfield",
        created_by=contributor,
        created_at=now,
        expires_at=now + timedelta(days=7),
    )
    tagged = content_type(Article)
    for name in ("Transport", "Harbour"):
        tag = model("taggit", "Tag").objects.create(name=name, slug=name.lower())
        model("taggit", "TaggedItem").objects.create(
            tag=tag, content_type=tagged, object_id=published.pk
        )

    model("newsroom", "SitePage").objects.create(
        title="About us",
        slug="about",
        body="<p>The Harbour Herald covers the coast.</p>",
        status="published",
        nav_order=1,
    )
    model("newsroom", "SiteSettings").objects.create(
        id=1,
        site_name="Harbour Herald",
        news_heading="Coastal news",
        news_introduction="What happens along the coast.",
    )

    # django-reversion history, as its admin saves it: one revision per save.
    for obj, title, comment in [
        (published, published.headline, "Published"),
        (dana, dana.name, "Added."),
    ]:
        revision = Revision.objects.create(date_created=now, comment=comment, user=editor)
        Version.objects.create(
            revision=revision,
            object_id=str(obj.pk),
            content_type=content_type(type(obj)),
            db="default",
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=title,
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_schema")
def test_content_revisions_and_groups_written_at_todays_schema_survive_the_upgrade():
    # Today's database, its groups made by articles.0004 (a flush by an earlier test drops them).
    migrate(BEFORE_ROLES)
    old_apps = migrate(TODAY)
    permissions_before = group_permissions(old_apps.get_model("auth", "Group"))
    assert set(permissions_before) == {"Editors", "Contributors"}
    assert ("articles", "publish_article") in permissions_before["Editors"]
    assert ("articles", "publish_article") not in permissions_before["Contributors"]

    write_newsroom(old_apps)
    before = {
        model._meta.label: rows(old_apps.get_model(model._meta.label)) for model in KEPT_MODELS
    }
    assert all(before.values()), "every kept model has rows to compare"
    historical_content_type = old_apps.get_model("contenttypes", "ContentType").objects
    content_types_before = {
        label: historical_content_type.get_by_natural_key(*label.split(".")).pk
        for label in ("articles.article", "articles.author", "newsroom.sitepage")
    }

    migrate_to_latest()
    ContentType.objects.clear_cache()  # as a freshly started process after the upgrade

    # Every row, column by column, as it was (columns added since are not compared).
    for model in KEPT_MODELS:
        label = model._meta.label
        assert rows(model, columns=before[label][0].keys()) == before[label], label

    # The content, read through the live models.
    article = Article.objects.get(slug=PUBLISHED_SLUG)
    assert article.headline == "Harbour ferry returns after two winters"
    assert article.is_published
    assert [byline.author.name for byline in article.ordered_bylines] == [
        "Dana Whitfield",
        "Colin Contributor",
    ]
    assert [warning.badge for warning in article.ordered_warnings] == [
        "Content warning: Grief or loss"
    ]
    assert article.corrections.get().text.startswith("An earlier version")
    assert sorted(article.tags.names()) == ["Harbour", "Transport"]
    draft = Article.objects.get(slug=DRAFT_SLUG)
    assert draft.status == Article.Status.DRAFT
    assert draft.preview_links.get().reviewer == "Dana Whitfield"
    dana = Author.objects.get(slug="dana-whitfield")
    assert dana.headshot.name == "authors/dana-whitfield.jpg"
    assert Author.objects.get(slug="colin-contributor").user.username == "colin"
    assert SitePage.objects.published().get().title == "About us"
    assert SiteSettings.load().site_name == "Harbour Herald"

    # The groups hold exactly the permissions they held and those granted since, and their
    # members still have them.
    assert group_permissions(Group) == {
        name: held | GRANTED_SINCE.get(name, set()) for name, held in permissions_before.items()
    }
    editor = User.objects.get(username="edna")
    contributor = User.objects.get(username="colin")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert list(contributor.groups.values_list("name", flat=True)) == ["Contributors"]
    assert editor.has_perm("articles.publish_article")
    assert not contributor.has_perm("articles.publish_article")
    assert contributor.has_perm("articles.change_article")

    # The revision history reads back into the live models.
    version = Version.objects.get_for_object(article).get()
    assert version.field_dict["headline"] == "Harbour ferry returns after two winters"
    assert version.revision.comment == "Published"
    assert version.revision.user == editor
    author_version = Version.objects.get_for_object(dana).get()
    assert author_version.field_dict["headshot"] == "authors/dana-whitfield.jpg"

    # Content types keep their app labels and ids, so versions and tags still find their rows.
    for model, app_label in [(Article, "articles"), (Author, "articles"), (SitePage, "newsroom")]:
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == app_label
        assert content_type.pk == content_types_before[model._meta.label_lower]

    # Readers see the published article and page; the draft stays private; old links redirect.
    reader = Client()
    page = reader.get(f"/news/{PUBLISHED_SLUG}/")
    assert page.status_code == 200
    assert "Harbour ferry returns after two winters" in page.content.decode()
    assert reader.get(f"/news/{DRAFT_SLUG}/").status_code == 404
    moved = reader.get("/news/ferry-returns/")
    assert moved.status_code == 301
    assert moved["Location"] == f"/news/{PUBLISHED_SLUG}/"
    assert reader.get("/about/").status_code == 200
