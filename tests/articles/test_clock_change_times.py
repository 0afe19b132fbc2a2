"""Times in the hour the clocks repeat or skip: a time already saved and shown back unchanged
is kept as the instant it is, whichever form holds it (a correction, the schedule, the plan);
the importer refuses a time the clocks skip, as the admin does, rather than moving it."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Correction
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"
# Europe/London: BST ends at 02:00 BST on Oct 26, 2025 and Oct 27, 2030, and begins at 01:00 GMT
# on Mar 31, 2030.
FIRST_0130_OCT_2025 = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 01:30 BST
FIRST_0130_OCT_2030 = datetime(2030, 10, 27, 0, 30, tzinfo=UTC)  # 01:30 BST
SECOND_0130_OCT_2030 = datetime(2030, 10, 27, 1, 30, tzinfo=UTC)  # 01:30 GMT


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def save_headline(client, article: Article):
    url = CHANGE.format(article.pk)
    return client.post(url, form_data(client.get(url), headline="The headline fixed"))


def test_a_correction_noted_in_the_repeated_hour_does_not_block_every_later_save(editor_client):
    """A time already saved and sent back unchanged is the saved instant, and the save goes through
    with it kept."""
    article = ArticleFactory(headline="Ferry timetable")
    Correction.objects.create(
        article=article, text="We gave the wrong departure time.", published_at=FIRST_0130_OCT_2025
    )

    response = save_headline(editor_client, article)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "The headline fixed"
    assert article.corrections.get().published_at == FIRST_0130_OCT_2025


@pytest.mark.parametrize("stored", [FIRST_0130_OCT_2030, SECOND_0130_OCT_2030])
def test_a_piece_planned_in_the_repeated_hour_can_still_be_edited(editor_client, stored):
    """The unchanged time is kept as the instant it is and the edit saved."""
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, planned_for=stored)

    response = save_headline(editor_client, draft)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.planned_for) == ("The headline fixed", stored)


def test_a_piece_scheduled_in_the_repeated_hour_can_still_be_edited(editor_client):
    """The edit is saved and the piece keeps its time."""
    piece = ArticleFactory(published_at=FIRST_0130_OCT_2030)
    assert piece.is_scheduled

    response = save_headline(editor_client, piece)

    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.headline, piece.published_at) == ("The headline fixed", FIRST_0130_OCT_2030)


def test_the_importer_refuses_a_time_the_clocks_skip_rather_than_moving_it(tmp_path):
    """The line is reported as failed with the clock-change explanation, and nothing of it is
    saved."""
    path = tmp_path / "pieces.jsonl"
    record = {
        "headline": "Ferry timetable changes",
        "body_text": "The spring timetable starts on Sunday.",
        "author": "Dana Whitfield",
        "published_at": "2030-03-31T01:30:00",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=out, stderr=err)

    assert (
        "01:30 does not exist on Mar 31, 2030 in Europe/London" in out.getvalue() + err.getvalue()
    )
    assert not Article.objects.exists(), [
        timezone.localtime(a.published_at) for a in Article.objects.all()
    ]
