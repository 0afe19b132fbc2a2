"""Moving a piece on the calendar: the change form's permissions and checks, and a revision."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from newsroom.pagecache.schedule import SCHEDULE_KEY
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LAUNCH = datetime(2031, 3, 12, 8, 30, tzinfo=UTC)


def move_url(article) -> str:
    return f"/admin/desk/articles/{article.pk}/move/"


def new_time(article, day: str = "2031-03-14", at: str = "10:15", **extra) -> dict:
    return {"when_0": day, "when_1": at, "version": str(article.version), **extra}


@pytest.fixture
def scheduled():
    return ArticleFactory(headline="Launch day", published_at=LAUNCH)


@pytest.fixture
def planned():
    return ArticleFactory(
        headline="Interview", status="draft", published_at=None, planned_for=LAUNCH
    )


def test_an_editor_reschedules_a_piece_with_the_form(editor_client, editor, scheduled):
    page = editor_client.get(move_url(scheduled))
    assert page.status_code == 200
    assert page.context["form"]["when"].value() == timezone.localtime(LAUNCH)

    response = editor_client.post(move_url(scheduled), new_time(scheduled))

    assert response.status_code == 302
    assert response["Location"] == "/admin/desk/calendar/2031/3/"
    scheduled.refresh_from_db()
    assert scheduled.published_at == datetime(2031, 3, 14, 10, 15, tzinfo=UTC)
    assert scheduled.status == "published"
    latest = Version.objects.get_for_object(scheduled).first()
    assert latest.revision.user == editor
    assert latest.revision.get_comment() == (
        "Rescheduled from Mar 12, 2031 08:30 UTC to Mar 14, 2031 10:15 UTC. (on the calendar)"
    )
    assert latest.field_dict["published_at"] == scheduled.published_at
    # The version before the move is kept too, so the history can compare them.
    assert Version.objects.get_for_object(scheduled).count() == 2
    entry = LogEntry.objects.get(object_id=str(scheduled.pk))
    assert entry.user == editor
    assert entry.is_change()


def test_the_calendar_moves_a_piece_by_drag_and_drop_and_hears_back_in_json(
    editor_client, scheduled
):
    response = editor_client.post(
        move_url(scheduled),
        new_time(scheduled, day="2031-03-16", at="08:30", view="week"),
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "message": "“Launch day”: Rescheduled from Mar 12, 2031 08:30 UTC to Mar 16, 2031 "
        "08:30 UTC.",
        "calendar": "/admin/desk/calendar/2031/week/11/",
    }
    scheduled.refresh_from_db()
    assert scheduled.published_at == datetime(2031, 3, 16, 8, 30, tzinfo=UTC)


def test_a_planned_draft_moves_to_its_new_planned_time_and_stays_a_draft(
    editor_client, planned, settings
):
    settings.TIME_ZONE = "Europe/Berlin"

    editor_client.post(move_url(planned), new_time(planned, day="2031-03-20", at="09:00"))

    planned.refresh_from_db()
    assert planned.planned_for == datetime(2031, 3, 20, 8, 0, tzinfo=UTC)
    assert (planned.status, planned.published_at) == ("draft", None)
    assert (
        Version.objects.get_for_object(planned)
        .first()
        .revision.get_comment()
        .startswith("Planned for Mar 20, 2031 09:00 CET instead of Mar 12, 2031 09:30 CET.")
    )


def test_moving_a_scheduled_piece_forgets_the_next_scheduled_time_as_any_save_does(
    editor_client, scheduled
):
    cache.set(SCHEDULE_KEY, LAUNCH.timestamp())

    editor_client.post(move_url(scheduled), new_time(scheduled))

    assert cache.get(SCHEDULE_KEY) is None


def refused(response) -> str:
    assert response.status_code == 400
    return " ".join(response.context["form"].non_field_errors()) + " ".join(
        str(error) for error in response.context["form"].errors.get("when", [])
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"when_0": "2020-01-01", "when_1": "09:00"}, "Choose a time still to come."),
        ({"when_0": "not a date", "when_1": "09:00"}, "Enter a valid date."),
        ({"when_0": "2031-02-30", "when_1": "09:00"}, "Enter a valid date."),
        ({"when_0": "2031-03-14", "when_1": "25:00"}, "Enter a valid time."),
        ({"when_0": "", "when_1": ""}, "This field is required."),
    ],
)
def test_a_time_gone_by_or_invalid_input_is_refused_and_nothing_changes(
    editor_client, scheduled, data, message
):
    before = Version.objects.count()

    response = editor_client.post(move_url(scheduled), {**new_time(scheduled), **data})

    assert message in refused(response)
    scheduled.refresh_from_db()
    assert scheduled.published_at == LAUNCH
    assert Version.objects.count() == before
    assert not LogEntry.objects.exists()


def test_a_time_the_clocks_skip_is_refused_saying_so(editor_client, scheduled, settings):
    settings.TIME_ZONE = "Europe/London"

    response = editor_client.post(
        move_url(scheduled), new_time(scheduled, day="2031-03-30", at="01:30")
    )

    assert refused(response) == (
        "01:30 does not exist on Mar 30, 2031 in Europe/London: the clocks go forward an hour at "
        "01:00, straight to 02:00. Choose a time before 01:00, or 02:00 or later."
    )
    scheduled.refresh_from_db()
    assert scheduled.published_at == LAUNCH


def test_a_time_in_the_repeated_hour_sent_back_as_shown_keeps_its_instant(editor_client, settings):
    """London's clocks go back on Oct 26, 2031: a piece at the second 01:30 is shown at 01:30,
    and the form sent unchanged leaves it there, as the change form does; typed over another
    piece, the same time is asked about."""
    settings.TIME_ZONE = "Europe/London"
    second = datetime(2031, 10, 26, 1, 30, tzinfo=UTC)  # 01:30 GMT
    piece = ArticleFactory(headline="Night piece", published_at=second)
    other = ArticleFactory(headline="Other piece", published_at=LAUNCH)
    shown = editor_client.get(move_url(piece)).context["form"]["when"].value()
    assert shown == timezone.localtime(second)

    kept = editor_client.post(move_url(piece), new_time(piece, day="2031-10-26", at="01:30:00"))
    typed = editor_client.post(move_url(other), new_time(other, day="2031-10-26", at="01:30:00"))

    assert kept.status_code == 302
    piece.refresh_from_db()
    assert piece.published_at == second
    assert refused(typed).startswith("01:30 happens twice on Oct 26, 2031 in Europe/London")


def test_the_drag_and_drop_hears_why_a_move_was_refused(editor_client, scheduled):
    response = editor_client.post(
        move_url(scheduled),
        new_time(scheduled, day="2020-01-01"),
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("Choose a time still to come.")


def test_a_scheduled_piece_that_fails_the_publish_checks_is_not_moved(editor_client):
    unready = ArticleFactory(published_at=LAUNCH, dek="", authors=[])

    response = editor_client.post(move_url(unready), new_time(unready))

    errors = refused(response)
    assert "Write the summary (dek)" in errors
    assert "Add at least one author to the byline." in errors
    unready.refresh_from_db()
    assert unready.published_at == LAUNCH


def test_a_piece_changed_since_the_calendar_showed_it_is_not_moved(editor_client, scheduled):
    shown = new_time(scheduled)
    scheduled.headline = "Launch day, renamed"
    scheduled.save()

    errors = refused(editor_client.post(move_url(scheduled), shown))

    assert "changed “Launch day, renamed” after the calendar was opened" in errors
    scheduled.refresh_from_db()
    assert scheduled.published_at == LAUNCH


def test_the_move_page_shown_again_after_a_change_moves_the_piece_when_sent_again(
    editor_client, scheduled
):
    shown = new_time(scheduled)
    scheduled.headline = "Launch day, renamed"
    scheduled.save()

    page = editor_client.post(move_url(scheduled), shown)

    assert page.status_code == 400
    form = page.context["form"]
    # What the editor typed is kept, and the piece as it is now is what the form would move.
    assert (form["when"].value(), form["version"].value()) == (
        ["2031-03-14", "10:15"],
        str(scheduled.version),
    )
    again = {"when_0": "2031-03-14", "when_1": "10:15", "version": form["version"].value()}
    assert editor_client.post(move_url(scheduled), again).status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.published_at == datetime(2031, 3, 14, 10, 15, tzinfo=UTC)


def test_a_piece_that_has_run_or_was_pulled_does_not_move(editor_client):
    for piece in [
        ArticleFactory(published_at=timezone.now() - timedelta(days=1)),
        ArticleFactory(status="unpublished", published_at=LAUNCH),
    ]:
        before = piece.published_at

        errors = refused(editor_client.post(move_url(piece), new_time(piece)))

        assert "only scheduled and planned pieces move on the calendar" in errors
        piece.refresh_from_db()
        assert piece.published_at == before


def test_a_contributor_cannot_move_even_their_own_piece(contributor_client, contributor):
    own_planned = ArticleFactory(
        status="draft", published_at=None, planned_for=LAUNCH, created_by=contributor
    )
    own_scheduled = ArticleFactory(published_at=LAUNCH, authors=[AuthorFactory(user=contributor)])

    for piece in (own_planned, own_scheduled):
        assert contributor_client.get(move_url(piece)).status_code == 403
        response = contributor_client.post(
            move_url(piece), new_time(piece), headers={"Accept": "application/json"}
        )
        assert response.status_code == 403
    own_planned.refresh_from_db()
    own_scheduled.refresh_from_db()
    assert own_planned.planned_for == LAUNCH
    assert own_scheduled.published_at == LAUNCH


def test_forged_ids_find_nothing(contributor_client, editor_client, scheduled):
    # Someone else's scheduled piece is not theirs to see: not found, as on the change form.
    assert contributor_client.post(move_url(scheduled), new_time(scheduled)).status_code == 404
    assert editor_client.post("/admin/desk/articles/987654/move/", {}).status_code == 404
    assert editor_client.post("/admin/desk/articles/-1/move/", {}).status_code == 404
    assert editor_client.post(f"/admin/desk/articles/{2**70}/move/", {}).status_code == 404
    scheduled.refresh_from_db()
    assert scheduled.published_at == LAUNCH


def test_a_move_needs_the_csrf_token_and_a_sign_in(editor, scheduled):
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(move_url(scheduled))["Location"].startswith("/admin/login/")
    assert browser.post(move_url(scheduled), new_time(scheduled)).status_code == 403

    browser.force_login(editor)
    assert browser.post(move_url(scheduled), new_time(scheduled)).status_code == 403

    scheduled.refresh_from_db()
    assert scheduled.published_at == LAUNCH


def test_the_move_page_offers_a_form_only_for_what_can_move(editor_client, scheduled):
    live = ArticleFactory(headline="Out already")

    movable = editor_client.get(move_url(scheduled)).content.decode()
    fixed = editor_client.get(move_url(live)).content.decode()

    assert 'name="when_0"' in movable
    assert "scheduled, <time" in movable
    assert "Times are in UTC." in movable
    assert 'name="when_0"' not in fixed
    assert "Only scheduled and planned pieces move on the calendar." in fixed


def test_the_move_page_leads_back_to_the_week_it_was_opened_from(editor_client, scheduled):
    from_week = editor_client.get(move_url(scheduled) + "?view=week")
    from_month = editor_client.get(move_url(scheduled))
    refused = editor_client.post(
        move_url(scheduled), new_time(scheduled, day="2020-01-01", view="week")
    )

    assert from_week.context["back"] == "/admin/desk/calendar/2031/week/11/"
    assert 'href="/admin/desk/calendar/2031/week/11/" class="closelink"' in (
        from_week.content.decode()
    )
    assert from_month.context["back"] == "/admin/desk/calendar/2031/3/"
    # Shown again after a refusal, it still leads back to that week.
    assert refused.context["back"] == "/admin/desk/calendar/2031/week/11/"


def test_the_move_page_groups_its_date_and_time_boxes_under_one_legend(editor_client, scheduled):
    html = editor_client.get(move_url(scheduled)).content.decode()

    group = html[html.index('<fieldset class="move-when"') : html.index("</fieldset>")]
    assert "<legend>New time:</legend>" in group
    assert 'name="when_0"' in group
    assert 'aria-label="New date"' in group
    assert 'name="when_1"' in group
    assert 'aria-label="New time of day"' in group
    assert 'aria-describedby="id_when_helptext"' in group
    # No label left naming nothing.
    assert "<label>New time:</label>" not in html
