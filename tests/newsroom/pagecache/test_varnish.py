"""Varnish 7 with the xkey vmod in front of the app, configured by the VCL the project ships
(the `varnish` fixture, tests/newsroom/pagecache/varnish.py): purges by tag, what it keeps and
for whom, and sign-in behind it.
"""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from articles.models import Article, subject_slug
from articles.views.detail import ArticleDetailView
from articles.workflow import publishing
from newsroom.pagecache import edge, keys
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.pagecache.varnish import VCL, cached, get
from tests.newsroom.test_security import documented_production_environment


def test_publishing_purges_exactly_its_pages_at_the_edge(varnish, pieces):
    pages = ["/news/", "/news/story/", "/news/column/", "/news/tags/culture/"]
    assert [cached(varnish + page)[0] for page in pages] == ["MISS"] * 4
    assert [cached(varnish + page)[0] for page in pages] == ["HIT"] * 4

    draft = ArticleFactory(
        headline="Fresh off the desk",
        status=Article.Status.DRAFT,
        authors=[pieces],
        tag_names=["Culture"],
    )
    assert [cached(varnish + page)[0] for page in pages] == ["HIT"] * 4  # a draft: nothing

    publishing.publish(draft)

    # The index, the topic page and the story (whose related list now holds the new piece)
    # come from the app once, fresh; the unrelated column stays at the edge.
    first = {page: cached(varnish + page) for page in pages}
    assert first["/news/column/"][0] == "HIT"
    for page in ["/news/", "/news/story/", "/news/tags/culture/"]:
        assert first[page][0] == "MISS", page
        assert "Fresh off the desk" in first[page][1], page
        assert cached(varnish + page)[0] == "HIT", page


def test_the_edge_keeps_tags_to_itself_and_never_serves_editors(varnish, pieces):
    status, headers, _ = get(varnish + "/news/story/")
    assert status == 200
    assert "xkey" not in {name.lower() for name in headers}

    for _ in range(2):
        assert cached(varnish + "/news/story/", Cookie="sessionid=abc")[0] == "MISS"
    # A reader's stray cookies do not split the cache; the spoiler choice does.
    assert cached(varnish + "/news/story/", Cookie="_ga=1; theme=dark")[0] == "HIT"


def test_a_purge_from_the_app_is_answered_and_an_unknown_tag_is_harmless(varnish, pieces, settings):
    backend = edge.backend()
    backend.purge(["article-999999"])  # raises nothing, logs nothing: a purge of no objects

    purge_url = settings.EDGE_PURGE_URLS[0]  # the app's own listen address
    request = urllib.request.Request(purge_url + "/", method="PURGE")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310
    assert refused.value.code == 400  # no tags named


def test_a_404_is_kept_at_the_edge_until_a_piece_is_published_at_its_address(varnish, pieces):
    draft = ArticleFactory(
        headline="Not out yet", slug="coming", status=Article.Status.DRAFT, authors=[pieces]
    )
    missing = varnish + "/news/coming/"
    answers = [get(missing) for _ in range(2)]
    # The second is the edge's own answer: a scanner's stream of misses never reaches the app.
    assert [(status, headers["X-Cache"]) for status, headers, _ in answers] == [
        (404, "MISS"),
        (404, "HIT"),
    ]

    publishing.publish(draft)

    status, headers, body = get(missing)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "Not out yet" in body
    assert cached(missing)[0] == "HIT"


def test_a_purge_a_reader_sends_through_the_proxy_in_front_is_refused(varnish, pieces):
    # The TLS proxy in front of Varnish connects from this machine, as the app does, and says
    # whom it relays in X-Forwarded-For: only the app's own purges may drop pages.
    assert [cached(varnish + "/news/story/")[0] for _ in range(2)] == ["MISS", "HIT"]

    request = urllib.request.Request(  # noqa: S310
        varnish + "/",
        method="PURGE",
        headers={"xkey-purge": "site", "X-Forwarded-For": "203.0.113.7"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code

    assert cached(varnish + "/news/story/")[0] == "HIT"
    assert 400 <= status < 500


def test_a_shared_link_is_one_page_at_the_edge_whatever_tracking_it_carries(varnish, pieces):
    # The app keeps one page for every reader of a shared link (test_page_keys.py); the edge
    # must too, or a link shared with a new fbclid on every click never leaves the app.
    assert [cached(varnish + "/news/story/")[0] for _ in range(2)] == ["MISS", "HIT"]

    for query in ["?fbclid=IwAR0abc", "?utm_source=linkedin&utm_medium=social", "?fbclid=IwAR1xyz"]:
        assert cached(varnish + "/news/story/" + query)[0] == "HIT", query


def test_the_parameters_a_page_reads_still_key_it_at_the_edge_in_any_order(varnish, pieces):
    assert cached(varnish + "/news/?tag=culture&author=dana")[0] == "MISS"
    again = cached(varnish + "/news/?author=dana&utm_campaign=launch&tag=culture&gclid=x")

    assert again[0] == "HIT"
    assert "Culture story" in again[1]
    other = cached(varnish + "/news/?tag=markets&author=eli&fbclid=abc")
    assert other[0] == "MISS"
    assert "Markets column" in other[1]
    assert "Culture story" not in other[1]


def test_a_spoiler_choice_followed_from_another_site_is_kept_for_no_reader_at_the_edge(
    varnish, pieces
):
    # A link from another site applies its choice to that page without storing it; the reader
    # who then makes the same choice here must get the page from the app, with the cookie.
    link = varnish + "/news/?hide_spoilers=all"
    for _ in range(2):
        status, headers, _ = get(link, **{"Sec-Fetch-Site": "cross-site"})
        assert (status, headers["X-Cache"]) == (200, "MISS")
        assert "Set-Cookie" not in headers

    status, headers, _ = get(link, **{"Sec-Fetch-Site": "same-origin"})

    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert headers["Set-Cookie"].startswith("hide_spoilers=all;")


def test_a_subject_in_another_script_chosen_by_cookie_has_its_own_page_at_the_edge(varnish, pieces):
    ArticleFactory(
        headline="Titan finale", spoiler_warning="spoils it", spoiler_warning__subject="進撃の巨人"
    )
    hiding = f"_ga=1; hide_spoilers={subject_slug('進撃の巨人')}; theme=dark"

    assert cached(varnish + "/news/")[0] == "MISS"
    first = cached(varnish + "/news/", Cookie=hiding)
    again = cached(varnish + "/news/", Cookie=hiding)

    assert first[0] == "MISS"
    assert "Titan finale" not in first[1]
    assert again == ("HIT", first[1])
    shown = cached(varnish + "/news/")
    assert shown[0] == "HIT"
    assert "Titan finale" in shown[1]


def test_the_edge_strips_no_parameter_a_reader_page_is_keyed_by():
    # The VCL's list of tracking parameters, kept in step with what apps register to vary on.
    stripped = re.search(r'regsuball\(req\.url, "(\(\?i\)&\(utm_[^"]+)"', VCL.read_text())
    assert stripped is not None, "the VCL's tracking parameters are no longer where expected"
    tracking = re.compile(stripped[1])
    assert tracking.search("&fbclid=IwAR0abc")
    assert tracking.search("&utm_source=linkedin")

    read = {name for names in keys._query.values() for name in names}
    assert {"page", "tag", "author", "cursor", "p"} <= read
    assert [name for name in sorted(read) if tracking.search(f"&{name}=1")] == []
    kept_aside = re.search(r"&\(\?!\(\?i\)\(([^)]+)\)", VCL.read_text())
    assert kept_aside is not None, "the tracking a redirect carries on is no longer where expected"
    assert f"(?i)&({kept_aside[1]})" in stripped[1]


def test_a_page_the_edge_was_fetching_when_a_change_was_purged_is_not_kept_stale(
    varnish, pieces, monkeypatch
):
    # A reader's request reaches the app, which reads the story before an edit is committed and
    # answers after the edit's purge: the edge must not keep that answer for EDGE_MAX_AGE.
    rendered, answer = threading.Event(), threading.Event()
    render = ArticleDetailView.render_to_response

    def render_slowly(view, context, **kwargs):
        response = render(view, context, **kwargs)
        response.render()
        if not answer.is_set():
            rendered.set()
            assert answer.wait(timeout=30)
        return response

    monkeypatch.setattr(ArticleDetailView, "render_to_response", render_slowly)
    first: list = []
    reader = threading.Thread(target=lambda: first.append(cached(varnish + "/news/story/")))
    reader.start()
    assert rendered.wait(timeout=30)

    story = Article.objects.get(slug="story")
    story.headline = "Culture story, corrected"
    story.save()  # committed: the edge is purged now, while the reader's page is on its way
    answer.set()
    reader.join(timeout=30)

    assert "Culture story, corrected" not in first[0][1]
    assert "Culture story, corrected" in cached(varnish + "/news/story/")[1]


# Sign-in behind the documented chain: a TLS proxy, then Varnish with the shipped VCL, then the
# app (docs/deploying.md), each proxy appending to X-Forwarded-For.
PASSWORD = "correct horse battery staple"


def sign_in(url: str, client_address: str, password: str) -> int:
    """Sign in as "edna" from `client_address`, as the TLS proxy in front of Varnish records it
    (nginx's `$proxy_add_x_forwarded_for`); Varnish appends the proxy's own address."""
    forwarded = {"X-Forwarded-For": client_address}
    form = urllib.request.Request(f"{url}/admin/login/", headers=forwarded)  # noqa: S310
    with urllib.request.urlopen(form, timeout=10) as page:  # noqa: S310
        cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "edna", "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{url}/admin/login/",
        data=body,
        headers={**forwarded, "Cookie": f"csrftoken={cookie}"},
    )
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_wrong_passwords_from_one_reader_do_not_lock_an_editor_out_everywhere(
    varnish,
    settings,
):
    settings.TRUSTED_PROXY_COUNT = int(documented_production_environment()["TRUSTED_PROXY_COUNT"])
    UserFactory(username="edna", is_staff=True)
    for _ in range(5):
        assert sign_in(varnish, "198.51.100.7", "guess") in {200, 429}

    assert sign_in(varnish, "198.51.100.7", PASSWORD) == 429
    assert sign_in(varnish, "192.0.2.44", PASSWORD) == 302
