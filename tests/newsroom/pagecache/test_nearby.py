"""Pages held in the worker's memory for a moment: hits with no round trip to the shared cache,
forgotten at once by a change made in the same process, and by their time otherwise."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db.models.functions import Now
from django.utils import timezone

from newsroom.pagecache import nearby, schedule
from newsroom.pagecache.tags import CLOCK_KEY, STAMP_PREFIX
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def held(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 3600
    return settings


def retire_elsewhere(*tags: str) -> None:
    """What another worker's change does to the shared cache; nothing in this process hears it."""
    reading = cache.incr(CLOCK_KEY)
    cache.set_many({STAMP_PREFIX + tag: reading for tag in tags}, None)
    cache.incr(CLOCK_KEY)


def test_a_held_page_is_served_without_the_shared_cache(
    held, client, article, django_assert_num_queries
):
    first = client.get("/news/story/")
    # Emptied behind this process's back: only the worker's memory still has the page.
    cache.clear()

    with django_assert_num_queries(0):
        second = client.get("/news/story/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]


def test_a_page_found_in_the_shared_cache_is_held_too(held, client, article):
    client.get("/news/story/")
    nearby.forget_all()
    assert client.get("/news/story/")["X-Page-Cache"] == "hit"  # from the shared cache

    cache.clear()

    assert client.get("/news/story/")["X-Page-Cache"] == "hit"  # held since


def test_a_change_made_in_this_process_shows_at_the_next_request(held, client, article):
    client.get("/news/story/")

    article.headline = "A corrected headline"
    article.save()

    response = client.get("/news/story/")
    assert response["X-Page-Cache"] == "miss"
    assert "A corrected headline" in text(response)


class Clock:
    """The worker memory's clock, moved by the test alone: a busy machine cannot pass a
    moment before the test looks."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(nearby, "time", clock)
    return clock


def test_a_change_made_elsewhere_shows_once_the_moment_has_passed(settings, client, article, clock):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.3
    client.get("/news/story/")
    article.headline = "A corrected headline"
    # Saved as another worker would: the row and the shared cache change, this memory does not.
    type(article).objects.filter(pk=article.pk).update(headline="A corrected headline")
    retire_elsewhere(f"article-{article.pk}")

    assert "The first headline" in text(client.get("/news/story/"))
    clock.sleep(0.35)

    assert "A corrected headline" in text(client.get("/news/story/"))


def test_a_page_is_held_no_longer_than_until_the_next_scheduled_publication(
    held, client, dana, django_assert_num_queries, clocks
):
    ArticleFactory(headline="Already out", authors=[dana])
    soon = timezone.now() + timedelta(minutes=30)
    embargoed = ArticleFactory(headline="Embargoed news", slug="embargoed", published_at=soon)
    client.get("/news/")

    found = nearby.find(next(iter(nearby._held)))
    assert found is not None
    assert found.next_publication == soon
    # Half an hour passes, within the hour the page may be held. The database's clock cannot be
    # moved, so the piece's time becomes the database's now by an update, which tells nobody.
    clocks.move(timedelta(minutes=30))
    type(embargoed).objects.filter(pk=embargoed.pk).update(published_at=Now())

    assert "Embargoed news" in text(client.get("/news/"))


def test_a_page_found_while_another_request_catches_up_is_kept_by_nobody(held, client, article):
    client.get("/news/story/")
    nearby.forget_all()
    # A publication is due and another request is retiring what it touches.
    due = timezone.now() - timedelta(seconds=1)
    cache.set(schedule.SCHEDULE_KEY, due.timestamp(), None)
    cache.add(schedule.LOCK_KEY, 1, schedule.LOCK_SECONDS)

    response = client.get("/news/story/")

    assert response["X-Page-Cache"] == "hit"
    assert "max-age=0," in response["Cache-Control"]
    assert not nearby._held


def test_nothing_is_held_when_the_page_cache_is_off(held, client, article):
    held.PAGE_CACHE_SECONDS = 0
    client.get("/news/story/")

    assert not nearby._held


def test_nothing_is_held_when_holding_is_off(settings, client, article):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    client.get("/news/story/")

    assert not nearby._held


def test_nothing_is_held_when_an_edge_cache_is_purged(held, client, article):
    # The edge asks again right after a purge: it must get the page as it is now, not as held.
    held.EDGE_PURGE_BACKEND = "newsroom.pagecache.edge.varnish.VarnishPurge"
    held.EDGE_PURGE_URLS = []
    client.get("/news/story/")

    assert not nearby._held


def test_editors_never_get_a_held_page(held, client, editor_client, article):
    client.get("/news/story/")
    assert nearby._held

    response = editor_client.get("/news/story/")

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_page_read_before_a_change_here_is_not_held_after_it(held):
    before = nearby.generation()
    nearby.forget_all()

    nearby.hold("page", b"old", size=3, next_publication=None, since_generation=before)

    assert nearby.find("page") is None


def test_the_oldest_pages_go_first_past_the_limits(held, monkeypatch):
    monkeypatch.setattr(nearby, "MAX_PAGES", 3)
    monkeypatch.setattr(nearby, "MAX_BYTES", 100)
    now = nearby.generation()
    for number in range(4):
        nearby.hold(f"p{number}", number, size=10, next_publication=None, since_generation=now)

    assert list(nearby._held) == ["p1", "p2", "p3"]

    nearby.hold("big", "big", size=80, next_publication=None, since_generation=now)

    assert list(nearby._held) == ["p2", "p3", "big"]
    assert nearby._state["bytes"] == 100
    nearby.hold("huge", "huge", size=101, next_publication=None, since_generation=now)
    assert nearby.find("huge") is None


def test_an_expired_page_is_dropped(settings, clock):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.01
    nearby.hold("page", "x", size=1, next_publication=None, since_generation=nearby.generation())
    assert nearby.find("page") is not None
    clock.sleep(0.02)

    assert nearby.find("page") is None
    assert nearby._state["bytes"] == 0


def test_a_page_is_never_held_past_the_publication_when_the_worker_stalls(held, clock, monkeypatch):
    # The worker stalls for half a second right after reading the app's clock (a busy machine):
    # the moment the page is held until is still the publication's, not half a second after.
    read = timezone.now()

    def now_then_stall():
        clock.sleep(0.5)
        return read

    monkeypatch.setattr(timezone, "now", now_then_stall)
    due = read + timedelta(seconds=1)
    nearby.hold("page", "x", size=1, next_publication=due, since_generation=nearby.generation())
    clock.sleep(0.6)  # one second after the app's clock was read: the publication's moment

    assert nearby.find("page") is None
