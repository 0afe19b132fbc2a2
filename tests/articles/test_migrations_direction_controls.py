"""Migration 0053: stored headlines, summaries and search titles lose the direction controls
that never close, so the page's title, `og:title` and the calendar feed read forward."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.desk.test_feed import SOON, events, feed_url
from tests.articles.migrating import SITE_LATEST, latest, migrate
from tests.conftest import restore_migrated_groups
from tests.factories import ArticleFactory, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

BEFORE = [("articles", "0052_article_returned_by_at"), SITE_LATEST]
AFTER = [("articles", "0053_article_lines_without_direction_overrides"), SITE_LATEST]
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# (slug, headline, dek, seo_title, all three after the migration)
STORED = [
    (
        "override",
        "QA 𝗯𝗼𝗹𝗱 \u202eevil",
        "\u2067Isolated",
        "Title \u202b",
        ("QA 𝗯𝗼𝗹𝗱 evil", "Isolated", "Title "),
    ),
    ("every", f"a{CONTROLS}b", "", "", ("ab", "", "")),
    # The marks Arabic and Hebrew need, and the joiner in an emoji, stay.
    (
        "marks",
        "\u200fשלום 👩\u200d💻",
        "مرحبا\u061c",
        "",
        ("\u200fשלום 👩\u200d💻", "مرحبا\u061c", ""),
    ),
]


def test_stored_lines_lose_the_direction_controls_and_keep_the_marks():
    old_apps = migrate(BEFORE)
    Article = old_apps.get_model("articles", "Article")
    for slug, headline, dek, seo_title, _ in STORED:
        Article.objects.create(slug=slug, headline=headline, dek=dek, seo_title=seo_title)

    new_apps = migrate(AFTER)
    Article = new_apps.get_model("articles", "Article")
    rows = Article.objects.values_list("slug", "headline", "dek", "seo_title")
    assert {slug: tuple(lines) for slug, *lines in rows} == {
        slug: after for slug, *_, after in STORED
    }

    # Going back cannot put the controls back: the lines stay as cleaned.
    old_apps = migrate(BEFORE)
    assert old_apps.get_model("articles", "Article").objects.get(slug="every").headline == "ab"
    migrate(AFTER)


def test_pages_and_the_calendar_of_a_cleaned_headline_read_forward(client):
    migrate(latest())
    # Started from an older schema, the test was given no editorial groups (`groups_as_migrated`).
    restore_migrated_groups()
    editor_client = Client()
    editor_client.force_login(make_editor())
    article = ArticleFactory(slug="piece", kind="op-ed")
    scheduled = ArticleFactory(slug="later", headline="Launch", published_at=SOON)
    type(article).objects.filter(pk__in=[article.pk, scheduled.pk]).update(headline="QA \u202eevil")
    client.get("/news/piece/")
    assert client.get("/news/piece/")[CACHE_STATUS_HEADER] == "hit"
    calendar = feed_url(editor_client)

    migrate(BEFORE)
    migrate(latest())

    page = client.get("/news/piece/")
    assert page[CACHE_STATUS_HEADER] == "miss"
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.title.string.startswith("Op-ed: QA evil · ")
    assert soup.find("meta", property="og:title")["content"].startswith("Op-ed: QA evil")
    assert not any(char in page.content.decode() for char in CONTROLS)
    assert "News: QA evil (scheduled)" in events(Client().get(calendar))
