"""Data migrations of what pieces hold move what editors saved, both ways: one-line spoiler
warnings, the canonical flag, slugs, picture sizes, topics' addresses and warnings' change
stamps."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.articles.migrating import FORGET_VERSIONS, SITE_LATEST, migrate
from tests.conftest import image_bytes

BEFORE = [("articles", "0001_initial")]
AFTER = [("articles", "0002_content_warnings")]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]


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
