"""The page cache: anonymous readers get stored pages; every change shows on the next request."""

import secrets
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ContentWarning
from articles.workflow import publishing
from newsroom import pagecache
from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def dana():
    return AuthorFactory(name="Dana Whitfield", slug="dana")


@pytest.fixture
def article(dana):
    return ArticleFactory(
        headline="The first headline", slug="story", authors=[dana], tag_names=["Culture"]
    )


@pytest.fixture(params=["pages", "fragments"])
def cached(request, settings):
    """Changes must show whether whole pages are kept or, with the page cache off, only the
    fragments pages are made of."""
    if request.param == "fragments":
        settings.PAGE_CACHE_SECONDS = 0


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


def test_article_pages_name_the_host_they_are_asked_for(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["news.example.com", "www.example.com"]

    first = text(client.get("/news/story/", HTTP_HOST="news.example.com"))
    second = text(client.get("/news/story/", HTTP_HOST="www.example.com"))

    assert '<link rel="canonical" href="http://news.example.com/news/story/">' in first
    assert '<link rel="canonical" href="http://www.example.com/news/story/">' in second
    assert "news.example.com" not in second


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


def test_a_scheduled_article_appears_when_its_time_comes_with_nobody_saving(cached, client, dana):
    now = timezone.now()
    ArticleFactory(headline="Already out", authors=[dana])
    scheduled = ArticleFactory(
        headline="Embargoed news", slug="embargoed", published_at=now + timedelta(hours=1)
    )
    assert "Embargoed news" not in text(client.get("/news/"))
    assert "Embargoed news" not in text(client.get("/news/"))  # now from the cache

    # The embargo lifts: the database already sees the article as public (as it will an hour
    # from now) and the clock has moved past the time the cache noted. No signal is sent.
    Article.objects.filter(pk=scheduled.pk).update(published_at=now - timedelta(seconds=1))
    with mock.patch(
        "newsroom.pagecache.generations.timezone.now", return_value=now + timedelta(hours=1)
    ):
        html = text(client.get("/news/"))

    assert "Embargoed news" in html
    assert client.get("/news/embargoed/").status_code == 200


def test_a_page_is_not_served_before_its_scheduled_time(client, dana):
    ArticleFactory(slug="later", published_at=timezone.now() + timedelta(hours=1))

    assert client.get("/news/later/").status_code == 404
    assert client.get("/news/later/").status_code == 404


def test_a_shared_link_is_one_stored_page_whatever_tracking_it_carries(
    client, article, django_assert_num_queries
):
    first = client.get("/news/story/?utm_source=linkedin&utm_medium=social")

    with django_assert_num_queries(0):
        again = client.get("/news/story/?fbclid=IwAR0abc&trk=public_post")
        plain = client.get("/news/story/")

    assert again.content == plain.content == first.content


def test_tracking_parameters_are_not_carried_into_pagination_links(client, dana):
    ArticleFactory.create_batch(13, authors=[dana])

    html = text(client.get("/news/?utm_campaign=launch&author=dana&fbclid=abc"))

    assert '<a rel="next" href="?author=dana&amp;page=2">' in html
    assert "utm_campaign" not in html
    assert "fbclid" not in html
    # The page a reader without tracking parameters gets next is the same, stored one.
    assert text(client.get("/news/?author=dana")) == html


def test_listings_are_cached_apart_for_each_spoiler_choice(client, dana):
    ArticleFactory(headline="Plain piece", authors=[dana])
    ArticleFactory(headline="Spoiler piece", authors=[dana], spoiler_warning="spoilers")

    assert "Spoiler piece" in text(client.get("/news/"))
    client.cookies["hide_spoilers"] = "all"
    hidden = text(client.get("/news/"))
    assert "Spoiler piece" not in hidden
    assert "Plain piece" in hidden
    assert "Spoiler piece" not in text(client.get("/news/"))  # the stored copy for this choice
    client.cookies["hide_spoilers"] = "none"
    assert "Spoiler piece" in text(client.get("/news/"))


def test_choosing_a_spoiler_setting_is_neither_stored_nor_public(client, article):
    response = client.get("/news/?hide_spoilers=all")

    assert response.cookies["hide_spoilers"].value == "all"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    # Asked again, it is rendered again (so the cookie is set again), not served from the cache.
    client.cookies.clear()
    assert client.get("/news/?hide_spoilers=all").cookies["hide_spoilers"].value == "all"
    assert not client.get("/news/").cookies


def test_logged_in_editors_bypass_the_cache(client, article):
    client.get("/news/story/")
    client.force_login(UserFactory(is_staff=True))

    Article.objects.filter(pk=article.pk).update(headline="Changed without a signal")
    response = client.get("/news/story/")

    assert "Changed without a signal" in text(response)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_public_pages_carry_cdn_cache_headers(client, article, settings):
    settings.PAGE_MAX_AGE = 60
    settings.PAGE_STALE_WHILE_REVALIDATE = 300

    for url in [*READER_URLS, "/news/story/"]:
        response = client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "stale-while-revalidate=300"}, url
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert "Cookie" in response.get("Vary", "") or url == "/news/story/"


def test_an_unchanged_page_answers_304_to_a_conditional_request(client, article):
    first = client.get("/news/story/")

    by_etag = client.get("/news/story/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/news/story/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_date.status_code == 304


def test_a_changed_page_answers_200_to_a_conditional_request(client, article):
    first = client.get("/news/story/")

    article.headline = "A corrected headline"
    article.save()
    response = client.get(
        "/news/story/",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "A corrected headline" in text(response)


def test_conditional_requests_work_with_the_page_cache_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/news/")

    assert client.get("/news/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_missing_pages_are_not_stored(client, article):
    assert client.get("/news/nothing-here/").status_code == 404
    ArticleFactory(slug="nothing-here")

    assert client.get("/news/nothing-here/").status_code == 200


def test_the_admin_is_never_stored_by_browsers_or_proxies(admin_client):
    for url in ["/admin/", "/admin/articles/article/", "/admin/no-such-page/"]:
        response = admin_client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
        assert "public" not in directives


def test_the_admin_login_redirect_is_never_stored(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_the_page_cache_can_be_turned_off(client, article, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/news/story/")

    # The article alone: its bylines, tags and related articles come with its kept fragments.
    with django_assert_num_queries(1):
        assert client.get("/news/story/").status_code == 200


def test_a_lost_generation_counter_never_brings_back_old_pages(client, article):
    from django.core.cache import cache

    client.get("/news/story/")
    cache.delete(pagecache.GENERATION_KEY)

    article.headline = "A corrected headline"
    article.save()

    assert "A corrected headline" in text(client.get("/news/story/"))


def test_changes_in_a_transaction_retire_pages_again_once_committed(
    cached, client, article, django_capture_on_commit_callbacks
):
    generations = []
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
        generations.append(pagecache.current_state().generation)
    generations.append(pagecache.current_state().generation)

    assert generations[1] > generations[0]


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


def test_a_cache_that_keeps_nothing_serves_fresh_pages(client, article, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    client.get("/news/story/")
    article.headline = "Fresh every time"
    article.save()

    assert pagecache.current_state().generation == pagecache.UNAVAILABLE
    assert "Fresh every time" in text(client.get("/news/story/"))


# What a page is kept under: only what changes it, so no visitor can fill the cache.


def stored_pages() -> set[str]:
    """The keys of the pages in the test cache (per-process memory, whose keys can be listed)."""
    from django.core.cache import cache

    return {key for key in cache._cache if ":page:" in key}


def test_varied_requests_for_the_same_pages_leave_a_fixed_number_of_stored_pages(
    client, article, settings
):
    settings.ALLOWED_HOSTS = ["testserver"]
    hosts = [
        "testserver",
        "TestServer",
        "testserver.",
        *(f"testserver:{n}" for n in range(8000, 8030)),
    ]
    cookies = ["<script>", "x" * 300, "ALL!", "", "none", "no-such-subject", "a" * 121]

    for number in range(60):
        junk = secrets.token_hex(4)
        for url in ("/news/", "/news/story/"):
            client.cookies["hide_spoilers"] = [*cookies, f"subject-{junk}"][number % 8]
            query = {f"p{junk}": junk, "utm_source": junk, "kind": f"k{junk}", "page": ""}
            host = hosts[number % len(hosts)]
            assert client.get(url, query, HTTP_HOST=host).status_code == 200, (url, host)

    assert len(stored_pages()) == 2
    client.cookies.clear()
    plain = text(client.get("/news/"))
    assert "The first headline" in plain
    assert "8000" not in plain


def test_a_real_page_filter_or_spoiler_choice_still_gets_its_own_page(
    client, dana, django_assert_num_queries
):
    ArticleFactory(headline="The oldest piece", published_at=timezone.now() - timedelta(days=30))
    ArticleFactory.create_batch(12, authors=[dana])
    ArticleFactory(headline="An op-ed", kind="op-ed", spoiler_warning="spoilers", authors=[dana])

    first, second = text(client.get("/news/")), text(client.get("/news/?page=2"))
    assert "The oldest piece" not in first
    assert "The oldest piece" in second
    with django_assert_num_queries(0):
        assert text(client.get("/news/?page=02&utm_source=x&sort=new")) == second
        assert text(client.get("/news/?page=1&junk=1")) == first

    op_eds = text(client.get("/news/?kind=op-ed"))
    assert "An op-ed" in op_eds
    assert "The oldest piece" not in op_eds
    client.cookies["hide_spoilers"] = "all"
    assert "An op-ed" not in text(client.get("/news/"))
    assert len(stored_pages()) == 4
    assert "The oldest piece" in text(client.get("/news/search/?q=oldest"))


def test_a_spoiler_cookie_names_a_page_only_for_a_subject_public_pieces_carry(client, dana):
    ArticleFactory(
        headline="Finale talk",
        authors=[dana],
        spoiler_warning="spoils the finale",
        spoiler_warning__subject="Harbour Lights",
    )
    plain = text(client.get("/news/"))

    client.cookies["hide_spoilers"] = "no-such-show"
    assert text(client.get("/news/")) == plain
    client.cookies["hide_spoilers"] = "harbour-lights"
    hidden = text(client.get("/news/"))

    assert "Finale talk" in plain
    assert "Finale talk" not in hidden
    assert len(stored_pages()) == 2


def test_a_page_asked_for_under_another_port_or_spelling_names_the_canonical_host(client, article):
    odd = [
        text(client.get("/news/story/", HTTP_HOST=host))
        for host in ["testserver:8081", "TESTSERVER", "testserver."]
    ]
    plain = text(client.get("/news/story/"))

    assert '<link rel="canonical" href="http://testserver/news/story/">' in plain
    assert odd == [plain] * 3
    assert len(stored_pages()) == 1


def test_unknown_parameters_never_reach_a_page_kept_for_everyone(client, dana):
    ArticleFactory.create_batch(13, authors=[dana])

    odd = text(client.get("/news/?ref=evil&hide=all"))
    plain = text(client.get("/news/"))

    assert '<a rel="next" href="?page=2">' in odd
    assert "evil" not in plain
    assert '<a rel="next" href="?page=2">' in plain


def test_a_sitemap_section_keeps_its_page_parameter(client, article):
    first = client.get("/sitemap-articles.xml")

    assert client.get("/sitemap-articles.xml?p=1&utm_source=x").content == first.content
    assert client.get("/sitemap-articles.xml?p=2").status_code == 404
    assert len(stored_pages()) == 1
