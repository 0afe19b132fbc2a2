"""Without an app's own cleaner, rich text's links lose the parameters every site's may carry."""

import pytest

from newsroom import tracking
from newsroom.richtext import sanitize_html


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        ("https://example.com/?utm_source=x&b=1&fbclid=2#part", "https://example.com/?b=1#part"),
        ("https://example.com/a?utm_campaign=spring", "https://example.com/a"),
        # A question mark in the fragment is the fragment's.
        ("https://example.com/a#notes?utm_source=x", "https://example.com/a#notes?utm_source=x"),
        ("https://example.com/a?q=utm_source", "https://example.com/a?q=utm_source"),
    ],
)
def test_common_tracking_is_removed_and_the_rest_kept_as_written(url, cleaned):
    assert tracking.common_tracking_removed(url) == cleaned


def test_the_registered_cleaner_cleans_rich_text_links(monkeypatch):
    monkeypatch.setattr(tracking, "_link_cleaner", tracking.common_tracking_removed)

    html = sanitize_html('<p><a href="https://example.com/?gclid=1&amp;page=2">Go</a></p>')

    assert html == '<p><a href="https://example.com/?page=2" rel="noopener noreferrer">Go</a></p>'
