"""Every answer at a private link's address is private, its 404 too: a journalist's link (or a
reviewer's) that answers 404 now may lead somewhere at the next visit (to the public page once
the piece is out), and its address, which carries the token, is kept by no shared cache. The
site's own 404 is public, kept by browsers and the edge for PAGE_MAX_AGE."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.embargo import access
from articles.models import Article, Journalist, PressAccess
from articles.workflow import links, previews
from tests.articles.embargo.test_pre_access import release
from tests.factories import ArticleFactory, MediaKitItemFactory
from tests.newsroom.pagecache.varnish import get, varnish, varnishd  # noqa: F401

pytestmark = pytest.mark.django_db


def assert_kept_nowhere(response, settings):
    assert response.status_code == 404
    for header, value in links.PRIVATE_HEADERS.items():
        assert response[header] == value
    assert not response.has_header(settings.SURROGATE_KEY_HEADER)
    assert not response.has_header("X-Page-Cache")
    assert not response.has_header("Last-Modified")


def downloads(path: str, item) -> list[str]:
    return [path, f"{path}media-kit.zip", f"{path}media-kit/{item.pk}/original/"]


@pytest.fixture
def journalist():
    return Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test")


def test_an_ended_revoked_or_unknown_journalists_link_answers_a_404_no_one_keeps(
    journalist, settings
):
    settings.PAGE_MAX_AGE = 60
    piece = release()
    item = MediaKitItemFactory(article=piece)
    ended = access.share(piece, journalist=journalist)
    PressAccess.objects.filter(pk=ended.pk).update(expires_at=timezone.now())
    revoked = access.share(piece, journalist=journalist)
    access.revoke(revoked)
    good = access.url_for(access.share(piece, journalist=journalist))
    public_404 = Client().get("/news/no-such-piece/")
    assert "public" in public_404["Cache-Control"]  # the site's own, for comparison

    reader = Client()
    for path in [
        access.url_for(ended),
        access.url_for(revoked),
        good[:-3] + "xx/",
        "/news/lisbon-plant/embargoed/not-a-token/",
    ]:
        for url in downloads(path, item):
            response = reader.get(url)
            assert_kept_nowhere(response, settings)
            assert response.content == public_404.content or "media-kit" in url
    # A good link, and a file its piece's kit does not have.
    assert_kept_nowhere(reader.get(f"{good}media-kit/{item.pk + 1}/original/"), settings)


@pytest.mark.django_db(transaction=True)
def test_the_edge_keeps_no_404_of_a_link_that_may_lead_to_the_page_at_the_next_visit(
    varnish,  # noqa: F811
    journalist,
):
    piece = release()
    link = access.share(piece, journalist=journalist)
    moment = timezone.now() - timedelta(seconds=1)
    PressAccess.objects.filter(pk=link.pk).update(
        created_at=moment - timedelta(hours=1), expires_at=moment
    )
    ended = varnish + access.url_for(link)
    answers = [get(ended) for _ in range(2)]
    assert [(status, headers["X-Cache"]) for status, headers, _ in answers] == [(404, "MISS")] * 2
    assert all(headers["Cache-Control"] == "private, no-store" for _, headers, _ in answers)

    # The piece runs by itself at its time, which no change announces to the edge.
    Article.objects.filter(pk=piece.pk).update(embargoed_until=moment, published_at=moment)

    status, _, page = get(ended)  # led on to the public page
    assert status == 200
    assert "Zephyrcorp opens its Lisbon plant" in page


def test_an_expired_revoked_or_unknown_sign_off_link_answers_a_404_no_one_keeps(settings):
    draft = ArticleFactory(slug="draft-op-ed", status=Article.Status.DRAFT, published_at=None)
    item = MediaKitItemFactory(article=draft)
    expired = previews.create_link(
        article=draft, reviewer="Dana", now=timezone.now() - timedelta(days=30)
    )
    revoked = previews.create_link(article=draft, reviewer="Dana")
    previews.revoke(revoked)
    good = previews.url_for(previews.create_link(article=draft, reviewer="Dana"))

    reader = Client()
    for path in [previews.url_for(expired), previews.url_for(revoked), good[:-3] + "xx/"]:
        for url in downloads(path, item):
            assert_kept_nowhere(reader.get(url), settings)
    assert_kept_nowhere(reader.post(previews.url_for(revoked), {}), settings)
