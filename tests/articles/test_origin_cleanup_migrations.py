"""Migrations correcting stored origins: platforms the old rule took for Medium.

As in `test_origin_migrations`, each test migrates from wherever the one before left the schema,
and the latest schema comes back once the module is done.
"""

import pytest

from articles.crosspost import origins
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.migrating import SITE_LATEST, migrate
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
    migrate(AFTER_MEDIUM)
    author = AuthorFactory(name="Dana Whitfield")
    article = ArticleFactory(kind="op-ed", slug="boards", origin_url=NEWS24, authors=[author])
    type(article).objects.filter(pk=article.pk).update(origin_platform="Medium")
    client.get("/news/boards/")
    page = client.get("/news/boards/")
    assert page[CACHE_STATUS_HEADER] == "hit"
    assert "originally published on Dana Whitfield's Medium." in page_text(page)

    migrate(BEFORE_MEDIUM)
    migrate(AFTER_MEDIUM)

    page = client.get("/news/boards/")
    assert page[CACHE_STATUS_HEADER] == "miss"
    assert "This piece was originally published on news24.com." in page_text(page)
    assert "Medium" not in page_text(page)
