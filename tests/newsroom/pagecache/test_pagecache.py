"""The page cache: anonymous readers get stored pages; every change shows on the next request."""

from datetime import timedelta

import pytest
from django.db.models.functions import Now
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ContentWarning
from articles.workflow import publishing
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from newsroom.pagecache.kept import reading
from newsroom.pagecache.tags import CLOCK_KEY, read_stamps
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


READER_URLS = ["/news/", "/news/story/", "/news/authors/dana/", "/news/tags/culture/"]


def visit_all(client) -> dict[str, str]:
    return {url: text(client.get(url)) for url in READER_URLS}


def test_a_second_anonymous_request_is_served_from_the_cache(
    client, article, django_assert_num_queries
):
    first = client.get("/news/story/")

    with django_assert_num_queries(0):
        second = client.get("/news/story/")

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_editing_an_article_shows_on_every_page_at_the_next_request(cached, client, article):
    visit_all(client)

    article.headline = "A corrected headline"
    article.save()

    for url, html in visit_all(client).items():
        assert "A corrected headline" in html, url
        assert "The first headline" not in html, url


def test_publishing_and_unpublishing_show_at_the_next_request(cached, client, article, dana):
    draft = ArticleFactory(headline="Fresh news", status="draft", authors=[dana])
    assert "Fresh news" not in text(client.get("/news/"))

    publishing.publish(draft)
    assert "Fresh news" in text(client.get("/news/"))
    assert client.get(draft.get_absolute_url()).status_code == 200

    publishing.unpublish(draft)
    assert "Fresh news" not in text(client.get("/news/"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_deleting_an_article_shows_at_the_next_request(cached, client, article):
    visit_all(client)

    article.delete()

    assert "The first headline" not in text(client.get("/news/"))
    assert client.get("/news/story/").status_code == 404


def test_editing_an_author_shows_on_their_articles_and_page(cached, client, article, dana):
    visit_all(client)

    dana.name = "Dana W. Whitfield"
    dana.save()

    assert "Dana W. Whitfield" in text(client.get("/news/story/"))
    assert "Dana W. Whitfield" in text(client.get("/news/authors/dana/"))
    assert "By Dana W. Whitfield" in text(client.get("/news/"))


def test_renaming_or_adding_a_tag_shows_at_the_next_request(cached, client, article):
    visit_all(client)

    tag = Tag.objects.get(slug="culture")
    tag.name = "Company culture"
    tag.save()
    assert "<h1>Company culture</h1>" in text(client.get("/news/tags/culture/"))

    article.tags.add("Hiring")
    assert client.get("/news/tags/hiring/").status_code == 200
    assert "Hiring" in text(client.get("/news/story/"))


def test_editing_a_related_article_shows_on_the_articles_that_list_it(
    cached, client, article, dana
):
    neighbour = ArticleFactory(
        headline="A neighbouring piece", slug="neighbour", authors=[dana], tag_names=["Culture"]
    )
    assert "A neighbouring piece" in text(client.get("/news/story/"))

    neighbour.headline = "A renamed neighbour"
    neighbour.save()

    html = text(client.get("/news/story/"))
    assert "A renamed neighbour" in html
    assert "A neighbouring piece" not in html


def test_featuring_another_article_shows_at_the_next_request(cached, client, article, dana):
    other = ArticleFactory(headline="The other piece", authors=[dana])
    client.get("/news/")

    other.is_featured = True
    other.save()
    html = text(client.get("/news/"))
    assert html.index("The other piece") < html.index("The first headline")
    assert 'class="featured"' in html

    publishing.unpublish(other)
    html = text(client.get("/news/"))
    assert "The other piece" not in html
    assert 'class="featured"' not in html


def test_adding_a_warning_shows_on_the_article_and_its_card(cached, client, article):
    visit_all(client)

    ContentWarning.objects.create(article=article, text="contains spoilers for the finale")

    assert "(Warning: contains spoilers for the finale)" in text(client.get("/news/story/"))
    assert "badge--warning" in text(client.get("/news/"))


def test_site_pages_and_settings_show_at_the_next_request(cached, client, article):
    about = SitePageFactory(title="About us", slug="about")
    client.get("/about/")
    visit_all(client)

    about.title = "About Northwind"
    about.save()
    SiteSettings(site_name="Northwind News", news_heading="Company news").save()

    assert "<h1>About Northwind</h1>" in text(client.get("/about/"))
    html = text(client.get("/news/"))
    assert "<h1>Company news</h1>" in html
    assert "About Northwind</a>" in html
    assert "Northwind News" in text(client.get("/news/story/"))


def test_a_scheduled_article_appears_when_its_time_comes_with_nobody_saving(
    cached, client, dana, clocks
):
    ArticleFactory(headline="Already out", authors=[dana])
    scheduled = ArticleFactory(
        headline="Embargoed news",
        slug="embargoed",
        published_at=timezone.now() + timedelta(hours=1),
    )
    assert "Embargoed news" not in text(client.get("/news/"))
    assert "Embargoed news" not in text(client.get("/news/"))  # now from the cache

    # The hour passes and no signal is sent. The app's clock and the worker's are moved on; the
    # database's cannot be, so the piece's time becomes the database's now by an update, which
    # tells nobody, as the hour would have left it.
    clocks.move(timedelta(hours=1, seconds=1))
    Article.objects.filter(pk=scheduled.pk).update(published_at=Now())

    assert "Embargoed news" in text(client.get("/news/"))
    assert client.get("/news/embargoed/").status_code == 200


def test_a_scheduled_article_appears_even_if_the_database_reaches_its_time_after_the_app(
    cached, client, dana, clocks
):
    ArticleFactory(headline="Already out", authors=[dana])
    # The app's clock runs a little ahead of the database's (servers' clocks differ).
    clocks.move(timedelta(seconds=2))
    scheduled = ArticleFactory(
        headline="Embargoed news",
        slug="embargoed",
        published_at=timezone.now() + timedelta(seconds=1),
    )
    client.get("/news/")

    # The app's clock passes the piece's time before the database's does: a reader asks in
    # that moment, and the database does not list the piece yet.
    clocks.move(timedelta(seconds=2))
    assert "Embargoed news" not in text(client.get("/news/"))
    # Then the database's clock reaches it (its time becomes the database's now), which tells
    # nobody; the page made in that moment is kept no longer than the clocks may be apart.
    Article.objects.filter(pk=scheduled.pk).update(published_at=Now())
    clocks.move(schedule.CLOCKS_APART)

    assert "Embargoed news" in text(client.get("/news/"))


def test_a_page_is_not_served_before_its_scheduled_time(client, dana):
    ArticleFactory(slug="later", published_at=timezone.now() + timedelta(hours=1))

    assert client.get("/news/later/").status_code == 404
    assert client.get("/news/later/").status_code == 404


def test_a_lost_clock_never_brings_back_old_pages(client, article):
    from django.core.cache import cache

    client.get("/news/story/")
    cache.delete(CLOCK_KEY)

    article.headline = "A corrected headline"
    article.save()

    assert "A corrected headline" in text(client.get("/news/story/"))


def test_changes_in_a_transaction_retire_pages_again_once_committed(
    cached, client, article, django_capture_on_commit_callbacks
):
    stamps = []
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
        stamps.append(read_stamps([f"article-{article.pk}"]))
    stamps.append(read_stamps([f"article-{article.pk}"]))

    assert stamps[1][f"article-{article.pk}"] > stamps[0][f"article-{article.pk}"]


def test_a_preview_link_is_never_stored_and_every_visit_is_recorded(client, dana):
    from articles.workflow import previews

    draft = ArticleFactory(slug="draft", status="draft", authors=[dana])
    link = previews.create_link(article=draft, reviewer="Dana Whitfield")
    url = previews.url_for(link)

    responses = [client.get(url), client.get(url)]

    assert [r.status_code for r in responses] == [200, 200]
    assert all(r["Cache-Control"] == "private, no-store" for r in responses)
    link.refresh_from_db()
    assert link.view_count == 2


def test_a_corrections_note_shows_at_the_next_request(cached, client, article):
    from articles.models import Correction

    client.get("/news/story/")

    Correction.objects.create(article=article, text="An earlier version misspelt a name.")

    assert "An earlier version misspelt a name." in text(client.get("/news/story/"))


def test_a_former_address_redirects_once_the_slug_changes(cached, client, article):
    client.get("/news/story/")
    article.slug = "the-story"
    article.save()

    response = client.get("/news/story/")

    assert response.status_code == 301
    assert response["Location"] == "/news/the-story/"


def test_pages_are_served_and_edits_saved_while_the_cache_server_is_down(client, article, settings):
    # Nothing listens on this loopback port: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:8799/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }

    first = client.get("/news/story/")
    article.headline = "Edited while the cache was down"
    article.save()
    second = client.get("/news/story/")

    assert first.status_code == 200
    assert "Edited while the cache was down" in text(second)
    assert client.get("/news/").status_code == 200


def test_a_cache_that_keeps_nothing_serves_the_pages_a_working_cache_serves(
    client, article, dana, settings, make_upload
):
    # A featured piece with a picture, a warning, two topics and two authors beside the plain
    # one: every part of a card, of the lead and of its page is made from the rows as each kind
    # of cache loads them.
    featured = ArticleFactory(
        headline="The featured piece",
        is_featured=True,
        authors=[dana, AuthorFactory(name="Farah Haddad")],
        tag_names=["Culture", "Arts"],
        spoiler_warning="the final scene",
        featured_image=make_upload("harbour.jpg"),
        featured_image_alt="A harbour at dawn",
    )
    urls = [*READER_URLS, featured.get_absolute_url()]
    kept = {url: text(client.get(url)) for url in urls}
    settings.CACHES = NOTHING_KEPT

    assert not reading().available
    assert "The featured piece" in kept["/news/"]
    assert "(Warning: the final scene)" in kept[featured.get_absolute_url()]
    assert {url: text(client.get(url)) for url in urls} == kept


@pytest.mark.usefixtures("nothing_kept")
def test_a_cache_that_keeps_nothing_serves_fresh_pages(client, article):
    client.get("/news/story/")
    article.headline = "Fresh every time"
    article.save()

    assert not reading().available
    assert "Fresh every time" in text(client.get("/news/story/"))
