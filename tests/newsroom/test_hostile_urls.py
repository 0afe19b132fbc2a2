"""Hostile URLs: odd pages, huge and unknown parameters, bad hosts and control characters.

Each gets a clear client error or the ordinary page, never a server error.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(module_db):
    """Two pages of cards by one writer under one tag, and a site page: made once, as no test
    changes them."""
    author = AuthorFactory(slug="writer")
    article = ArticleFactory(slug="a-story", tag_names=["Culture"], authors=[author])
    for _ in range(13):  # two pages of cards
        ArticleFactory(tag_names=["Culture"], authors=[author])
    SitePageFactory(slug="about")
    return article


LISTINGS = ["/news/", "/news/authors/writer/", "/news/tags/culture/"]


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("page", ["-1", "0", "abc", "1.5", str(10**9), "9" * 400, "%FF"])
def test_a_page_number_that_does_not_exist_is_not_found(client, site, url, page):
    response = client.get(f"{url}?page={page}")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("url", LISTINGS)
def test_the_last_page_and_an_empty_page_parameter_are_served(client, site, url):
    assert client.get(f"{url}?page=").status_code == 200
    assert client.get(f"{url}?page=last").status_code == 200
    assert client.get(f"{url}?page=2").status_code == 200


def test_a_hundred_thousand_character_search_is_answered_quickly_and_bounded(client, site):
    for query in [
        "culture " * 12_500,
        "x" * 100_000,
        '"' * 100_000,
        "-" * 100_000,
        "a " + "- " * 50 + "b",
        "-" * 40 + "culture",
        "or " * 30_000,
    ]:
        response = client.get("/news/search/", {"q": query})

        assert response.status_code in {200, 400}
        assert len(response.content) < 50_000, "the query is not echoed back whole"


@pytest.mark.parametrize("name", ["q", "tag", "author", "kind", "page_size", "utm_source"])
def test_a_hundred_thousand_character_parameter_is_ignored(client, site, name):
    response = client.get("/news/", {name: "x" * 100_000})

    assert response.status_code == 200
    assert len(response.context["articles"]) == 12


def test_unknown_parameters_change_nothing(client, site):
    plain = client.get("/news/")
    odd = client.get("/news/?order_by=password&__proto__=1&debug=true&format=json")

    assert odd.status_code == 200
    # Parameters no page reads are not part of the page: it is the plain one, stored once.
    assert odd.content == plain.content


@pytest.mark.parametrize("host", ["evil.example", "testserver.evil.example", "a b", "x" * 300])
def test_a_bogus_host_header_is_a_bad_request(client, site, host):
    response = client.get("/news/", HTTP_HOST=host)

    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/news/a%0Ab/",
        "/news/%1B[31m/",
        "/news/tags/%7F/",
        "/news/authors/%0D%0ASet-Cookie:x=1/",
        "/%01/",
        "/news/%E2%80%AE/",
        "/news/%C0%AF/",
        "/news/..%2F..%2Fsettings.py/",
        "/api/v1/articles/a%0Ab/",
        "/api/v1/tags/%7F/",
        "/api/v1/authors/%0D%0ASet-Cookie:x=1/",
        "/api/v1/articles/..%2F..%2Fsettings.py/",
        "/news/alerts/confirm/a%0Ab/",
        "/news/alerts/preferences/%1B[31m/",
        "/news/alerts/unsubscribe/%0D%0ASet-Cookie:x=1/",
        "/news/alerts/unsubscribe/..%2F..%2Fsettings.py/",
    ],
)
def test_control_characters_in_a_path_are_not_found(client, site, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Set-Cookie" not in str(response.headers.get("Location", ""))


@pytest.mark.parametrize(
    "path",
    [
        "/news/%00/",
        "/news/tags/a%00/",
        "/about%00/",
        "/api/v1/articles/%00/",
        "/news/alerts/confirm/%00/",
        "/news/alerts/unsubscribe/a%00b/",
    ],
)
def test_a_nul_character_in_a_path_is_not_found(client, site, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/news/?page=%00",
        "/news/?tag=%00",
        "/news/?author=a%00b",
        "/admin/articles/article/?q=%00",
        "/admin/articles/article/?tag=%00",
        "/admin/articles/article/?state=%00",
        "/admin/articles/article/?kind__exact=%00",
        "/admin/newsroom/sitepage/?status__exact=news%00",
        "/api/v1/articles/?tag=%00",
        "/api/v1/articles/?kind=news%00",
        "/api/v1/tags/?page_size=%0020",
    ],
)
def test_nul_characters_in_a_query_are_dropped_and_the_page_answered(admin_client, site, url):
    response = admin_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("query", ["q=%1B%5B31m", "tag=%7F", "state=%0D%0A", "author=-1"])
def test_control_characters_in_admin_filters_are_answered(admin_client, site, query):
    response = admin_client.get(f"/admin/articles/article/?{query}")

    assert response.status_code in {200, 302}


def test_every_admin_list_answers_a_hundred_thousand_character_search(admin_client, site):
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        opts = model._meta
        url = f"/admin/{opts.app_label}/{opts.model_name}/"
        response = admin_client.get(url, {"q": "word " * 20_000})
        assert response.status_code in {200, 302}, url


def test_a_hundred_thousand_character_admin_search_is_answered(admin_client, site):
    response = admin_client.get("/admin/articles/article/", {"q": "headline " * 11_000})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 14


# Property-based: generated paths and query strings against every public URL pattern.

PUBLIC_PATTERNS = [
    "/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-{}.xml",
    "/news/",
    "/news/search/",
    "/news/feed/",
    "/news/atom/",
    "/news/feed.json",
    "/news/feed/kinds/{}/",
    "/news/feed/authors/{}.json",
    "/news/atom/tags/{}/",
    "/news/{}/",
    "/news/{}/preview/{}/",
    "/news/authors/{}/",
    "/news/tags/{}/",
    "/{}/",
    "/{}",
    "/api/v1/",
    "/api/v1/articles/",
    "/api/v1/articles/{}/",
    "/api/v1/authors/",
    "/api/v1/authors/{}/",
    "/api/v1/tags/",
    "/api/v1/tags/{}/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/api/v1/{}",
    "/api/{}/",
    "/news/alerts/",
    "/news/alerts/requested/",
    "/news/alerts/confirm/{}/",
    "/news/alerts/preferences/{}/",
    "/news/alerts/unsubscribe/{}/",
]
PARAMETERS = [
    *("page", "kind", "tag", "author", "q", "next", "hide_spoilers", "utm_source"),
    *("tags", "authors", "kinds", "everything", "frequency"),
]
API_PARAMETERS = ["kind", "tag", "author", "updated_since", "page_size", "cursor", "format"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

segments = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["a-story", "culture", "writer", "about", "..", ".", "%", "%00", "\x00"]),
)
# Values the API reads, and near misses of them.
api_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["op-ed", "news", "culture", "writer", "2025-01-14", "2025-01-14T09:00:00+01:00", "20"]
    ),
    st.sampled_from(["0", "-1", "101", str(10**9), "cD0yMDI1", "bz0xMDAx", "2025-13-45"]),
    st.integers().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
)
queries = st.one_of(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(PARAMETERS + API_PARAMETERS), st.text(max_size=8)),
            st.one_of(st.text(max_size=40), api_values),
        ),
        max_size=4,
    ).map(urlencode),
    # Search syntax in bulk: negations, quotes and "or", which the database's parser nests.
    st.lists(
        st.sampled_from(["-", '"', "or ", " ", "culture", "-a", "!", "&", "|"]), max_size=120
    ).map(lambda tokens: urlencode({"q": "".join(tokens)})),
    # Raw bytes, as a server hands them to Django: WSGI strings are bytes read as Latin-1.
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),
)


@settings(
    max_examples=250,
    deadline=None,
    derandomize=IN_CI,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pattern=st.sampled_from(PUBLIC_PATTERNS), segment=segments, query=queries)
def test_no_generated_public_url_causes_a_server_error(client, site, pattern, segment, query):
    quoted = quote(segment, safe="/;:@&=+$,")
    path = pattern.format(*[quoted] * pattern.count("{}"))

    response = client.get(path, QUERY_STRING=query)

    assert response.status_code < 500, (path, query)


API_LISTS = ["/api/v1/articles/", "/api/v1/authors/", "/api/v1/tags/"]
api_queries = st.one_of(
    st.lists(st.tuples(st.sampled_from(API_PARAMETERS), api_values), max_size=5).map(urlencode),
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),
)


@settings(
    max_examples=250,
    deadline=None,
    derandomize=IN_CI,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url=st.sampled_from(API_LISTS), query=api_queries)
def test_the_api_answers_any_query_with_its_page_or_a_400_naming_the_parameter(
    client, site, url, query
):
    response = client.get(url, QUERY_STRING=query)

    assert response.status_code in (200, 400), (url, query, response.content)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if response.status_code == 400:
        assert body
        assert set(body) <= set(API_PARAMETERS), (query, body)
    else:
        assert set(body) == {"next", "previous", "results"}


# Property-based: generated form bodies posted to the reader's email alert pages.

ALERT_FORMS = [
    "/news/alerts/",
    "/news/alerts/confirm/{}/",
    "/news/alerts/preferences/{}/",
    "/news/alerts/unsubscribe/{}/",
]
ALERT_FIELDS = ["email", "tags", "authors", "kinds", "everything", "frequency", "List-Unsubscribe"]
alert_values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["reader@example.com", "on", "instant", "daily", "op-ed", "1", "-1", "0"]),
    st.sampled_from([str(10**30), str(2**63), "1e3", " 1", "1.0"]),
    st.emails().map(str),
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=IN_CI,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pattern=st.sampled_from(ALERT_FORMS),
    segment=segments,
    body=st.lists(
        st.tuples(st.one_of(st.sampled_from(ALERT_FIELDS), st.text(max_size=8)), alert_values),
        max_size=6,
    ),
)
def test_no_generated_alerts_form_causes_a_server_error(client, site, pattern, segment, body):
    quoted = quote(segment, safe="/;:@&=+$,")
    path = pattern.format(*[quoted] * pattern.count("{}"))

    response = client.post(
        path,
        urlencode(body),
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code < 500, (path, body)
