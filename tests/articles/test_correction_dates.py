"""A correction's date: refused in the future or before the piece ran, wherever a note is made;
and a date stored in the future before that is not reported as the piece's modification."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Correction
from newsroom.dates import isodatetime
from tests.admin_forms import form_data
from tests.articles.test_revision_publication import first_draft, restore_url, run_after_a_draft
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

RAN = datetime(2026, 8, 30, 9, tzinfo=UTC)


@pytest.fixture
def article():
    return ArticleFactory(slug="piece", headline="Ferry returns", published_at=RAN)


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def with_note(data: dict, when: datetime, text: str = "We misspelled the ferry.") -> dict:
    local = timezone.localtime(when)
    return data | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": f"{local:%Y-%m-%d}",
        "corrections-0-published_at_1": f"{local:%H:%M:%S}",
        "corrections-0-text": text,
    }


def date_errors(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    (notes,) = (
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Correction
    )
    return [error for form in notes.forms for error in form.errors.get("published_at", [])]


def post_note(client, article, when, **changes):
    data = form_data(client.get(change_url(article)), **changes)
    return client.post(change_url(article), with_note(data, when))


def test_a_note_dated_in_the_future_is_refused_and_nothing_is_saved(editor_client, article):
    response = post_note(
        editor_client, article, timezone.now() + timedelta(days=1), headline="Edited too"
    )

    (error,) = date_errors(response)
    assert error.startswith("A note cannot be dated in the future: ")
    article.refresh_from_db()
    assert (article.headline, article.corrected_at) == ("Ferry returns", None)
    assert not article.corrections.exists()


def test_a_note_dated_before_the_piece_ran_is_refused(editor_client, article):
    response = post_note(editor_client, article, datetime(2020, 1, 1, tzinfo=UTC))

    assert date_errors(response) == [
        "A note cannot be dated before the piece was published (Aug 30, 2026 09:00 UTC): "
        "give that time or a later one."
    ]
    assert not article.corrections.exists()


def test_a_note_dated_as_the_piece_ran_or_a_minute_ago_is_saved_with_its_date(editor_client):
    a_minute_ago = (timezone.now() - timedelta(minutes=1)).replace(microsecond=0)

    for when in (RAN, a_minute_ago):
        piece = ArticleFactory(published_at=RAN)
        assert post_note(editor_client, piece, when).status_code == 302
        assert piece.corrections.get().published_at == when


def test_a_note_a_few_minutes_ahead_of_the_clock_is_saved_as_made_now(editor_client, article):
    before = timezone.now()

    response = post_note(editor_client, article, before + timedelta(minutes=4))

    assert response.status_code == 302
    assert before <= article.corrections.get().published_at <= timezone.now()


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "published_at": None},
        {"status": "published", "published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "scheduled"],
)
def test_a_piece_that_has_not_run_takes_no_note(editor_client, state):
    piece = ArticleFactory(**state)

    (error,) = date_errors(post_note(editor_client, piece, timezone.now()))

    assert error.startswith("A note can be added once the piece has run; ")
    assert not piece.corrections.exists()


def test_a_withdrawn_piece_that_ran_takes_a_note(editor_client, article):
    Article.objects.filter(pk=article.pk).update(status="unpublished")

    assert post_note(editor_client, article, timezone.now()).status_code == 302
    assert article.corrections.count() == 1


def test_the_model_refuses_the_same_dates_as_the_form(article):
    with pytest.raises(ValidationError) as refused:
        Correction(
            article=article, text="A", published_at=timezone.now() + timedelta(hours=1)
        ).full_clean()
    assert list(refused.value.message_dict) == ["published_at"]

    with pytest.raises(ValidationError) as refused:
        Correction(article=article, text="A", published_at=RAN - timedelta(seconds=1)).full_clean()
    assert "before the piece was published" in refused.value.message_dict["published_at"][0]

    Correction(article=article, text="A", published_at=RAN).full_clean()


def stored_in_the_future(article) -> Correction:
    # As rows were saved before dates were checked.
    note = Correction.objects.create(article=article, text="Early.", published_at=RAN)
    Correction.objects.filter(pk=note.pk).update(published_at=datetime(2027, 6, 1, 10, tzinfo=UTC))
    article.refresh_corrected_at()
    return note


def test_a_note_stored_in_the_future_is_not_the_pieces_modification(client, article):
    stored_in_the_future(article)
    article.refresh_from_db()

    assert article.date_modified == RAN
    html = client.get("/news/piece/").content.decode()
    assert "Updated" not in html
    assert client.get("/api/v1/articles/piece/").json()["updated_at"] == isodatetime(RAN)
    since = {"updated_since": (timezone.now() - timedelta(minutes=1)).isoformat()}
    assert client.get("/api/v1/articles/", since).json()["results"] == []


def test_a_note_stored_in_the_future_does_not_block_other_edits_until_its_date_is_changed(
    editor_client, article
):
    note = stored_in_the_future(article)
    url = change_url(article)

    assert (
        editor_client.post(url, form_data(editor_client.get(url), headline="New")).status_code
        == 302
    )
    article.refresh_from_db()
    assert article.headline == "New"

    data = form_data(editor_client.get(url))
    later = data | {"corrections-0-published_at_0": "2028-01-01"}
    assert date_errors(editor_client.post(url, later))[0].startswith("A note cannot be dated in")
    fixed = data | {"corrections-0-published_at_0": "2026-09-01"}
    assert editor_client.post(url, fixed).status_code == 302
    note.refresh_from_db()
    assert note.published_at.date().isoformat() == "2026-09-01"


def test_a_contributor_forging_a_note_on_their_own_draft_saves_none(
    contributor_client, contributor
):
    draft = ArticleFactory(status="draft", published_at=RAN, created_by=contributor)

    response = post_note(contributor_client, draft, timezone.now())

    assert response.status_code == 302
    assert not draft.corrections.exists()


def test_a_contributor_forging_a_date_on_a_stored_note_changes_nothing(
    contributor_client, contributor
):
    draft = ArticleFactory(status="draft", published_at=RAN, created_by=contributor)
    note = Correction.objects.create(article=draft, text="Kept.", published_at=RAN)
    url = change_url(draft)
    data = form_data(contributor_client.get(url)) | {
        "corrections-0-id": str(note.pk),
        "corrections-0-published_at_0": "2027-06-01",
        "corrections-0-published_at_1": "10:00:00",
        "corrections-0-text": "Forged.",
    }

    contributor_client.post(url, data)

    note.refresh_from_db()
    assert (note.published_at, note.text) == (RAN, "Kept.")


def test_a_contributor_forging_a_note_on_someone_elses_piece_is_turned_away(
    contributor_client, editor_client, article
):
    data = with_note(form_data(editor_client.get(change_url(article))), timezone.now())

    response = contributor_client.post(change_url(article), data)

    assert response.status_code == 403
    assert not article.corrections.exists()


def test_restoring_a_version_takes_a_note_by_the_same_rule(editor_client):
    piece = run_after_a_draft(editor_client)
    url = restore_url(piece, first_draft(piece))

    refused = editor_client.post(url, with_note(form_data(editor_client.get(url)), RAN))

    (error,) = date_errors(refused)
    assert error.startswith("A note cannot be dated before the piece was published")
    assert not piece.corrections.exists()
    restored = with_note(form_data(editor_client.get(url)), timezone.now())
    assert editor_client.post(url, restored).status_code == 302
    assert piece.corrections.count() == 1
