"""A time the newsroom's clocks skip or show twice is refused on the change form's time fields,
saying which and what to choose instead; nothing typed is lost and nothing is saved."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"
# Europe/London in 2030: 01:00 GMT becomes 02:00 BST on Mar 31, 02:00 BST 01:00 GMT on Oct 27.
SKIPPED = (
    "01:30 does not exist on Mar 31, 2030 in Europe/London: the clocks go forward an hour at "
    "01:00, straight to 02:00. Choose a time before 01:00, or 02:00 or later."
)
TWICE = (
    "01:30 happens twice on Oct 27, 2030 in Europe/London: the clocks go back an hour at 02:00, "
    "so the times from 01:00 to 02:00 come twice. Choose a time before 01:00, or 02:00 or later, "
    "so that it is clear which is meant."
)


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def split(name: str, day: str) -> dict:
    return {f"{name}_0": day, f"{name}_1": "01:30:00"}


CASES = [
    pytest.param("embargoed_until", split("embargoed_until", "2030-03-31"), SKIPPED, id="embargo"),
    pytest.param("embargoed_until", split("embargoed_until", "2030-10-27"), TWICE, id="embargo2"),
    pytest.param("planned_for", split("planned_for", "2030-03-31"), SKIPPED, id="planned"),
    pytest.param("planned_for", split("planned_for", "2030-10-27"), TWICE, id="planned-twice"),
    pytest.param(
        "schedule_at",
        {"_schedule": "", "schedule_at": "2030-03-31T01:30"},
        SKIPPED,
        id="publication",
    ),
    pytest.param(
        "schedule_at",
        {"_schedule": "", "schedule_at": "2030-10-27T01:30"},
        TWICE,
        id="publication-twice",
    ),
]


@pytest.mark.parametrize(("field", "typed", "error"), CASES)
def test_a_time_the_clocks_skip_or_repeat_is_refused_saying_which(
    editor_client, field, typed, error
):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Old")
    url = CHANGE.format(draft.pk)

    response = editor_client.post(
        url, form_data(editor_client.get(url), headline="The headline typed", **typed)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [error]
    assert 'value="The headline typed"' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Old", Article.Status.DRAFT)
    assert (draft.published_at, draft.planned_for, draft.embargoed_until) == (None, None, None)


@pytest.mark.parametrize(
    ("day", "stored"),
    [
        ("2030-03-31", datetime(2030, 3, 31, 1, 0, tzinfo=UTC)),  # 02:00 BST, after the jump
        ("2030-10-27", datetime(2030, 10, 27, 2, 0, tzinfo=UTC)),  # 02:00 GMT, after the repeat
    ],
)
def test_the_first_time_after_a_clock_change_is_taken(editor_client, day, stored):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = CHANGE.format(draft.pk)

    changes = {"planned_for_0": day, "planned_for_1": "02:00:00"}
    response = editor_client.post(url, form_data(editor_client.get(url), **changes))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.planned_for == stored
    assert timezone.localtime(draft.planned_for).hour == 2


def test_a_repeated_time_typed_over_a_saved_one_is_still_asked_about(editor_client):
    first_0130 = datetime(2030, 10, 27, 0, 30, tzinfo=UTC)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, planned_for=first_0130)
    url = CHANGE.format(draft.pk)

    changes = {"planned_for_0": "2030-10-27", "planned_for_1": "01:45:00"}
    response = editor_client.post(url, form_data(editor_client.get(url), **changes))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["planned_for"] == [
        TWICE.replace("01:30 happens", "01:45 happens")
    ]
    draft.refresh_from_db()
    assert draft.planned_for == first_0130


def test_an_unchanged_schedule_in_the_repeated_hour_is_not_recorded_as_changed(editor_client):
    piece = ArticleFactory(published_at=datetime(2030, 10, 27, 1, 30, tzinfo=UTC))  # 01:30 GMT
    url = CHANGE.format(piece.pk)

    response = editor_client.post(url, form_data(editor_client.get(url), headline="New"))

    assert response.status_code == 302
    assert LogEntry.objects.get().get_change_message() == "Changed Headline."


def test_a_contributor_cannot_set_the_times_by_forging_them(contributor_client, contributor):
    own = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=contributor)
    url = CHANGE.format(own.pk)
    later = timezone.localtime() + timedelta(days=30)
    forged = form_data(
        contributor_client.get(url),
        planned_for_0=later.strftime("%Y-%m-%d"),
        planned_for_1="09:00:00",
        _schedule="",
        schedule_at="2030-03-31T01:30",
    )

    assert contributor_client.post(url, forged).status_code == 403
    assert contributor_client.post(CHANGE.format(999999), forged).status_code == 403
    own.refresh_from_db()
    assert (own.status, own.planned_for) == (Article.Status.DRAFT, None)


@pytest.mark.parametrize(
    ("day", "error"), [("2030-03-31", SKIPPED), ("2030-10-27", TWICE)], ids=["skipped", "twice"]
)
def test_a_correction_dated_at_a_clock_change_is_refused_saying_which(editor_client, day, error):
    piece = ArticleFactory(headline="Old")
    url = CHANGE.format(piece.pk)
    note = "We misspelled the name of the ferry."
    typed = {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": day,
        "corrections-0-published_at_1": "01:30:00",
        "corrections-0-text": note,
    }

    response = editor_client.post(
        url, form_data(editor_client.get(url), headline="The headline typed", **typed)
    )

    assert response.status_code == 200
    corrections = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "corrections"
    )
    assert corrections.forms[0].errors["published_at"] == [error]
    html = response.content.decode()
    assert 'value="The headline typed"' in html
    assert note in html
    piece.refresh_from_db()
    assert piece.headline == "Old"
    assert not piece.corrections.exists()


def test_a_contributor_cannot_date_a_correction_by_forging_the_inline(
    contributor_client, contributor
):
    own = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=contributor)
    others = ArticleFactory(headline="Someone else's")
    typed = {
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "0",
        "corrections-0-kind": "correction",
        "corrections-0-published_at_0": "2030-03-31",
        "corrections-0-published_at_1": "02:30:00",
        "corrections-0-text": "Forged.",
    }
    url = CHANGE.format(own.pk)

    saved = contributor_client.post(url, form_data(contributor_client.get(url), **typed))
    forged = contributor_client.post(CHANGE.format(others.pk), typed)

    assert saved.status_code == 302  # the draft is saved; the note is not theirs to add
    assert forged.status_code == 403
    assert not own.corrections.exists()
    assert not others.corrections.exists()
