"""Migrations correcting stored origins: platforms the old rule took for Medium.

As in `test_origin_migrations`, each test migrates from wherever the one before left the schema,
and the latest schema comes back once the module is done.
"""

import pytest

from articles.crosspost import origins
from articles.models.fields import validate_http_url
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.migrating import SITE_LATEST, latest, migrate
from tests.articles.pages import page_text
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

BEFORE_MEDIUM = [("articles", "0044_topic_former_addresses"), SITE_LATEST]
AFTER_MEDIUM = [("articles", "0045_origins_mistaken_for_medium"), SITE_LATEST]
NEWS24 = "https://www.news24.com/news24/opinions/dana-whitfield-why-boards-fail-20250114"

# (slug, original URL, platform stored, platform after the migration)
STORED_PLATFORMS = [
    ("news24", NEWS24, "Medium", "news24.com"),
    ("number", "https://news.example.org/opinion/boards-1234567890", "Medium", "news.example.org"),
    (
        "uuid",
        "https://www.iol.co.za/opinion/boards-0f3c9a9b-7c2d-4e5f-9a1b-2c3d4e5f6a7b",
        "Medium",
        "iol.co.za",
    ),
    # A Medium publication on its own domain, by its story id: Medium still.
    ("publication", "https://writing.example/boards-5c1e0a7d2b94", "Medium", "Medium"),
    ("medium", "https://medium.com/@dana/boards-20250114", "Medium", "Medium"),
    # On a known platform the old rule named it: "Medium" was an editor's choice, kept.
    ("chosen", "https://www.forbes.com/sites/dana/boards-20250114", "Medium", "Medium"),
    # Not read as a Medium story by the old rule either: chosen, kept.
    ("typed", "https://dana.example/blog/boards", "Medium", "Medium"),
    # Another platform named for such an address: kept.
    ("named", "https://news.example.org/opinion/boards-20250115", "Daily Example", "Daily Example"),
    ("linkedin", "https://www.linkedin.com/pulse/boards-dana/", "LinkedIn", "LinkedIn"),
]


def test_originals_the_old_rule_took_for_medium_stories_are_credited_to_their_site():
    old_apps = migrate(BEFORE_MEDIUM)
    Article = old_apps.get_model("articles", "Article")
    for slug, url, platform, _ in STORED_PLATFORMS:
        Article.objects.create(headline=slug, slug=slug, origin_url=url, origin_platform=platform)

    new_apps = migrate(AFTER_MEDIUM)
    Article = new_apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "origin_platform")) == {
        slug: after for slug, _, _, after in STORED_PLATFORMS
    }
    # What the migration stored is what the form names each address now.
    changed = [(url, after) for _, url, before, after in STORED_PLATFORMS if before != after]
    assert [origins.detect_platform(url) for url, _ in changed] == [after for _, after in changed]

    # Going back keeps the corrected names.
    old_apps = migrate(BEFORE_MEDIUM)
    Article = old_apps.get_model("articles", "Article")
    assert Article.objects.get(slug="news24").origin_platform == "news24.com"
    migrate(AFTER_MEDIUM)


def test_a_page_crediting_medium_by_mistake_is_retired_once_corrected(client):
    migrate(latest())
    author = AuthorFactory(name="Dana Whitfield")
    article = ArticleFactory(kind="op-ed", slug="boards", origin_url=NEWS24, authors=[author])
    type(article).objects.filter(pk=article.pk).update(origin_platform="Medium")
    client.get("/news/boards/")
    page = client.get("/news/boards/")
    assert page[CACHE_STATUS_HEADER] == "hit"
    assert "originally published on Dana Whitfield's Medium." in page_text(page)

    migrate(BEFORE_MEDIUM)
    migrate(latest())

    page = client.get("/news/boards/")
    assert page[CACHE_STATUS_HEADER] == "miss"
    assert "This piece was originally published on news24.com." in page_text(page)
    assert "Medium" not in page_text(page)


AFTER_USER_INFO = [("articles", "0046_origin_urls_without_user_info"), SITE_LATEST]
PULSE = "www.linkedin.com/pulse/work-dana/"

# (slug, original URL, platform, original URL after the migration)
STORED_USERS = [
    # A name and password before the platform's own host: they go, the address stays.
    ("password", f"https://dana:secret@{PULSE}", "LinkedIn", f"https://{PULSE}"),
    ("user", "https://evil@linkedin.com/in/dana", "LinkedIn", "https://linkedin.com/in/dana"),
    ("port", "https://reader@news.example:8443/op-ed", "news.example", "https://news.example:8443/op-ed"),
    # Leading to the site the credit names, which was worked out from the address.
    ("named-there", "https://www.linkedin.com@evil.example/a", "evil.example", "https://evil.example/a"),
    # A publication named freely, and a name and password that name no other site.
    ("publication", "https://reader:pw@dailyexample.com/op-ed", "Daily Example", "https://dailyexample.com/op-ed"),
    # Another site's name before the host, the credit naming a platform it does not lead to:
    # no address is safe to keep.
    ("lookalike", "https://www.linkedin.com@evil.example/pulse/b", "LinkedIn", ""),
    ("lookalike-paper", "https://www.dailyexample.com@evil.example/op-ed", "Daily Example", ""),
    ("medium", "https://medium.com/@dana/boards-5c1e0a7d2b94", "Medium", "https://medium.com/@dana/boards-5c1e0a7d2b94"),
    ("own", "", "", ""),
]  # fmt: skip


def test_stored_originals_lose_the_user_before_their_host_or_their_address():
    old_apps = migrate(AFTER_MEDIUM)
    Article = old_apps.get_model("articles", "Article")
    for slug, url, platform, _ in STORED_USERS:
        Article.objects.create(
            headline=slug,
            slug=slug,
            origin_url=url,
            origin_key=origins.origin_key(url),
            origin_platform=platform,
        )

    new_apps = migrate(AFTER_USER_INFO)
    Article = new_apps.get_model("articles", "Article")
    rows = {
        slug: (url, key, platform)
        for slug, url, key, platform in Article.objects.values_list(
            "slug", "origin_url", "origin_key", "origin_platform"
        )
    }
    assert rows == {
        slug: (after, origins.origin_key(after), platform)
        for slug, _, platform, after in STORED_USERS
    }
    # Each address left is one a save accepts now.
    for url in filter(None, (after for _, _, _, after in STORED_USERS)):
        validate_http_url(url)
        assert origins.linkable(url) == url

    # Going back cannot give the names and passwords back: the addresses stay as cleaned.
    old_apps = migrate(AFTER_MEDIUM)
    Article = old_apps.get_model("articles", "Article")
    assert Article.objects.get(slug="password").origin_url == f"https://{PULSE}"
    migrate(AFTER_USER_INFO)


def test_a_page_of_an_original_cleaned_of_its_user_is_retired_and_links_it_again(client):
    migrate(latest())
    author = AuthorFactory(name="Dana Whitfield")
    article = ArticleFactory(
        kind="op-ed", slug="work", origin_url=f"https://{PULSE}", authors=[author]
    )
    type(article).objects.filter(pk=article.pk).update(origin_url=f"https://dana:secret@{PULSE}")
    client.get("/news/work/")
    page = client.get("/news/work/")
    assert page[CACHE_STATUS_HEADER] == "hit"
    assert f'href="https://{PULSE}"' not in page.content.decode()

    migrate(AFTER_MEDIUM)
    migrate(latest())

    page = client.get("/news/work/")
    assert page[CACHE_STATUS_HEADER] == "miss"
    assert f'<link rel="canonical" href="https://{PULSE}">' in page.content.decode()
