"""The redraw after the site is renamed (or its default image removed) is a task per piece:
`redraw_title_cards` queues `draw_title_card` for each public piece without a picture that
existed when the site changed, a batch of ids at a time, each batch queueing the next. A piece
that fails stops no other, no task holds the worker for more than one card or one batch,
running any of them again draws nothing twice, and pieces made after the change are left to
their own publication, which draws their card with the new name."""

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

    newest = Article.objects.latest("pk").pk

    rename_site("Northwind News")
    assert queued(title_cards.redraw_title_cards) == [[0, newest]]

    run_ahead(title_cards.redraw_title_cards, 0, newest)
    assert queued(title_cards.draw_title_card) == [[ids[0]], [ids[1]]]
    assert queued(title_cards.redraw_title_cards) == [[ids[1], newest]]
    run_ahead(title_cards.redraw_title_cards, ids[1], newest)
    run_ahead(title_cards.redraw_title_cards, ids[3], newest)

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


def test_a_rename_before_any_piece_exists_queues_nothing(drawn):
    """A new site named before anything is written (or a database filled by a script after
    naming it) has no card to redraw: each piece's card is drawn when it goes public."""
    rename_site("Northwind News")

    assert queued(title_cards.redraw_title_cards) == []


def test_pieces_made_after_the_rename_are_left_to_their_own_publication(drawn, pieces):
    """The redraw covers the pieces there were when the site changed: one published after it
    is drawn once, by its publication, with the new name, not again by the redraw's batches
    (at 100,000 pieces, a rename followed by a busy morning would otherwise queue every new
    piece twice, and a database filled after naming the site all of it)."""
    newest = Article.objects.latest("pk").pk
    rename_site("Northwind News")
    later = ArticleFactory(headline="Published after the rename")

    run_ahead(title_cards.redraw_title_cards, 0, newest)
    assert queued(title_cards.draw_title_card) == [[piece.pk] for piece in pieces]
    work_the_queue()

    assert sorted(drawn) == sorted([piece.headline for piece in pieces] + [later.headline])
    assert card_files(later) == [card_for(later, "Northwind News").name]


def test_a_redraw_queued_without_the_newest_piece_covers_every_piece(drawn, pieces):
    """A redraw queued with no newest piece named (by an earlier release, or by a script after
    an `update()` of the settings, as the module's docstring says) queues every public piece's
    card, those made since included: each is drawn once, by whichever task comes first."""
    rename_site("Northwind News")
    waiting_tasks(title_cards.redraw_title_cards).delete()
    title_cards.redraw_title_cards.enqueue()
    later = ArticleFactory(headline="Published after the rename")

    work_the_queue()

    assert sorted(drawn) == sorted([piece.headline for piece in pieces] + [later.headline])
