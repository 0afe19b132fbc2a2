"""What a stored page is kept under: its address and the reader choices that change it, nothing
else a visitor sends."""

import base64
import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_article_pages_name_the_host_they_are_asked_for(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["news.example.com", "www.example.com"]

    first = text(client.get("/news/story/", HTTP_HOST="news.example.com"))
    second = text(client.get("/news/story/", HTTP_HOST="www.example.com"))

    assert '<link rel="canonical" href="http://news.example.com/news/story/">' in first
    assert '<link rel="canonical" href="http://www.example.com/news/story/">' in second
    assert "news.example.com" not in second


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


def test_a_choice_followed_from_another_site_is_kept_for_no_reader_choosing_here(
    client, article, cached
):
    link = "/news/?hide_spoilers=all"
    for _ in range(2):
        elsewhere = client.get(link, HTTP_SEC_FETCH_SITE="cross-site")
        assert not elsewhere.cookies
        assert "private" in elsewhere["Cache-Control"]

    # Not answered with the copy made for the link: that one sets no cookie.
    here = client.get(link, HTTP_SEC_FETCH_SITE="same-origin")

    assert here.cookies["hide_spoilers"].value == "all"
    assert "public" not in here["Cache-Control"]


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


@pytest.mark.parametrize("address", ["/news/?{}={}", "/api/v1/articles/?{}={}"])
def test_filters_naming_nothing_public_keep_nothing(client, dana, address):
    """Any slug may be typed into a filter: made-up ones, and those of a topic or author with
    nothing public, leave no page and no fragment behind, here or at the edge."""
    ArticleFactory(headline="A public piece", authors=[dana], tag_names=["Culture"])
    ArticleFactory(status="draft", tag_names=["Project Falcon"])
    from django.core.cache import cache

    client.get(address.format("tag", "culture"))
    pages = stored_pages()
    kept = None

    for name, value in [("tag", "project-falcon"), *(("author", f"made-up-{n}") for n in range(5))]:
        response = client.get(address.format(name, value))
        assert response.status_code == 200
        assert "A public piece" not in text(response)
        assert "Project Falcon" not in text(response)
        assert "private" in response["Cache-Control"]
        # What every such listing shares (its count: none) is kept once, nothing per value.
        kept = set(cache._cache) if kept is None else kept
        assert set(cache._cache) == kept, value

    assert stored_pages() == pages


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


def test_a_non_latin_subject_names_a_page_of_its_own_and_forgeries_of_it_none(client, dana):
    from articles.models import subject_slug

    ArticleFactory(
        headline="Finale talk",
        authors=[dana],
        spoiler_warning="spoils the finale",
        spoiler_warning__subject="進撃の巨人",
    )
    plain = text(client.get("/news/"))
    slug = subject_slug("進撃の巨人")

    for forged in (slug.upper() + "0", slug[:-1], "f" * len(slug), slug * 20):
        client.cookies["hide_spoilers"] = forged
        assert text(client.get("/news/")) == plain
    client.cookies["hide_spoilers"] = slug
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


def test_made_up_api_positions_and_dates_fill_no_cache(client, dana):
    """Like a made-up slug, a made-up moment or cursor is one more page for every value anyone
    types: the API's lists keep a fixed number of pages, however many are asked for."""
    ArticleFactory(headline="A public piece", authors=[dana])
    assert client.get("/api/v1/articles/").status_code == 200
    pages = stored_pages()

    for n in range(1, 21):
        made_up = base64.b64encode(f"p=2020-01-01T00:00:{n:02}%2B00:00&k={n}".encode()).decode()
        for query in (f"?cursor={made_up}", f"?updated_since=2020-01-01T00:00:{n:02}Z"):
            assert client.get("/api/v1/articles/" + query).status_code in (200, 400), query

    assert len(stored_pages() - pages) <= 2


def test_an_api_list_made_afresh_is_still_public_and_answers_304(client, dana):
    ArticleFactory(headline="A public piece", authors=[dana])
    url = "/api/v1/articles/?updated_since=2020-01-01T00:00:00Z"

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"].startswith("public, max-age=")
    assert again.status_code == 304
    assert client.get(url)["X-Page-Cache"] == "miss"
    # The list without a moment or cursor is kept as before.
    client.get("/api/v1/articles/")
    assert client.get("/api/v1/articles/")["X-Page-Cache"] == "hit"
