"""Title cards drawn by the task worker once a piece goes public, or its card's text changes,
so that its first reader finds the card ready; without the worker, the reader draws it."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db.models.functions import Now
from django.utils import timezone

from articles.models import Article, Event
from articles.seo.title_cards import draw_title_card
from articles.workflow import publishing
from newsroom.models import SiteSettings
from tests.articles.alerts.worker import work_the_queue
from tests.articles.seo.test_share_images import MEDIA, meta_of, stored_image
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def draft(**fields) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields)


def card_files(article) -> list[str]:
    """The names of the article's stored cards."""
    folder = f"renditions/cards/articles/{article.pk}"
    if not default_storage.exists(folder):
        return []
    return [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]


def shared_card(client, article) -> str:
    """The stored name of the card the article's page shares."""
    [url] = meta_of(client, article.get_absolute_url())["og:image"]
    assert url.startswith(MEDIA), url
    return url.removeprefix(MEDIA)


def assert_whole_card(name: str) -> None:
    card = stored_image(MEDIA + name)
    assert (card.format, card.size, card.mode) == ("PNG", (1200, 630), "RGB")
    assert len(card.getcolors(maxcolors=100_000)) > 10  # lettering, not a blank ground


def test_the_worker_draws_a_published_pieces_card_before_its_first_reader(client, drawn):
    article = draft(slug="lisbon", headline="Northwind opens a Lisbon office")

    publishing.publish(article)
    assert card_files(article) == []  # nothing drawn on the editor's request
    work_the_queue()

    [name] = card_files(article)
    assert_whole_card(name)
    assert drawn == ["Northwind opens a Lisbon office"]
    # The first reader finds it ready: nothing drawn on the reader's request.
    assert shared_card(client, article) == name
    assert drawn == ["Northwind opens a Lisbon office"]


def test_a_new_headline_on_a_public_piece_gets_its_card_from_the_worker(client, drawn):
    article = draft(slug="lisbon", headline="The first headline")
    publishing.publish(article)
    work_the_queue()
    first = shared_card(client, article)

    article.headline = "A better headline"
    article.save()
    work_the_queue()

    assert drawn == ["The first headline", "A better headline"]
    [second] = [name for name in card_files(article) if name != first]
    assert_whole_card(second)
    assert shared_card(client, article) == second
    assert drawn == ["The first headline", "A better headline"]


def test_other_changes_to_a_public_piece_draw_nothing_new(client, drawn):
    article = draft(slug="lisbon", headline="The headline")
    publishing.publish(article)
    work_the_queue()

    article.dek = "A new summary."
    article.save()
    work_the_queue()

    assert drawn == ["The headline"]
    assert len(card_files(article)) == 1


def test_a_scheduled_piece_gets_its_card_when_it_falls_due(client, drawn, clocks):
    article = draft(slug="later", headline="Coming in an hour")
    due = timezone.now() + timedelta(hours=1)
    publishing.publish(article, at=due)

    work_the_queue()
    assert card_files(article) == []  # nothing to show before its time

    # Both clocks, the site's and the database's, must reach its time. The site's is moved on;
    # the database's cannot be, so the piece's time, and its publication's, become the
    # database's now by an update, which tells nobody, as the hour would have left them.
    clocks.move(timedelta(hours=1, seconds=1))
    Article.objects.filter(pk=article.pk).update(published_at=Now())
    article.refresh_from_db()
    Event.objects.filter(article_id=article.pk).update(due_at=article.published_at)
    work_the_queue()

    [name] = card_files(article)
    assert_whole_card(name)
    assert drawn == ["Coming in an hour"]
    assert shared_card(client, article) == name
    assert drawn == ["Coming in an hour"]


def test_a_piece_the_database_holds_scheduled_is_not_drawn_whatever_the_sites_clock(drawn, clock):
    """Public is what the database's clock says, as for every page: a piece due a moment
    ahead of it is not drawn though the site's clock has passed its time."""
    article = ArticleFactory(headline="Not yet", published_at=timezone.now() + timedelta(minutes=1))
    clock.move(timedelta(minutes=2))
    assert article.is_published  # by the site's clock

    assert draw_title_card.call(article.pk) == "not public"
    assert drawn == []
    assert card_files(article) == []


def test_without_the_worker_the_first_reader_draws_the_card_and_the_worker_adds_none(client, drawn):
    article = draft(slug="lisbon", headline="Drawn by its reader")
    publishing.publish(article)

    name = shared_card(client, article)
    assert_whole_card(name)
    assert drawn == ["Drawn by its reader"]

    work_the_queue()

    assert card_files(article) == [name]
    assert drawn == ["Drawn by its reader"]


def test_pieces_that_share_another_picture_get_no_card(client, drawn, make_upload):
    pictured = draft(
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
    )
    publishing.publish(pictured)
    work_the_queue()
    site = SiteSettings.load()
    site.default_image = make_upload("office.jpg", size=(1600, 900))
    site.default_image_alt = "The newsroom's office by the river"
    site.save()
    plain = draft()
    publishing.publish(plain)
    work_the_queue()

    assert card_files(pictured) == card_files(plain) == []
    assert drawn == []
    assert "/renditions/site/office" in meta_of(client, plain.get_absolute_url())["og:image"][0]


def test_drafts_and_unknown_pieces_are_never_drawn(drawn):
    """Saving a draft draws nothing, and the task asked for a draft, a scheduled piece or a
    piece that does not exist draws nothing either."""
    kept = draft(headline="Not for readers yet")
    kept.headline = "Still not for readers"
    kept.save()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    work_the_queue()

    for pk in (kept.pk, scheduled.pk, 10_000_000):
        draw_title_card.call(pk)

    assert drawn == []
    assert card_files(kept) == card_files(scheduled) == []
