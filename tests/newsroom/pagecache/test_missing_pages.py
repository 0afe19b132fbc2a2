"""A missing page (404) kept by browsers and the edge, and dropped by the edge the moment its
address holds something public: every change that makes something public at an address it
was not at before retires `pagecache.ADDRESSES`, the tag a public 404 carries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline
from articles.workflow import publishing
from newsroom import pagecache
from newsroom.models import SitePage
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory, UserFactory
from tests.newsroom.pagecache.test_edge import directives, endpoint  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_readers_404_is_public_and_names_the_addresses_and_the_site(client, settings):
    settings.PAGE_MAX_AGE = 60

    response = client.get("/news/nothing-here/")

    assert response.status_code == 404
    assert directives(response) == {"public", "max-age=60"}
    assert set(response["xkey"].split()) == {pagecache.ADDRESSES, "site"}


def test_an_editors_404_is_private_and_names_nothing(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/news/nothing-here/")

    assert response.status_code == 404
    assert {"private", "no-cache"} <= directives(response)
    assert "public" not in directives(response)
    assert not response.has_header("xkey")


def test_a_404_is_kept_no_longer_than_the_next_scheduled_publication(client, settings):
    settings.PAGE_MAX_AGE = 3600
    ArticleFactory(slug="later", published_at=timezone.now() + timedelta(seconds=90))

    kept = directives(client.get("/news/later/"))

    max_age = next(int(part.split("=")[1]) for part in kept if part.startswith("max-age="))
    assert 0 < max_age <= 90


@pytest.fixture
def purged(endpoint, django_capture_on_commit_callbacks):  # noqa: F811
    """What the changes made in its block purge at the edge, all together. Changes made
    before the first block are purged by it too (the test's one transaction never commits):
    a test makes what it starts from in a block of its own."""

    class Purged:
        def __enter__(self):
            endpoint.purged.clear()
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()
            return self

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)
            self.tags = set().union(*endpoint.purged)

    return Purged


def test_publishing_a_draft_purges_the_404s(purged):
    with purged():
        draft = ArticleFactory(slug="fresh", status=Article.Status.DRAFT)

    with purged() as change:
        publishing.publish(draft)

    assert pagecache.ADDRESSES in change.tags


def test_a_public_piece_moving_to_a_new_address_purges_the_404s(purged):
    with purged():
        piece = ArticleFactory(slug="old-address")

    with purged() as change:
        piece.slug = "new-address"
        piece.save()

    assert pagecache.ADDRESSES in change.tags


def test_a_withdrawn_piece_returning_purges_the_404s_and_withdrawing_it_does_not(purged):
    with purged():
        piece = ArticleFactory(slug="back-again")

    with purged() as withdrawn:
        publishing.unpublish(piece)
    with purged() as returned:
        publishing.publish(piece)

    assert f"article-{piece.pk}" in withdrawn.tags
    assert pagecache.ADDRESSES not in withdrawn.tags
    assert pagecache.ADDRESSES in returned.tags


def test_a_scheduled_piece_going_public_purges_the_404s(purged, clocks):
    due = timezone.now() + timedelta(hours=1)
    with purged():
        ArticleFactory(slug="at-its-time", published_at=due)
        assert pagecache.next_publication() == due
    clocks.move(timedelta(hours=1, seconds=1))

    with purged() as change:
        pagecache.next_publication()  # what the first request after its time does

    assert pagecache.ADDRESSES in change.tags


def test_editing_a_public_piece_or_saving_a_draft_leaves_the_404s(purged):
    with purged():
        piece = ArticleFactory(slug="steady")
        draft = ArticleFactory(slug="still-a-draft", status=Article.Status.DRAFT)

    with purged() as change:
        piece.headline = "A corrected headline"
        piece.save()
        draft.slug = "renamed-draft"
        draft.save()

    assert f"article-{piece.pk}" in change.tags
    assert pagecache.ADDRESSES not in change.tags


def test_a_site_page_published_or_moved_purges_the_404s_and_an_edit_does_not(purged):
    with purged():
        page = SitePageFactory(slug="careers", status=SitePage.Status.DRAFT)

    with purged() as published:
        page.status = SitePage.Status.PUBLISHED
        page.save()
    with purged() as moved:
        page.slug = "jobs"
        page.save()
    with purged() as edited:
        page.body = "<p>We are hiring.</p>"
        page.save()

    assert pagecache.ADDRESSES in published.tags
    assert pagecache.ADDRESSES in moved.tags
    assert edited.tags == {"site"}


def test_an_author_or_topic_page_at_a_new_address_purges_the_404s(purged):
    with purged():
        dana = AuthorFactory(slug="dana")
        piece = ArticleFactory(slug="story", authors=[dana], tag_names=["Culture"])

    with purged() as renamed:
        dana.slug = "dana-whitfield"
        dana.save()
    with purged() as retitled:
        topic = Tag.objects.get(slug="culture")
        topic.slug = "arts"
        topic.save()
    with purged() as bylined:
        Byline.objects.create(article=piece, author=AuthorFactory(slug="guest"), position=1)
    with purged() as tagged:
        piece.tags.add("Markets")
    with purged() as described:
        dana.bio = "Writes about culture."
        dana.save()

    for change in (renamed, retitled, bylined, tagged):
        assert pagecache.ADDRESSES in change.tags
    assert pagecache.ADDRESSES not in described.tags
