"""Publishing from the change form is a button per decision, mapped onto the workflow."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


def buttons(response) -> list[str]:
    """The labels of the form's submit buttons, in page order."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        " ".join(button.get_text().split())
        for button in soup.select("#article_form button[type=submit]")
    ]


def later(days=2, hour=9, minute=30) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)


def test_the_form_has_no_status_to_choose(admin_client):
    article = ArticleFactory(status="draft", published_at=None)

    form = admin_client.get(change_url(article)).context["adminform"].form

    assert "status" not in form.fields
    assert "published_at" not in form.fields


@pytest.mark.parametrize(
    ("fields", "offered"),
    [
        pytest.param({}, ["Update", "Unpublish"], id="live"),
        pytest.param(
            {"published_at": timezone.now() + timedelta(days=1)},
            ["Update", "Publish now", "Cancel the schedule", "Schedule"],
            id="scheduled",
        ),
        pytest.param(
            {"status": "draft", "published_at": None},
            ["Save draft", "Publish now", "Schedule"],
            id="draft",
        ),
        pytest.param(
            {"status": "in-review", "published_at": None},
            ["Save", "Publish now", "Return to draft", "Schedule"],
            id="in review",
        ),
        pytest.param({"status": "unpublished"}, ["Save", "Publish now", "Schedule"], id="pulled"),
    ],
)
def test_an_editor_is_offered_the_decisions_the_article_allows(editor_client, fields, offered):
    article = ArticleFactory(**fields)

    assert buttons(editor_client.get(change_url(article))) == offered


def test_a_contributor_is_offered_saving_and_review_only(contributor_client, contributor):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    in_review = ArticleFactory(status="in-review", published_at=None, created_by=contributor)

    assert buttons(contributor_client.get(change_url(draft))) == ["Save draft", "Submit for review"]
    assert buttons(contributor_client.get(change_url(in_review))) == ["Save"]
    assert buttons(contributor_client.get(f"{LIST_URL}add/")) == ["Save draft", "Submit for review"]
    assert "Schedule" not in contributor_client.get(change_url(draft)).content.decode()


def test_save_draft_keeps_a_draft_a_draft_and_the_editor_on_the_form(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(draft)), headline="Still a draft")

    response = editor_client.post(change_url(draft), data | {"_continue": ""})

    assert response.url == change_url(draft)
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Still a draft", Article.Status.DRAFT)


def test_publish_now_publishes_the_edits_through_the_workflow(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(draft)), headline="Out now")
    before = timezone.now()

    response = editor_client.post(change_url(draft), data | {"_publish": ""})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Out now"
    assert draft.is_published
    assert before <= draft.published_at <= timezone.now()
    latest = Version.objects.get_for_object(draft).order_by("-pk").first()
    assert latest.revision.comment.startswith("Published.")


def test_publish_now_brings_a_scheduled_piece_forward_and_keeps_a_past_date(editor_client):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=3))
    pulled = ArticleFactory(status="unpublished", published_at=datetime(2025, 1, 17, tzinfo=UTC))

    for article in (scheduled, pulled):
        data = form_data(editor_client.get(change_url(article)))
        editor_client.post(change_url(article), data | {"_publish": ""})

    scheduled.refresh_from_db()
    pulled.refresh_from_db()
    assert scheduled.is_published
    assert pulled.is_published
    assert pulled.published_at == datetime(2025, 1, 17, tzinfo=UTC)


def test_schedule_publishes_at_the_minute_typed_in_the_newsrooms_time_zone(editor_client, settings):
    settings.TIME_ZONE = "America/New_York"
    draft = ArticleFactory(status="draft", published_at=None)
    page = editor_client.get(change_url(draft))
    assert "Date and time (America/New_York)" in page.content.decode()
    data = form_data(page)

    editor_client.post(
        change_url(draft), data | {"_schedule": "", "schedule_at": "2099-01-15T09:00"}
    )

    draft.refresh_from_db()
    assert draft.published_at == datetime(2099, 1, 15, 14, 0, tzinfo=UTC)
    assert draft.is_scheduled
    latest = Version.objects.get_for_object(draft).order_by("-pk").first()
    assert latest.revision.comment.startswith("Scheduled.")


@pytest.mark.parametrize(
    ("when", "error"),
    [
        ("", "Choose the date and time to publish at."),
        ("2001-01-01T09:00", "Choose a time in the future"),
        ("next tuesday", "Enter a valid date/time."),
    ],
)
def test_a_schedule_without_a_future_time_is_refused_with_the_input_kept(
    editor_client, when, error
):
    draft = ArticleFactory(status="draft", published_at=None, headline="Kept")
    data = form_data(editor_client.get(change_url(draft)), headline="Typed")

    response = editor_client.post(change_url(draft), data | {"_schedule": "", "schedule_at": when})

    assert error in errors_on(response)
    assert '<details class="publishing__schedule" id="schedule" open>' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Kept", Article.Status.DRAFT)


def test_publishing_is_refused_while_a_check_fails(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(draft)), dek="")

    response = editor_client.post(change_url(draft), data | {"_publish": ""})

    assert "Write the summary (dek)" in errors_on(response)
    assert "A new article" not in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


@pytest.mark.parametrize("live", [True, False], ids=["live", "scheduled"])
def test_unpublish_takes_the_piece_off_the_site_with_its_date_kept(editor_client, live):
    when = timezone.now() + (timedelta(days=-1) if live else timedelta(days=1))
    article = ArticleFactory(published_at=when)
    data = form_data(editor_client.get(change_url(article)))

    editor_client.post(change_url(article), data | {"_unpublish": ""})

    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert article.published_at == when


def test_unpublishing_what_is_not_published_is_refused(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(draft)))

    response = editor_client.post(change_url(draft), data | {"_unpublish": ""})

    assert "nothing to unpublish" in errors_on(response)


def test_a_contributor_submits_their_draft_for_review(contributor_client, contributor):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(contributor_client.get(change_url(draft)), headline="Ready for you")

    response = contributor_client.post(change_url(draft), data | {"_submit": ""})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Ready for you", Article.Status.IN_REVIEW)


@pytest.mark.parametrize("button", ["_publish", "_schedule", "_unpublish", "_return"])
def test_a_contributors_forged_publishing_button_is_refused(
    contributor_client, contributor, button
):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(contributor_client.get(change_url(draft)), headline="Forged")
    data |= {button: "", "schedule_at": "2099-01-15T09:00"}

    response = contributor_client.post(change_url(draft), data)
    added = contributor_client.post(f"{LIST_URL}add/", data | {"slug": "forged"})

    assert response.status_code == 403
    assert added.status_code == 403
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == (draft.headline, Article.Status.DRAFT)
    assert not Article.objects.filter(slug="forged").exists()
