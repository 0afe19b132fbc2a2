"""The redraw after the site is renamed (or its default image removed) is a task per piece:
`redraw_title_cards` queues `draw_title_card` for each public piece without a picture, a batch
of ids at a time, each batch queueing the next. A piece that fails stops no other, no task
holds the worker for more than one card or one batch, and running any of them again draws
nothing twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.seo import social, title_cards
from newsroom.models import SiteSettings
from tests.articles.alerts.worker import run_ahead, waiting_tasks, work_the_queue
from tests.articles.seo.test_title_cards_ahead import assert_whole_card, card_files
from tests.articles.seo.test_title_cards_renamed import card_for
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def queued(task) -> list[list]:
    """The arguments of each waiting run of `task`, in the order they were queued."""
    return [row.args_kwargs["args"] for row in waiting_tasks(task).order_by("enqueued_at", "pk")]


def rename_site(name: str) -> None:
    site = SiteSettings.load()
    site.site_name = name
    site.save()


@pytest.fixture
def pieces(drawn, make_upload):
    """Five public pieces without a picture, their cards drawn for the site's first name, and
    pieces that show no title card: a draft, a scheduled piece and one with a picture."""
    public = [ArticleFactory(headline=f"Piece number {number}") for number in range(5)]
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="A draft")
    ArticleFactory(published_at=timezone.now() + timedelta(days=1), headline="Out tomorrow")
    ArticleFactory(
        headline="With a photo",
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
    )
    work_the_queue()
    drawn.clear()
    return public


def test_a_rename_queues_a_drawing_for_each_public_piece_a_batch_at_a_time(
    drawn, pieces, monkeypatch
):
    monkeypatch.setattr(title_cards, "REDRAW_BATCH", 2)
    ids = [piece.pk for piece in pieces]

    rename_site("Northwind News")
    assert queued(title_cards.redraw_title_cards) == [[]]

    run_ahead(title_cards.redraw_title_cards)
    assert queued(title_cards.draw_title_card) == [[ids[0]], [ids[1]]]
    assert queued(title_cards.redraw_title_cards) == [[ids[1]]]
    run_ahead(title_cards.redraw_title_cards, ids[1])
    run_ahead(title_cards.redraw_title_cards, ids[3])

    assert queued(title_cards.draw_title_card) == [[pk] for pk in ids]
    assert queued(title_cards.redraw_title_cards) == []
    assert drawn == []  # queueing draws nothing

    work_the_queue()

    assert drawn == [piece.headline for piece in pieces]
    for piece in pieces:
        new = card_for(piece, "Northwind News").name
        assert sorted(card_files(piece)) == sorted([card_for(piece, "Newsroom").name, new])
        assert_whole_card(new)


def test_a_piece_that_cannot_be_drawn_stops_no_other(drawn, pieces, monkeypatch):
    failing = pieces[1]
    title_card = social.title_card

    def fails_for_one(article, **kwargs):
        if article.pk == failing.pk:
            raise RuntimeError("the storage is unreachable")
        return title_card(article, **kwargs)

    monkeypatch.setattr(social, "title_card", fails_for_one)

    rename_site("Northwind News")
    work_the_queue()

    others = [piece for piece in pieces if piece != failing]
    assert drawn == [piece.headline for piece in others]
    for piece in others:
        assert card_for(piece, "Northwind News").name in card_files(piece)
    assert card_files(failing) == [card_for(failing, "Newsroom").name]


def test_running_the_redraw_again_draws_nothing_twice(drawn, pieces):
    rename_site("Northwind News")
    work_the_queue()
    assert len(drawn) == 5
    drawn.clear()

    title_cards.redraw_title_cards.enqueue()
    work_the_queue()

    assert drawn == []
    assert [len(card_files(piece)) for piece in pieces] == [2] * 5
