"""Data migrations move what editors saved, both ways.

Each test migrates from wherever the one before left the schema to where it starts, so they run
in the order that keeps those steps short; the latest schema comes back once the module is done.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.conftest import image_bytes

BEFORE = [("articles", "0001_initial")]
AFTER = [("articles", "0002_content_warnings")]
# The site app's latest migration, for tests that read its models' present fields.
SITE_LATEST = ("newsroom", "0007_deleted_site_page_former_addresses")

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_one_line_spoiler_warnings_become_warning_records_and_back():
    old_apps = migrate(BEFORE)
    Article = old_apps.get_model("articles", "Article")
    warned = Article.objects.create(
        headline="Warned",
        slug="warned",
        status="published",
        published_at=timezone.now(),
        spoiler_warning="contains spoilers for season one",
    )
    Article.objects.create(headline="Plain", slug="plain")

    new_apps = migrate(AFTER)
    ContentWarning = new_apps.get_model("articles", "ContentWarning")
    assert list(ContentWarning.objects.values_list("article_id", "kind", "text")) == [
        (warned.pk, "spoilers", "contains spoilers for season one")
    ]

    old_apps = migrate(BEFORE)
    Article = old_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "spoiler_warning")) == {
        "warned": "contains spoilers for season one",
        "plain": "",
    }


def test_the_editorial_groups_are_made_with_their_permissions_and_removed_going_back():
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0004_editorial_roles")])
    Group = new_apps.get_model("auth", "Group")
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert Group.objects.get(name="Contributors").permissions.count() == 14

    old_apps = migrate([("articles", "0003_editorial_workflow")])
    assert (
        not old_apps.get_model("auth", "Group")
        .objects.filter(name__in=["Editors", "Contributors"])
        .exists()
    )


def test_the_canonical_flag_becomes_an_indexing_policy_and_back():
    old_apps = migrate([("articles", "0004_editorial_roles")])
    Article = old_apps.get_model("articles", "Article")
    Article.objects.create(
        headline="Deferring",
        slug="deferring",
        origin_url="https://www.linkedin.com/pulse/a/",
        origin_is_canonical=True,
    )
    Article.objects.create(
        headline="Own page",
        slug="own",
        origin_url="https://www.linkedin.com/pulse/b/",
        origin_is_canonical=False,
    )

    new_apps = migrate([("articles", "0005_origin_record")])
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "indexing")) == {
        "deferring": "origin",
        "own": "self",
    }
    Article.objects.create(headline="Hidden", slug="hidden", indexing="noindex")

    old_apps = migrate([("articles", "0004_editorial_roles")])
    Article = old_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "origin_is_canonical")) == {
        "deferring": True,
        "own": False,
        "hidden": False,
    }


def test_articles_that_existed_before_search_are_indexed_without_their_spoilers():
    old_apps = migrate([("articles", "0005_origin_record")])
    Article = old_apps.get_model("articles", "Article")
    Article.objects.create(
        headline="Ferry news",
        slug="ferry",
        status="published",
        published_at=timezone.now(),
        introduction="<p>An introduction.</p>",
        body='<p>The ferry <span class="spoiler">sinks at dawn</span> returns.</p>',
    )

    new_apps = migrate([("articles", "0007_fill_search_index")])
    article = new_apps.get_model("articles", "Article").objects.get()
    assert article.search_text == "An introduction. The ferry returns."
    if connection.vendor == "postgresql":
        assert "'ferri'" in article.search_vector
        assert "sink" not in article.search_vector

    migrate([("articles", "0005_origin_record")])  # and back again


def test_editors_may_edit_press_contacts_and_contributors_see_them_until_migrated_back():
    # From before the groups exist (an earlier test's flush may have dropped them).
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0016_press_contacts")])
    Group = new_apps.get_model("auth", "Group")

    def contact_permissions(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model="presscontact")
            .values_list("codename", flat=True)
        )

    assert contact_permissions("Editors") == {
        "add_presscontact",
        "change_presscontact",
        "delete_presscontact",
        "view_presscontact",
    }
    assert contact_permissions("Contributors") == {"view_presscontact"}
    contact = new_apps.get_model("articles", "PressContact").objects.create(
        name="Ruth Calloway", slug="ruth", email="ruth@northwind.example"
    )
    article = new_apps.get_model("articles", "Article").objects.create(
        headline="A release", slug="a-release", kind="press-release", omit_boilerplate=True
    )
    article.press_contacts.add(contact)

    old_apps = migrate([("articles", "0009_slug_help_without_markup")])
    Permission = old_apps.get_model("auth", "Permission")
    assert not Permission.objects.filter(codename__endswith="_presscontact").exists()
    assert old_apps.get_model("articles", "Article").objects.get().slug == "a-release"
    with connection.cursor() as cursor:
        assert "articles_presscontact" not in connection.introspection.table_names(cursor)


def test_published_and_hand_set_slugs_are_fixed_and_drafts_made_from_headlines_follow():
    old_apps = migrate([("articles", "0009_slug_help_without_markup")])
    Article = old_apps.get_model("articles", "Article")
    now = timezone.now()
    for slug, headline, status in [
        ("ferry-news", "Ferry news", "published"),
        ("old-news", "Old news", "unpublished"),
        ("seasons", "Plan in seasons", "draft"),
        ("plan-in-years", "Plan in years", "draft"),
        ("plan-in-years-2", "Plan in years", "in-review"),
    ]:
        Article.objects.create(
            headline=headline,
            slug=slug,
            status=status,
            published_at=now if status in {"published", "unpublished"} else None,
        )

    new_apps = migrate([("articles", "0015_slug_follows_headline")])
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "slug_fixed")) == {
        "ferry-news": True,
        "old-news": True,
        "seasons": True,
        "plan-in-years": False,
        "plan-in-years-2": False,
    }

    old_apps = migrate([("articles", "0009_slug_help_without_markup")])  # and back again
    assert old_apps.get_model("articles", "Article").objects.count() == 5


def test_editors_alone_may_manage_webhooks_until_migrated_back():
    migrate([("articles", "0003_editorial_workflow")])
    new_apps = migrate([("articles", "0018_webhooks")])
    Group = new_apps.get_model("auth", "Group")

    def webhook_permissions(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model__startswith="webhook")
            .values_list("codename", flat=True)
        )

    assert webhook_permissions("Editors") == {
        "add_webhookendpoint",
        "change_webhookendpoint",
        "delete_webhookendpoint",
        "view_webhookendpoint",
        "view_webhookdelivery",
    }
    assert webhook_permissions("Contributors") == set()

    old_apps = migrate([("articles", "0017_events")])
    Permission = old_apps.get_model("auth", "Permission")
    assert not Permission.objects.filter(codename__contains="_webhook").exists()
    with connection.cursor() as cursor:
        assert "articles_webhookendpoint" not in connection.introspection.table_names(cursor)


def test_addresses_waiting_for_confirmation_count_their_links_from_the_upgrade():
    old_apps = migrate([("articles", "0021_email_alerts")])
    Subscriber = old_apps.get_model("articles", "Subscriber")
    long_ago = timezone.now() - timezone.timedelta(days=30)
    Subscriber.objects.create(email="waiting@example.com", key="w", created_at=long_ago)
    Subscriber.objects.create(
        email="kept@example.com", key="k", created_at=long_ago, confirmed_at=long_ago
    )

    before = timezone.now()
    new_apps = migrate([("articles", "0022_subscriber_confirmation_sent_at")])
    Subscriber = new_apps.get_model("articles", "Subscriber")
    sent = dict(Subscriber.objects.values_list("email", "confirmation_sent_at"))
    # A link made in the last days may still work: the upgrade counts from its own time.
    assert sent["waiting@example.com"] >= before
    assert sent["kept@example.com"] is None

    migrate([("articles", "0021_email_alerts")])
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "articles_subscriber")
    assert "confirmation_sent_at" not in {column.name for column in columns}


def test_pictures_saved_without_their_size_are_measured_once_and_unreadable_ones_left():
    old_apps = migrate([("articles", "0024_featured_index_keys_status"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    MediaKitItem = old_apps.get_model("articles", "MediaKitItem")
    SiteSettings = old_apps.get_model("newsroom", "SiteSettings")
    wide = default_storage.save("articles/wide.jpg", ContentFile(image_bytes(size=(1600, 900))))
    kit = default_storage.save("kit/square.jpg", ContentFile(image_bytes(size=(800, 800))))
    logo = default_storage.save("site/logo.png", ContentFile(image_bytes("PNG", (400, 100))))
    text = default_storage.save("articles/notes.jpg", ContentFile(b"not a picture"))
    for slug in ("wide", "wide-again", "gone", "text", "plain"):
        Article.objects.create(headline=slug, slug=slug, featured_image_alt="A picture")
    MediaKitItem.objects.create(title="Logo", image=kit, alt_text="Logo")
    SiteSettings.objects.create(pk=1, site_name="Newsroom", logo=logo)
    # Written as rows, as a file saved without a name left them: no width, no height.
    for slug, name in (
        ("wide", wide),
        ("wide-again", wide),
        ("gone", "articles/gone.jpg"),
        ("text", text),
    ):
        Article.objects.filter(slug=slug).update(featured_image=name)
    MediaKitItem.objects.update(width=None, height=0)
    SiteSettings.objects.update(logo_width=None, logo_height=None)

    new_apps = migrate([("articles", "0025_fill_missing_image_sizes"), SITE_LATEST])
    Article = new_apps.get_model("articles", "Article")
    MediaKitItem = new_apps.get_model("articles", "MediaKitItem")
    SiteSettings = new_apps.get_model("newsroom", "SiteSettings")

    sizes = Article.objects.values_list("slug", "featured_image_width", "featured_image_height")
    assert sorted(sizes) == [
        ("gone", None, None),
        ("plain", None, None),
        ("text", None, None),
        ("wide", 1600, 900),
        ("wide-again", 1600, 900),
    ]
    assert list(MediaKitItem.objects.values_list("width", "height")) == [(800, 800)]
    assert SiteSettings.objects.values_list("logo_width", "logo_height").get() == (400, 100)
    # Going back is possible and keeps the sizes, which are true of the pictures either way.
    old_apps = migrate([("articles", "0024_featured_index_keys_status"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    assert Article.objects.filter(featured_image_width=1600).count() == 2


def test_pieces_held_behind_their_warning_leave_the_search_index_but_their_headline():
    old_apps = migrate([("articles", "0025_fill_missing_image_sizes"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    # As saves indexed them before: a held piece by its introduction, the others by both.
    for slug, held, text in (
        ("held", True, "Our critic on the keeper."),
        ("open", False, "Our critic on the ferry. The ferry returns."),
    ):
        Article.objects.create(
            headline=f"Finale {slug}",
            slug=slug,
            hold_behind_warning=held,
            search_text=text,
        )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        Article.objects.update(
            search_vector=SearchVector("headline", weight="A", config="english")
            + SearchVector("search_text", weight="C", config="english")
        )

    new_apps = migrate([("articles", "0026_search_leaves_held_pieces_out"), SITE_LATEST])
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "search_text")) == {
        "held": "",
        "open": "Our critic on the ferry. The ferry returns.",
    }
    if connection.vendor == "postgresql":
        vectors = dict(Article.objects.values_list("slug", "search_vector"))
        assert "'critic'" not in vectors["held"]
        assert "'final':1A" in vectors["held"]
        assert "'critic'" in vectors["open"]

    migrate([("articles", "0025_fill_missing_image_sizes"), SITE_LATEST])  # and back again


def test_a_correction_event_not_yet_sent_is_given_its_pieces_newest_note():
    """What it would have sent before corrections named their events; one sent already, and a
    note another waiting event is given, are left alone."""
    old_apps = migrate([("articles", "0027_alertdelivery_pieces"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    Correction = old_apps.get_model("articles", "Correction")
    Event = old_apps.get_model("articles", "Event")
    piece = Article.objects.create(headline="Ferry timetable", slug="ferry")
    now = timezone.now()
    sent = Event.objects.create(kind="article.corrected", article_id=piece.pk, handled_at=now)
    waiting = Event.objects.create(kind="article.corrected", article_id=piece.pk)
    older = Correction.objects.create(article=piece, text="Older.", published_at=now)
    newest = Correction.objects.create(article=piece, text="Newest.", published_at=now)

    new_apps = migrate([("articles", "0028_correction_event"), SITE_LATEST])
    Correction = new_apps.get_model("articles", "Correction")
    named = dict(Correction.objects.values_list("pk", "event_id"))
    assert named == {older.pk: None, newest.pk: waiting.pk}
    assert sent.pk not in named.values()

    migrate([("articles", "0027_alertdelivery_pieces"), SITE_LATEST])  # and back again


def test_a_topic_stored_without_an_address_is_given_one_and_keeps_it_going_back():
    old_apps = migrate([("articles", "0028_correction_event"), SITE_LATEST])
    Tag = old_apps.get_model("taggit", "Tag")
    symbol = Tag.objects.create(name="🎬", slug="")
    Tag.objects.create(name="Culture", slug="culture")
    # A topic an editor named so that it holds the address the migration would give first.
    Tag.objects.create(name=f"Topic {symbol.pk}", slug=f"topic-{symbol.pk}")

    new_apps = migrate([("articles", "0029_topics_without_an_address"), SITE_LATEST])
    Tag = new_apps.get_model("taggit", "Tag")
    assert dict(Tag.objects.values_list("name", "slug")) == {
        "🎬": f"topic-{symbol.pk}-2",
        "Culture": "culture",
        f"Topic {symbol.pk}": f"topic-{symbol.pk}",
    }

    migrate([("articles", "0028_correction_event"), SITE_LATEST])
    assert Tag.objects.get(name="🎬").slug == f"topic-{symbol.pk}-2"


# Revisions, for the migrations that read them.
REVERSION = ("reversion", "0002_add_index_on_version_for_content_type_and_db")
FORGET_VERSIONS = ("articles", "0033_forget_versions_at_deletion_that_serve_no_more")


def test_versions_at_deletion_that_serve_no_more_are_forgotten_and_not_restored_going_back():
    old_apps = migrate([("articles", "0032_tweet_identity_is_its_status"), SITE_LATEST, REVERSION])
    Article = old_apps.get_model("articles", "Article")
    DeletedVersion = old_apps.get_model("articles", "DeletedVersion")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Revision = old_apps.get_model("reversion", "Revision")
    Version = old_apps.get_model("reversion", "Version")
    back = Article.objects.create(headline="Back", slug="back")
    articles, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    revision = Revision.objects.create(date_created=timezone.now(), comment="")
    for object_id in (str(back.pk), "9001"):
        Version.objects.create(
            revision=revision,
            object_id=object_id,
            content_type=articles,
            db="default",
            format="json",
            serialized_data="[]",
            object_repr="A piece",
        )
    # Back since, recoverable, and with no revision left to recover it from.
    for article_id, version in ((back.pk, 3), (9001, 5), (9002, 7)):
        DeletedVersion.objects.create(article_id=article_id, version=version)

    migrate([FORGET_VERSIONS, SITE_LATEST, REVERSION])
    assert dict(DeletedVersion.objects.values_list("article_id", "version")) == {9001: 5}

    migrate([("articles", "0032_tweet_identity_is_its_status"), SITE_LATEST, REVERSION])
    assert dict(DeletedVersion.objects.values_list("article_id", "version")) == {9001: 5}


def test_warnings_stored_before_their_change_stamp_are_stamped_and_kept_going_back():
    old_apps = migrate([FORGET_VERSIONS, SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    article = Article.objects.create(
        headline="Warned", slug="warned", status="published", published_at=timezone.now()
    )
    old_apps.get_model("articles", "ContentWarning").objects.create(
        article=article, text="contains spoilers for season one"
    )
    before = timezone.now()

    new_apps = migrate([("articles", "0034_warning_changed_at"), SITE_LATEST])
    stamps = new_apps.get_model("articles", "ContentWarning").objects.values_list(
        "changed_at", flat=True
    )
    assert [stamp >= before for stamp in stamps] == [True]

    back = migrate([FORGET_VERSIONS, SITE_LATEST])
    warnings = back.get_model("articles", "ContentWarning").objects.values_list("text", flat=True)
    assert list(warnings) == ["contains spoilers for season one"]


def test_versions_at_deletion_kept_before_their_time_was_noted_have_none_and_keep_going_back():
    old_apps = migrate([("articles", "0034_warning_changed_at"), SITE_LATEST])
    old_apps.get_model("articles", "DeletedVersion").objects.create(article_id=9001, version=5)

    new_apps = migrate([("articles", "0035_deleted_version_deleted_at"), SITE_LATEST])
    kept = new_apps.get_model("articles", "DeletedVersion").objects
    assert list(kept.values_list("article_id", "version", "deleted_at")) == [(9001, 5, None)]

    back = migrate([("articles", "0034_warning_changed_at"), SITE_LATEST])
    kept = back.get_model("articles", "DeletedVersion").objects
    assert list(kept.values_list("article_id", "version")) == [(9001, 5)]
