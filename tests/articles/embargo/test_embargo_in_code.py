"""An embargo set outside the change form (a script, the shell, an import) never hides a piece
readers already see: the model refuses it as the form does, and the piece keeps its time."""

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def public_since(ran) -> str:
    return (
        f"This piece has been public since {display_datetime(ran)}: an embargo can only hold "
        "a piece that is not out yet. To take it down, use “Unpublish”."
    )


@pytest.fixture
def live():
    return ArticleFactory(slug="live-piece")


def next_week():
    return timezone.now() + timedelta(days=7)


def still_public(piece: Article, ran) -> None:
    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (None, ran)
    assert Client().get("/news/live-piece/").status_code == 200


def test_validating_a_public_piece_with_an_embargo_set_in_code_refuses_it(live):
    ran = live.published_at
    live.embargoed_until = next_week()

    with pytest.raises(ValidationError) as refused:
        live.full_clean()

    assert refused.value.message_dict == {"embargoed_until": [public_since(ran)]}
    assert live.published_at == ran  # not moved to the embargo
    still_public(live, ran)


def test_publishing_a_public_piece_with_an_embargo_set_in_code_refuses_it(live):
    ran = live.published_at
    live.embargoed_until = next_week()

    # Refused as any other reason not to publish, which the admin's buttons and the desk show.
    with pytest.raises(publishing.CannotPublish) as refused:
        publishing.publish(live)

    assert refused.value.problems == [public_since(ran)]
    still_public(live, ran)


def test_the_database_refuses_a_bare_save_of_such_an_embargo(live):
    ran = live.published_at
    live.embargoed_until = next_week()

    with pytest.raises(IntegrityError), transaction.atomic():
        live.save()

    still_public(live, ran)


def test_a_piece_read_in_part_is_refused_too(live):
    ran = live.published_at
    partial = Article.objects.only("pk", "headline").get(pk=live.pk)
    partial.embargoed_until = next_week()

    with pytest.raises(ValidationError, match="has been public since"):
        partial.clean()

    still_public(live, ran)


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": "tomorrow"},
    ],
    ids=["draft", "withdrawn", "scheduled"],
)
def test_a_piece_readers_do_not_see_is_still_held_to_an_embargo_set_in_code(state):
    if state.get("published_at") == "tomorrow":
        state = {"published_at": timezone.now() + timedelta(days=1)}
    piece = ArticleFactory(slug="held", **state)
    until = next_week()
    piece.embargoed_until = until

    piece.full_clean()
    piece.save()
    publishing.publish(piece)

    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (until, until)
    assert piece.is_embargoed
    assert Client().get("/news/held/").status_code == 404


def test_publishing_with_an_embargo_set_in_memory_stores_the_embargo_with_its_time():
    """A script that sets an embargo and publishes, without saving first: the piece is held to
    the embargo, and the embargo is stored, not the time alone."""
    piece = ArticleFactory(slug="held", status=Article.Status.DRAFT, published_at=None)
    until = next_week()
    piece.embargoed_until = until

    publishing.publish(piece)

    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (until, until)
    assert piece.is_embargoed
    assert Client().get("/news/held/").status_code == 404


def test_a_public_piece_whose_embargo_has_passed_keeps_its_time(live):
    ran = live.published_at
    live.embargoed_until = ran - timedelta(hours=1)

    live.full_clean()
    live.save()

    live.refresh_from_db()
    assert live.published_at == ran
    assert Client().get("/news/live-piece/").status_code == 200


def test_an_import_cannot_set_an_embargo(live, tmp_path):
    ran = live.published_at
    path = tmp_path / "pieces.jsonl"
    path.write_text(
        json.dumps(
            {
                "headline": live.headline,
                "slug": "live-piece",
                "body": "<p>Text.</p>",
                "author": "Dana Whitfield",
                "embargoed_until": next_week().isoformat(),
            }
        )
        + "\n"
    )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_articles", str(path), "--publish", stdout=out, stderr=err)

    assert "pieces.jsonl:1: error: unknown field embargoed_until" in err.getvalue()
    assert Article.objects.count() == 1
    still_public(live, ran)
