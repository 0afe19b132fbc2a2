"""Fixtures the admin's tests share with the events' and the page cache's (a channel recording
the events handed on, and the edge's purges of a block of changes) and among themselves (a
contributor's piece in review)."""

from tests.articles.admin.test_returning_with_a_note import in_review  # noqa: F401
from tests.articles.events.conftest import recorder  # noqa: F401
from tests.newsroom.pagecache.test_edge import endpoint  # noqa: F401
from tests.newsroom.pagecache.test_missing_pages import purged  # noqa: F401
