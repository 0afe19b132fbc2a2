"""An embargoed piece is nowhere in public until its time, then everywhere at once.

The database's clock decides (as for every scheduled piece), so the walk runs just before the
embargo and again just after it, with real time passing in between and nothing saved.
"""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, MediaKitItem
from articles.workflow import publishing
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.factories import ArticleFactory, AuthorFactory, MediaKitItemFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Zephyrcorp opens its Lisbon plant"
SLUG = "zephyrcorp-lisbon-plant"
# How far ahead the embargo is set: time for two walks on a slow machine.
LEAD = timedelta(seconds=4)


@pytest.fixture
def newsroom():
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    neighbour = ArticleFactory(
        headline="Plant tours resume",
        slug="plant-tours",
        kind=Article.Kind.PRESS_RELEASE,
        authors=[dana],
        tag_names=["Manufacturing"],
    )
    return dana, neighbour


def embargoed_release(dana, until) -> Article:
    release = ArticleFactory(
        headline=HEADLINE,
        slug=SLUG,
        kind=Article.Kind.PRESS_RELEASE,
        dek="Zephyrcorp's new plant employs 400 people.",
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[dana],
        tag_names=["Manufacturing"],
    )
    MediaKitItemFactory(article=release, title="The plant from the river")
    return publishing.embargo(release, until=until)


# Every public output that could name the piece; each must be 200 before and after.
OUTPUTS = [
    "/news/",
    "/news/?kind=press-release",
    "/news/authors/dana/",
    "/news/tags/manufacturing/",
    "/news/plant-tours/",  # its related list and link-preview tags
    "/news/feed/",
    "/news/atom/",
    "/news/feed.json",
    "/news/feed/kinds/press-release/",
    "/news/feed/authors/dana/",
    "/news/feed/tags/manufacturing/",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/news/search/?q=Zephyrcorp",
]


def walk(client) -> dict[str, bool]:
    """Whether each output shows the piece, and whether its own address answers."""
    shown = {}
    for url in OUTPUTS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        shown[url] = HEADLINE in text or SLUG in text
    shown["own page"] = client.get(f"/news/{SLUG}/").status_code == 200
    # Its media kit's downloads, item by item and whole.
    item = MediaKitItem.objects.get(article__slug=SLUG).pk
    for url in [
        f"/news/{SLUG}/media-kit/{item}/original/",
        f"/news/{SLUG}/media-kit/{item}/web/",
        f"/news/{SLUG}/media-kit.zip",
    ]:
        shown[url] = client.get(url).status_code == 200
    return shown


def test_an_embargoed_release_is_nowhere_then_everywhere(client, newsroom):
    dana, _ = newsroom
    # A slow machine may take longer than LEAD to walk: then the walk says nothing, and
    # the embargo is set later.
    release = embargoed_release(dana, timezone.now() + LEAD)
    for attempt in range(1, 4):
        until = timezone.now() + LEAD * attempt
        Article.objects.filter(pk=release.pk).update(embargoed_until=until, published_at=until)
        before = walk(client)
        kept = walk(client)  # the second walk is served from the page cache
        if timezone.now() < until - timedelta(seconds=1):
            break
    else:
        pytest.fail("the machine could not walk the outputs within the embargo's lead time")

    assert before == dict.fromkeys(before, False)
    assert kept == before
    cached = client.get("/news/")
    assert cached[CACHE_STATUS_HEADER] == "hit"
    max_age = int(re.search(r"max-age=(\d+)", cached["Cache-Control"]).group(1))
    assert max_age <= (until - timezone.now()).total_seconds() + 1  # no cache outlives it
    # Nothing is saved from here on: the clock alone ends the embargo.
    while timezone.now() < until + timedelta(seconds=1):
        time.sleep(0.05)

    after = walk(client)

    assert after == dict.fromkeys(after, True)


def test_the_database_refuses_to_run_a_piece_before_its_embargo(newsroom):
    from django.db import IntegrityError, transaction

    dana, _ = newsroom
    release = embargoed_release(dana, timezone.now() + timedelta(days=2))

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=release.pk).update(published_at=timezone.now())


def test_publishing_an_embargoed_piece_runs_it_at_the_embargo(newsroom):
    dana, _ = newsroom
    until = timezone.now() + timedelta(days=2)
    release = embargoed_release(dana, until)

    publishing.publish(release, at=timezone.now())

    release.refresh_from_db()
    assert release.published_at == until
    assert release.is_embargoed
    assert release.is_scheduled
    assert not Article.objects.published().filter(pk=release.pk).exists()


def test_lifting_the_embargo_runs_the_piece_at_once(client, newsroom):
    dana, _ = newsroom
    release = embargoed_release(dana, timezone.now() + timedelta(days=2))
    assert client.get(f"/news/{SLUG}/").status_code == 404

    publishing.lift_embargo(release)

    assert release.embargoed_until is None
    assert client.get(f"/news/{SLUG}/").status_code == 200
    assert HEADLINE in client.get("/news/").content.decode()


def test_an_embargo_in_the_past_is_refused(newsroom):
    from django.core.exceptions import ValidationError

    _, neighbour = newsroom
    with pytest.raises(ValidationError, match="in the future"):
        publishing.embargo(neighbour, until=timezone.now() - timedelta(minutes=1))
    neighbour.refresh_from_db()
    assert neighbour.embargoed_until is None


def test_a_missing_page_is_kept_no_longer_than_the_next_embargo(client, newsroom):
    dana, _ = newsroom
    embargoed_release(dana, timezone.now() + timedelta(seconds=20))

    response = client.get(f"/news/{SLUG}/")

    assert response.status_code == 404
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age <= 20
