import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from PIL import Image
from taggit.models import Tag

from articles.models import Article, Author, Byline, MediaKitItem, PressContact
from articles.workflow.checklist import publication_problems
from newsroom.demo.management.commands.seed_demo import ARTICLES, PAGES, SITE_SETTINGS
from newsroom.models import SitePage, SiteSettings
from newsroom.richtext import sanitize_html
from newsroom.spoiler_markup import spoiler_passages
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SHOWCASE_SLUG = "what-a-tv-show-teaches-us-about-work"


def seed(*args: str) -> str:
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def media_files(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def row_counts() -> dict[str, int]:
    models = (Article, Author, Byline, MediaKitItem, PressContact, SitePage, Tag)
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_twice_adds_no_rows_changes_no_rows_and_stores_no_new_files(media_root):
    seed()
    counts = row_counts()
    files = media_files(media_root)
    updated = dict(Article.objects.values_list("pk", "updated_at"))

    output = seed()

    assert counts == {
        "Article": 12,
        "Author": 4,
        "Byline": 13,
        "MediaKitItem": 3,
        "PressContact": 2,
        "SitePage": 4,
        "Tag": 8,
    }
    uploads = [path for path in files if "renditions" not in path.parts]
    # four headshots, two contacts' photos, six article illustrations, the media kit's two
    # pictures and fact sheet
    assert len(uploads) == 15
    assert len(files) > len(uploads)  # and their renditions
    assert row_counts() == counts
    assert media_files(media_root) == files
    assert dict(Article.objects.values_list("pk", "updated_at")) == updated
    assert "nothing new" in output


def test_with_debug_on_seeding_creates_the_admin_user_and_prints_the_login(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"

    output = seed()

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.is_staff
    assert user.check_password("newsroom-demo")
    assert "http://127.0.0.1:8000/admin/" in output
    assert "Username: admin" in output
    assert "Password: newsroom-demo" in output


def test_the_login_printed_is_at_the_address_served(settings):
    """`make serve PORT=8001` sets SITE_URL to the address it serves."""
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8001"

    assert "URL:      http://127.0.0.1:8001/admin/" in seed()


def test_an_existing_admin_user_keeps_their_password(settings):
    settings.DEBUG = True
    UserFactory(username="admin")

    output = seed()

    user = get_user_model().objects.get(username="admin")
    assert user.check_password("correct horse battery staple")
    assert "newsroom-demo" not in output
    assert "unchanged" in output


def test_with_debug_off_no_user_is_created_and_no_login_is_printed(settings):
    settings.DEBUG = False

    output = seed()

    assert not get_user_model().objects.exists()
    assert "newsroom-demo" not in output
    assert "No demo login was created because DEBUG is off." in output


def test_if_empty_adds_nothing_when_an_article_exists_but_still_sets_up_the_login(
    settings, media_root
):
    settings.DEBUG = True
    existing = ArticleFactory()

    output = seed("--if-empty")

    assert list(Article.objects.all()) == [existing]
    assert Author.objects.count() == 1
    assert not SitePage.objects.exists()
    assert media_files(media_root) == []
    assert "already has content" in output
    assert get_user_model().objects.filter(username="admin").exists()
    assert "Password: newsroom-demo" in output


def test_if_empty_seeds_a_database_without_articles():
    seed("--if-empty")

    assert Article.objects.filter(slug=SHOWCASE_SLUG).exists()


def test_demo_html_survives_the_sanitiser_unchanged():
    about = SITE_SETTINGS["boilerplate"]
    for html in [
        *(spec.body for spec in ARTICLES + PAGES),
        *(spec.introduction for spec in ARTICLES),
        about,
    ]:
        cleaned = sanitize_html(html).replace(' rel="noopener noreferrer"', "")
        assert cleaned == html.strip()


def test_seeding_keeps_site_settings_an_editor_has_changed():
    SiteSettings(site_name="Harbour Gazette").save()

    seed()

    site_settings = SiteSettings.objects.get(pk=1)
    assert site_settings.site_name == "Harbour Gazette"
    assert site_settings.news_introduction


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, in a transaction each test of the class nests in, undone after the last."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        seed()
        yield media
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded")
class TestTheDemoAsSeeded:
    """What one run of the command leaves behind, read by each test (seeded once for them all)."""

    @pytest.fixture
    def media_root(self, seeded, settings):
        """The uploads the seeding stored, where the pages and models look for them."""
        settings.MEDIA_ROOT = seeded
        return seeded

    def test_the_showcase_op_ed_is_dana_whitfields_linkedin_piece_with_a_spoiler_warning(self):
        article = Article.objects.get(slug=SHOWCASE_SLUG)
        assert article.kind == Article.Kind.OP_ED
        assert article.headline == "What a TV show teaches us about work"
        [warning] = article.warnings.all()
        assert (warning.kind, warning.text, warning.subject) == (
            "spoilers",
            "contains spoilers for season one",
            "Low Tide at Marrow Bay",
        )
        assert "engine has been failing inspections" in spoiler_passages(article.body)[0]
        assert article.origin_url == (
            "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/"
        )
        assert article.origin_platform == "LinkedIn"
        assert article.indexing == Article.Indexing.ORIGIN
        assert article.is_published
        assert article.origin_published_on < timezone.localdate(article.published_at)
        assert article.introduction.count("<p>") == 2
        [byline] = article.bylines.select_related("author")
        assert byline.author.name == "Dana Whitfield"
        assert byline.role == "Co-CEO"
        assert byline.organisation == "Northwind Labs"

    def test_every_kind_of_article_is_among_the_published_demo_articles(self):
        kinds = set(Article.objects.published().values_list("kind", flat=True))

        assert kinds == set(Article.Kind.values)

    def test_exactly_one_demo_article_is_featured_and_it_is_the_showcase(self):
        featured = list(Article.objects.filter(is_featured=True).values_list("slug", flat=True))

        assert featured == [SHOWCASE_SLUG]

    def test_draft_in_review_and_scheduled_pieces_stay_out_of_public_view(self, client):
        hidden = Article.objects.exclude(pk__in=Article.objects.published())

        assert sorted(hidden.values_list("status", flat=True)) == sorted(
            [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.PUBLISHED]
        )
        scheduled = hidden.get(status=Article.Status.PUBLISHED)
        assert scheduled.published_at > timezone.now() + timedelta(days=2)
        for article in hidden:
            assert client.get(f"/news/{article.slug}/").status_code == 404

    def test_the_showcase_page_is_public_and_credits_its_origin(self, client):
        response = client.get(f"/news/{SHOWCASE_SLUG}/")

        assert response.status_code == 200
        content = response.content.decode()
        assert "What a TV show teaches us about work" in content
        assert "This piece was originally published on" in content
        assert escape("Dana Whitfield's LinkedIn") in content
        assert "(Warning: contains spoilers for season one)" in content

    def test_the_medium_cross_post_credits_marcus_ellis_with_an_apostrophe_only(self, client):
        response = client.get("/news/plan-in-seasons-not-years/")

        assert response.status_code == 200
        assert escape("Marcus Ellis' Medium") in response.content.decode()

    def test_demo_content_passes_the_validation_editors_get_in_the_admin(self):
        for model in (Article, Author, PressContact, SitePage, SiteSettings):
            for instance in model.objects.all():
                instance.full_clean()

    def test_demo_images_are_real_pictures_with_alt_text_caption_and_credit(self):
        illustrated = Article.objects.exclude(featured_image="")
        assert illustrated.count() == 6
        for article in illustrated:
            assert article.featured_image_alt
            assert article.featured_image_caption
            assert article.featured_image_credit == "Illustration: Northwind Labs"
            assert (article.featured_image_width, article.featured_image_height) == (1600, 900)
            with Image.open(article.featured_image.path) as image:
                assert image.format == "JPEG"
        for author in Author.objects.all():
            with Image.open(author.headshot.path) as image:
                assert (image.format, image.size) == ("PNG", (400, 400))

    def test_site_pages_fill_the_navigation_in_order_and_careers_stays_a_draft(self):
        assert [page.slug for page in SitePage.objects.in_navigation()] == [
            "about",
            "media-contacts",
            "press-kit",
        ]
        careers = SitePage.objects.get(slug="careers")
        assert careers.status == SitePage.Status.DRAFT
        assert not careers.show_in_navigation

    def test_seeding_names_the_site(self):
        site_settings = SiteSettings.objects.get(pk=1)
        assert site_settings.site_name == "Northwind Labs Newsroom"
        assert site_settings.news_heading == "News"
        assert site_settings.news_introduction
        assert site_settings.news_description

    def test_published_demo_articles_pass_the_checks_editors_publish_through(self):
        for article in Article.objects.filter(status=Article.Status.PUBLISHED):
            assert publication_problems(article) == [], article.slug

    def test_the_draft_and_the_piece_in_review_are_planned_for_the_coming_days(self):
        planned = Article.objects.exclude(planned_for=None)

        assert sorted(planned.values_list("status", flat=True)) == [
            Article.Status.DRAFT,
            Article.Status.IN_REVIEW,
        ]
        for article in planned:
            assert timezone.now() < article.planned_for < timezone.now() + timedelta(days=14)

    def test_the_press_room_has_contacts_and_releases_end_with_the_about_paragraph(self, client):
        press_room = client.get("/press/").content.decode()
        release = client.get(
            "/news/northwind-labs-opens-a-second-studio-in-lisbon/"
        ).content.decode()

        for name in ("Ruth Calloway", "Inês Ferreira"):
            assert name in press_room
            assert name in release
        assert "Northwind Labs opens a second studio in Lisbon" in press_room
        assert "first impact report" not in press_room  # scheduled
        assert release.count("About Northwind Labs") == 1
        assert "people who do research outdoors" in release

    def test_the_lisbon_release_and_the_press_room_have_a_media_kit(self, client):
        release = client.get(
            "/news/northwind-labs-opens-a-second-studio-in-lisbon/"
        ).content.decode()
        room = client.get("/press/").content.decode()

        assert "The Lisbon studio by the river" in release
        assert "Lisbon studio fact sheet" in release
        assert "(PDF, " in release
        assert "Northwind Labs logo" in room
        sheet = MediaKitItem.objects.get(title="Lisbon studio fact sheet")
        assert sheet.document.open("rb").read().startswith(b"%PDF-")
        picture = MediaKitItem.objects.get(title="The Lisbon studio by the river")
        assert (picture.width, picture.height) == (2560, 1440)
        assert picture.images.boxed(2048).width == 2048
