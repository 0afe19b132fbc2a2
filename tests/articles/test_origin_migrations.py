"""Migrations of an original's identity: stored keys made, and made again when the rule changes;
stored addresses cleaned when the cleaning does.

As in `test_migrations`, each test migrates from wherever the one before left the schema, and the
latest schema comes back once the module is done.
"""

import importlib
from html import escape

import pytest

from articles.crosspost import origins
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.migrating import SITE_LATEST, latest, migrate
from tests.factories import ArticleFactory

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


BEFORE_SHARES = [("articles", "0040_search_reads_words_unaccented"), SITE_LATEST]
AFTER_SHARES = [("articles", "0041_origin_urls_lose_share_parameters"), SITE_LATEST]
SHARES_MIGRATION = importlib.import_module(
    "articles.migrations.0041_origin_urls_lose_share_parameters"
)

# (slug, original URL as saved before, the identity then, the URL after, the identity after),
# oldest first.
STORED_SHARES = [
    (
        "video",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Dana_shared_it&t=42",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&si=Dana_shared_it&t=42",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42",
    ),
    (
        "thread",
        "https://www.threads.net/@dana/post/C1a2b3?xmt=AQGzAbC&slof=1",
        "https://threads.net/@dana/post/C1a2b3?xmt=AQGzAbC&slof=1",
        "https://www.threads.net/@dana/post/C1a2b3",
        "https://threads.net/@dana/post/C1a2b3",
    ),
    (
        "facebook",
        "https://www.facebook.com/dana/posts/pfbid02?__cft__%5B0%5D=AZW&__tn__=%2CO%2CP-R"
        "&mibextid=WC7FNe",
        "https://facebook.com/dana/posts/pfbid02?__cft__%5B0%5D=AZW&__tn__=%2CO%2CP-R"
        "&mibextid=WC7FNe",
        "https://www.facebook.com/dana/posts/pfbid02",
        "https://facebook.com/dana/posts/pfbid02",
    ),
    (
        "reddit",
        "https://www.reddit.com/r/ops/comments/1abc/why_we_plan/?share_id=XyZ9",
        "https://reddit.com/r/ops/comments/1abc/why_we_plan?share_id=XyZ9",
        "https://www.reddit.com/r/ops/comments/1abc/why_we_plan/",
        "https://reddit.com/r/ops/comments/1abc/why_we_plan",
    ),
    (
        "tiktok",
        "https://www.tiktok.com/@dana/video/7312?_t=8iZ&lang=en&sender_device=pc",
        "https://tiktok.com/@dana/video/7312?_t=8iZ&lang=en&sender_device=pc",
        "https://www.tiktok.com/@dana/video/7312?lang=en",
        "https://tiktok.com/@dana/video/7312?lang=en",
    ),
    (
        "substack",
        "https://open.substack.com/pub/DanaWhitfield/p/plan-in-seasons",
        "https://open.substack.com/pub/DanaWhitfield/p/plan-in-seasons",
        "https://danawhitfield.substack.com/p/plan-in-seasons",
        "https://danawhitfield.substack.com/p/plan-in-seasons",
    ),
    # The same post by its own address, re-published later: a second copy now.
    (
        "substack-again",
        "https://danawhitfield.substack.com/p/plan-in-seasons",
        "https://danawhitfield.substack.com/p/plan-in-seasons",
        "https://danawhitfield.substack.com/p/plan-in-seasons",
        "",
    ),
    # The later article holds the identity the older one is now given.
    (
        "clip",
        "https://youtu.be/Clip1?si=AbCdEf&feature=shared",
        "https://youtu.be/Clip1?si=AbCdEf&feature=shared",
        "https://youtu.be/Clip1",
        "https://youtu.be/Clip1",
    ),
    (
        "clip-again",
        "https://youtu.be/Clip1",
        "https://youtu.be/Clip1",
        "https://youtu.be/Clip1",
        "",
    ),
    # A post whose address carries no words of it, saved before it was known by its activity id.
    (
        "post",
        "https://www.linkedin.com/posts/dana_activity-7151234567890123456-AbCd",
        "https://linkedin.com/posts/dana_activity-7151234567890123456-AbCd",
        "https://www.linkedin.com/posts/dana_activity-7151234567890123456-AbCd",
        "https://linkedin.com/feed/update/urn:li:activity:7151234567890123456",
    ),
    # A parameter of the same name elsewhere is the site's own.
    (
        "elsewhere",
        "https://example.org/watch?v=1&si=3",
        "https://example.org/watch?v=1&si=3",
        "https://example.org/watch?v=1&si=3",
        "https://example.org/watch?v=1&si=3",
    ),
    (
        "pulse",
        "https://www.linkedin.com/pulse/work-dana/",
        "https://linkedin.com/pulse/work-dana",
        "https://www.linkedin.com/pulse/work-dana/",
        "https://linkedin.com/pulse/work-dana",
    ),
    ("own", "", "", "", ""),
]


def test_stored_originals_lose_the_share_parameters_and_the_older_copy_keeps_the_identity(
    monkeypatch,
):
    # Batches of two: a key an article is given is held by one of another batch.
    monkeypatch.setattr(SHARES_MIGRATION, "BATCH_SIZE", 2)
    old_apps = migrate(BEFORE_SHARES)
    Article = old_apps.get_model("articles", "Article")
    for slug, origin_url, key, _, _ in STORED_SHARES:
        Article.objects.create(headline=slug, slug=slug, origin_url=origin_url, origin_key=key)

    new_apps = migrate(AFTER_SHARES)
    Article = new_apps.get_model("articles", "Article")
    rows = {
        slug: (url, key)
        for slug, url, key in Article.objects.values_list("slug", "origin_url", "origin_key")
    }
    assert rows == {slug: (url, key) for slug, _, _, url, key in STORED_SHARES}
    # What the migration stored is what a save makes of each address now.
    assert [origins.clean_url(stored) for _, stored, _, _, _ in STORED_SHARES] == [
        url for _, _, _, url, _ in STORED_SHARES
    ]
    assert [origins.origin_key(url) for _, _, _, url, key in STORED_SHARES if key] == [
        key for _, _, _, _, key in STORED_SHARES if key
    ]

    # Going back cannot bring the parameters back: the addresses stay cleaned, and each article
    # is given the identity 0032's rule makes of its address, on the same terms.
    old_apps = migrate(BEFORE_SHARES)
    Article = old_apps.get_model("articles", "Article")
    after = {slug: (url, key) for slug, _, _, url, key in STORED_SHARES}
    after["post"] = (
        after["post"][0],
        "https://linkedin.com/posts/dana_activity-7151234567890123456-AbCd",
    )
    assert {
        slug: (url, key)
        for slug, url, key in Article.objects.values_list("slug", "origin_url", "origin_key")
    } == after
    migrate(AFTER_SHARES)


ORIGIN_SHARED = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Dana"


def test_a_page_showing_a_share_parameter_is_retired_once_its_original_is_cleaned(client):
    migrate(latest())
    article = ArticleFactory(kind="op-ed", slug="video", origin_url=ORIGIN_SHARED)
    # As saved before: the address with the parameter naming who shared it.
    type(article).objects.filter(pk=article.pk).update(
        origin_url=ORIGIN_SHARED, origin_key="https://youtube.com/watch?v=dQw4w9WgXcQ&si=Dana"
    )
    client.get("/news/video/")
    page = client.get("/news/video/")
    assert page[CACHE_STATUS_HEADER] == "hit"
    assert f'<link rel="canonical" href="{escape(ORIGIN_SHARED)}">' in page.content.decode()

    migrate(BEFORE_SHARES)
    migrate(latest())

    page = client.get("/news/video/")
    assert page[CACHE_STATUS_HEADER] == "miss"
    html = page.content.decode()
    assert '<link rel="canonical" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">' in html
    assert "si=Dana" not in html
