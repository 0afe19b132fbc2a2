"""The subjects a reader can hide spoilers for: those that public pieces carry spoilers for."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.filters import spoiler_subjects
from articles.models import ContentWarning
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("nothing_kept")]


def spoils(subject: str, **fields):
    return ArticleFactory(
        spoiler_warning="contains spoilers", spoiler_warning__subject=subject, **fields
    )


def offered(client) -> list[str]:
    """The subjects the index's filter offers, as it writes them."""
    html = client.get("/news/").content.decode()
    return re.findall(r'<option value="[^"]+"[^>]*>Hide spoilers for ([^<]+)</option>', html)


def test_only_subjects_that_public_pieces_spoil_are_offered_by_name(client):
    spoils("paper Moons")
    spoils("Harbour Lights")
    spoils("Harbour Lights")
    spoils("Quiet Harbour", status="draft", published_at=None)
    spoils("Northern Line", published_at=timezone.now() + timedelta(days=1))
    spoils("")
    # Drafts alone spoil it; a public piece names it under another kind of warning.
    spoils("Low Tide", status="draft", published_at=None)
    griefs = ArticleFactory()
    ContentWarning.objects.create(
        article=griefs, kind=ContentWarning.Kind.GRIEF, text="a death", subject="Low Tide"
    )

    assert spoiler_subjects() == [
        ("harbour-lights", "Harbour Lights"),
        ("paper-moons", "paper Moons"),
    ]
    assert offered(client) == ["Harbour Lights", "paper Moons"]


def test_a_subject_a_draft_shares_with_a_public_piece_is_offered_once(client):
    spoils("Paper Moons", status="draft", published_at=None)
    spoils("Paper Moons")
    spoils("Paper moons")

    [(slug, name)] = spoiler_subjects()

    assert slug == "paper-moons"
    assert name in {"Paper Moons", "Paper moons"}
    assert offered(client) == [name]


def test_a_subject_is_offered_from_the_time_its_piece_goes_public_until_it_is_withdrawn(client):
    piece = spoils("Paper Moons", published_at=timezone.now() + timedelta(days=1))
    assert spoiler_subjects() == []

    piece.published_at = timezone.now() - timedelta(minutes=1)
    piece.save()
    assert spoiler_subjects() == [("paper-moons", "Paper Moons")]

    piece.status = "draft"
    piece.save()
    assert spoiler_subjects() == []


@pytest.mark.parametrize("subjects", [1, 12])
def test_finding_the_subjects_is_one_query_however_many_there_are(subjects):
    for number in range(subjects):
        spoils(f"Show {number:02}")
        spoils(f"Show {number:02}", status="draft", published_at=None)

    with CaptureQueriesContext(connection) as queries:
        found = spoiler_subjects()

    assert len(found) == subjects
    assert len(queries.captured_queries) == 1
