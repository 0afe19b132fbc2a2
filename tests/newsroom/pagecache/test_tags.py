"""The clock and the stamps behind exact invalidation, and what a kept page costs to check."""

import pytest
from django.core.cache import cache

from newsroom import pagecache
from newsroom.pagecache.tags import is_current, read_clock, read_stamps, retired_since, stamp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    pagecache.clear()


def test_retiring_stamps_each_tag_past_every_reading_taken_before():
    before = read_clock()

    stamp(["article-1", "news"])

    stamps = read_stamps(["article-1", "news", "article-2"])
    assert stamps["article-1"] == stamps["news"] > before
    assert "article-2" not in stamps  # never retired
    # The clock moves past the stamps once they are written.
    assert read_clock() > stamps["news"]


def test_an_entry_is_current_while_none_of_its_tags_was_stamped_after_it():
    made = read_clock()
    stamp(["article-2"])
    stamps = read_stamps(["article-1", "article-2"])

    assert is_current({"article-1", "site"}, made, stamps)
    assert not is_current({"article-1", "article-2"}, made, stamps)


def test_a_kept_page_costs_one_round_trip_and_a_second_only_after_a_change(
    client, article, monkeypatch
):
    calls = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: calls.append(keys) or get_many(keys))
    client.get("/news/story/")

    calls.clear()
    assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"
    assert len(calls) == 1  # the page, when it was last found current, the clock, the schedule

    pagecache.retire(["article-999"])  # something the page does not show
    calls.clear()
    assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"
    assert len(calls) == 2  # and the stamps of its tags, once…

    calls.clear()
    assert client.get("/news/story/")[pagecache.CACHE_STATUS_HEADER] == "hit"
    assert len(calls) == 1  # …after which it is known current at the clock's new reading


def test_retiring_more_tags_than_a_local_cache_holds_retires_them_all(settings):
    # A process's own memory (`make serve`, `manage.py migrate`) keeps so many entries, then
    # forgets the least used, the clock among them while a long list of stamps is written.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "few-entries",
            "OPTIONS": {"MAX_ENTRIES": 30},
        }
    }
    made = read_clock()

    stamp([f"article-{pk}" for pk in range(100)])

    assert retired_since(["article-0"], made)
    assert read_clock() > made
