"""Migrations of an original's identity: stored keys made, and made again when the rule changes.

As in `test_migrations`, each test migrates from wherever the one before left the schema, and the
latest schema comes back once the module is done.
"""

import pytest

from articles.crosspost import origins
from tests.articles.migrating import SITE_LATEST, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

BEFORE_TWEETS = [("articles", "0030_origin_key"), SITE_LATEST]
AFTER_TWEETS = [("articles", "0032_tweet_identity_is_its_status"), SITE_LATEST]


def test_articles_saved_before_get_their_original_s_identity_and_a_second_copy_none():
    old_apps = migrate([("articles", "0029_topics_without_an_address"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    for slug, origin_url in (
        ("first-copy", "https://www.linkedin.com/pulse/work-dana/"),
        ("second-copy", "http://uk.linkedin.com/pulse/work-dana"),
        ("post", "https://www.linkedin.com/posts/dana_notes-activity-7151234567890123456-AbCd"),
        ("tweet", "https://twitter.com/dana/status/1879"),
        ("own", ""),
    ):
        Article.objects.create(headline=slug, slug=slug, origin_url=origin_url)

    new_apps = migrate([("articles", "0030_origin_key"), SITE_LATEST])
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "origin_key")) == {
        "first-copy": "https://linkedin.com/pulse/work-dana",
        "second-copy": "",
        "post": "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
        "tweet": "https://x.com/dana/status/1879",
        "own": "",
    }

    # Going back keeps every article and its address as given.
    old_apps = migrate([("articles", "0029_topics_without_an_address"), SITE_LATEST])
    Article = old_apps.get_model("articles", "Article")
    assert Article.objects.get(slug="second-copy").origin_url == (
        "http://uk.linkedin.com/pulse/work-dana"
    )


# (slug, original URL, identity 0030 stored), oldest first.
STORED_TWEETS = [
    ("dana", "https://twitter.com/Dana/status/1879", "https://x.com/Dana/status/1879"),
    # The same tweet under its handle in other letters: a second original until now.
    ("dana-again", "https://x.com/dana/status/1879", "https://x.com/dana/status/1879"),
    # 0030 left this second copy without an identity; it stays without one.
    ("dana-copy", "http://twitter.com/Dana/status/1879/", ""),
    ("web", "https://twitter.com/i/web/status/2024", "https://x.com/i/web/status/2024"),
    # The later article already holds the identity the older one is now given.
    ("marcus", "https://x.com/Marcus/status/3003", "https://x.com/Marcus/status/3003"),
    ("marcus-again", "https://x.com/i/status/3003", "https://x.com/i/status/3003"),
    ("profile", "https://x.com/Dana", "https://x.com/Dana"),
    ("pulse", "https://www.linkedin.com/pulse/work-dana/", "https://linkedin.com/pulse/work-dana"),
    (
        "lookalike",
        "https://example.org/x.com/dana/status/1879",
        "https://example.org/x.com/dana/status/1879",
    ),
    ("own", "", ""),
]


def test_a_tweet_s_identity_becomes_its_status_id_and_the_older_copy_keeps_it():
    old_apps = migrate(BEFORE_TWEETS)
    Article = old_apps.get_model("articles", "Article")
    for slug, origin_url, key in STORED_TWEETS:
        Article.objects.create(headline=slug, slug=slug, origin_url=origin_url, origin_key=key)

    new_apps = migrate(AFTER_TWEETS)
    Article = new_apps.get_model("articles", "Article")
    keys = dict(Article.objects.values_list("slug", "origin_key"))
    assert keys == {
        "dana": "https://x.com/i/status/1879",
        "dana-again": "",
        "dana-copy": "",
        "web": "https://x.com/i/status/2024",
        "marcus": "https://x.com/i/status/3003",
        "marcus-again": "",
        "profile": "https://x.com/Dana",
        "pulse": "https://linkedin.com/pulse/work-dana",
        "lookalike": "https://example.org/x.com/dana/status/1879",
        "own": "",
    }
    # What the migration stored is what the site works out for each address now.
    urls = dict(Article.objects.values_list("slug", "origin_url"))
    assert {slug: origins.origin_key(urls[slug]) for slug, key in keys.items() if key} == {
        slug: key for slug, key in keys.items() if key
    }

    # Going back gives every article the identity it had, the second copies of 0030 none.
    old_apps = migrate(BEFORE_TWEETS)
    Article = old_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "origin_key")) == {
        slug: key for slug, _, key in STORED_TWEETS
    }
    migrate(AFTER_TWEETS)
