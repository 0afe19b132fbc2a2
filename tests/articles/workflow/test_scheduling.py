"""Scheduling without cron: the database's clock decides, at the boundary, on every public page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models.functions import Now
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


@pytest.fixture
def frozen_clock(monkeypatch):
    """Stop Django's clock (the app's; the database keeps its own) at a chosen instant."""

    def freeze(instant: datetime):
        monkeypatch.setattr(timezone, "now", lambda: instant)

    return freeze


def public_urls(article) -> list[str]:
    author = article.lead_author
    return ["/news/", author.get_absolute_url(), "/news/tags/launch/"]


def visible_everywhere(client, article) -> list[bool]:
    seen = [client.get(article.get_absolute_url()).status_code == 200]
    for url in public_urls(article):
        response = client.get(url)
        seen.append(response.status_code == 200 and article in response.context["articles"])
    return seen


def test_a_piece_due_in_a_moment_is_nowhere_and_then_everywhere(client, clocks):
    """No job and no save: the first request after the piece's time retires what it touches."""
    later = timezone.now() + timedelta(days=1)
    article = ArticleFactory(published_at=later, authors=[AuthorFactory()], tag_names=["Launch"])
    ArticleFactory(tag_names=["Launch"])  # keeps the tag page alive meanwhile
    # Scheduled for an hour from now once everything is made, as an editor would move it.
    article.published_at = timezone.now() + timedelta(hours=1)
    article.save()

    assert visible_everywhere(client, article) == [False] * 4
    assert not Article.objects.published().filter(pk=article.pk).exists()
    # The hour passes and nothing is saved. The app's clock and the worker's are moved on; the
    # database's cannot be, so the piece's time becomes the database's now by an update, which
    # tells nobody, as the hour would have left it.
    clocks.move(timedelta(hours=1, seconds=1))
    Article.objects.filter(pk=article.pk).update(published_at=Now())

    assert visible_everywhere(client, article) == [True] * 4


def test_a_piece_due_exactly_at_the_databases_now_is_public():
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    Article.objects.filter(pk=article.pk).update(published_at=Now())

    assert list(Article.objects.published()) == [article]


def test_the_database_clock_decides_not_the_app_servers(frozen_clock):
    """An app server whose clock runs an hour fast still shows nothing early."""
    due = ArticleFactory(published_at=timezone.now() + timedelta(minutes=30))
    frozen_clock(timezone.now() + timedelta(hours=1))

    assert due.is_published  # the app's own view of the clock…
    assert not Article.objects.published().exists()  # …does not publish anything


def test_is_published_and_is_scheduled_at_the_boundary(frozen_clock):
    instant = datetime(2030, 5, 1, 9, 0, tzinfo=UTC)
    article = Article(status=Article.Status.PUBLISHED, published_at=instant)

    frozen_clock(instant - timedelta(microseconds=1))
    assert (article.is_published, article.is_scheduled) == (False, True)
    frozen_clock(instant)
    assert (article.is_published, article.is_scheduled) == (True, False)


def test_the_admin_list_filters_and_labels_at_the_boundary(admin_user, admin_client, frozen_clock):
    tomorrow = timezone.now() + timedelta(days=1)
    instant = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    article = ArticleFactory(headline="On the hour", published_at=instant)

    def listed(state):
        return list(admin_client.get(f"{LIST_URL}?state={state}").context["cl"].result_list)

    frozen_clock(instant - timedelta(seconds=1))
    admin_client.force_login(admin_user)  # up to a day and a half on: the sign-in has ended
    assert listed("scheduled") == [article]
    assert listed("live") == []
    label = f"Scheduled for {instant:%b} {instant.day}, {instant:%Y} 09:00 UTC"
    assert label in admin_client.get(LIST_URL).content.decode()

    frozen_clock(instant)
    assert listed("scheduled") == []
    assert listed("live") == [article]
    assert "Scheduled for" not in admin_client.get(LIST_URL).content.decode()


@pytest.mark.parametrize(
    ("instant", "label"),
    [
        (datetime(2099, 1, 15, 12, 0, tzinfo=UTC), "Scheduled for Jan 15, 2099 12:00 GMT"),
        (datetime(2099, 7, 15, 12, 0, tzinfo=UTC), "Scheduled for Jul 15, 2099 13:00 BST"),
    ],
)
def test_times_are_shown_in_the_newsrooms_time_zone(admin_client, settings, instant, label):
    settings.TIME_ZONE = "Europe/London"
    article = ArticleFactory(published_at=instant)

    assert label in admin_client.get(LIST_URL).content.decode()
    change = admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode()
    assert "Date and time (Europe/London)" in change


@pytest.mark.parametrize(
    ("instant", "label"),
    [
        # Oct 27, 2030: London's clocks go back from 02:00 BST to 01:00 GMT, so 01:30 comes twice.
        (datetime(2030, 10, 27, 0, 30, tzinfo=UTC), "Scheduled for Oct 27, 2030 01:30 BST"),
        (datetime(2030, 10, 27, 1, 30, tzinfo=UTC), "Scheduled for Oct 27, 2030 01:30 GMT"),
    ],
)
def test_a_time_in_the_repeated_hour_is_shown_with_the_zone_that_tells_which(
    admin_client, settings, instant, label
):
    settings.TIME_ZONE = "Europe/London"
    article = ArticleFactory(published_at=instant)

    assert label in admin_client.get(LIST_URL).content.decode()
    change = admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode()
    assert label in change


def test_the_article_list_writes_publication_times_as_the_rest_of_the_admin_does(
    admin_client, settings
):
    """Two pieces that ran in the hour London's clocks repeat (Oct 26, 2025), an hour apart,
    are told apart in the list's column of publication times."""
    settings.TIME_ZONE = "Europe/London"
    ArticleFactory(headline="First", published_at=datetime(2025, 10, 26, 0, 30, tzinfo=UTC))
    ArticleFactory(headline="Second", published_at=datetime(2025, 10, 26, 1, 30, tzinfo=UTC))

    listing = admin_client.get(LIST_URL, {"o": "4"}).content.decode()

    assert "Publication time" in listing
    assert listing.index("Oct 26, 2025 01:30 BST") < listing.index("Oct 26, 2025 01:30 GMT")


def test_a_time_typed_in_the_admin_is_read_in_the_newsrooms_time_zone(admin_client, settings):
    from tests.admin_forms import form_data

    settings.TIME_ZONE = "America/New_York"
    draft = ArticleFactory(status="draft", published_at=None)
    url = f"{LIST_URL}{draft.pk}/change/"
    data = form_data(admin_client.get(url), _schedule="", schedule_at="2099-01-15T09:00")

    admin_client.post(url, data)

    draft.refresh_from_db()
    assert draft.published_at == datetime(2099, 1, 15, 14, 0, tzinfo=UTC)
    assert draft.is_scheduled
