"""The editorial calendar: a month and a week of the plan, in the newsroom's time zone."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def day_html(response, day: str) -> str:
    """The HTML of the calendar's day `day` ("2031-03-04")."""
    html = response.content.decode()
    start = html.index(f'data-date="{day}"')
    return html[start : html.find('<li class="desk-day', start)]


@pytest.fixture
def march_2031():
    """A scheduled and a planned piece in March 2031, and one unpublished."""
    return {
        "scheduled": ArticleFactory(
            headline="Launch day",
            kind="press-release",
            published_at=datetime(2031, 3, 12, 8, 30, tzinfo=UTC),
        ),
        "planned": ArticleFactory(
            headline="Interview with the founders",
            status="draft",
            published_at=None,
            planned_for=datetime(2031, 3, 20, 14, tzinfo=UTC),
        ),
        "pulled": ArticleFactory(
            headline="Pulled piece",
            status="unpublished",
            published_at=datetime(2031, 3, 5, 9, tzinfo=UTC),
        ),
    }


def test_a_month_shows_scheduled_and_planned_pieces_on_their_days(editor_client, march_2031):
    response = editor_client.get("/admin/desk/calendar/2031/3/")

    assert response.status_code == 200
    assert "<h1>Calendar: March 2031</h1>" in response.content.decode()
    scheduled = day_html(response, "2031-03-12")
    assert ">08:30</time>" in scheduled
    assert ">Scheduled</span>" in scheduled
    assert "Press release: Launch day" in scheduled
    assert ">Draft</span>" in day_html(response, "2031-03-20")
    assert "Pulled piece" not in response.content.decode()
    # Weeks run Monday to Sunday: February's last days and April's first complete them.
    assert 'data-date="2031-02-24"' in response.content.decode()
    assert 'data-date="2031-04-06"' in response.content.decode()


def test_a_month_in_the_past_shows_what_was_published(editor_client):
    ArticleFactory(headline="Results are in", published_at=datetime(2025, 3, 3, 9, tzinfo=UTC))
    ArticleFactory(headline="Never planned", status="draft", published_at=None, planned_for=None)

    response = editor_client.get("/admin/desk/calendar/2025/3/")

    published = day_html(response, "2025-03-03")
    assert ">Published</span>" in published
    assert "News: Results are in" in published
    assert "Never planned" not in response.content.decode()


def test_each_line_links_to_the_piece_and_editors_can_move_what_has_not_run(
    editor_client, march_2031
):
    published = ArticleFactory(published_at=datetime(2025, 3, 3, 9, tzinfo=UTC))
    scheduled = march_2031["scheduled"]

    response = editor_client.get("/admin/desk/calendar/2031/3/")
    past = editor_client.get("/admin/desk/calendar/2025/3/")

    html = response.content.decode()
    assert f'href="/admin/articles/article/{scheduled.pk}/change/"' in html
    assert f'href="/admin/desk/articles/{scheduled.pk}/move/?view=month"' in html
    assert 'data-move="' in day_html(response, "2031-03-12")
    assert f"/admin/articles/article/{published.pk}/change/" in past.content.decode()
    assert "data-move" not in past.content.decode()
    assert "/move/" not in past.content.decode()


def test_a_week_shows_its_seven_days_with_times_in_the_newsrooms_time_zone(editor_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    # 23:30 in London is already the next day in Berlin.
    ArticleFactory(headline="Late news", published_at=datetime(2031, 1, 7, 23, 30, tzinfo=UTC))

    response = editor_client.get("/admin/desk/calendar/2031/week/2/")

    html = response.content.decode()
    assert "<h1>Calendar: Week 2: Jan 6 – Jan 12, 2031</h1>" in html
    assert html.count('<li class="desk-day') == 7
    assert "Late news" in day_html(response, "2031-01-08")
    assert ">00:30</time>" in day_html(response, "2031-01-08")
    assert "at their times in Europe/Berlin" in html


def test_the_calendar_opens_on_the_current_month_and_week(editor_client):
    today = timezone.localdate()

    month = editor_client.get("/admin/desk/calendar/")
    week = editor_client.get("/admin/desk/calendar/week/")

    assert month.context["period"].month == today.month
    assert f'data-date="{today:%Y-%m-%d}" aria-current="date"' in month.content.decode()
    assert week.context["period"].week == today.isocalendar().week


@pytest.mark.parametrize(
    "path",
    ["2031/13/", "2031/0/", "1899/12/", "3000/1/", "2031/week/54/", "2031/week/0/", "99999/1/"],
)
def test_months_and_weeks_that_do_not_exist_are_not_found(editor_client, path):
    assert editor_client.get(f"/admin/desk/calendar/{path}").status_code == 404


def test_a_contributor_sees_only_their_own_pieces_and_cannot_move_them(
    contributor_client, contributor, march_2031
):
    mine = ArticleFactory(
        headline="My planned piece",
        status="draft",
        published_at=None,
        created_by=contributor,
        planned_for=datetime(2031, 3, 18, 9, tzinfo=UTC),
    )
    bylined = ArticleFactory(
        headline="My scheduled piece",
        published_at=datetime(2031, 3, 19, 9, tzinfo=UTC),
        authors=[AuthorFactory(user=contributor)],
    )

    response = contributor_client.get("/admin/desk/calendar/2031/3/")

    html = response.content.decode()
    assert mine.headline in html
    assert bylined.headline in html
    for piece in march_2031.values():
        assert piece.headline not in html
    assert "data-move" not in html
    assert "/move/" not in html
    assert "desk-calendar.js" not in html


def test_the_calendar_is_private_and_its_script_loads_under_the_strict_policy(editor_client):
    response = editor_client.get("/admin/desk/calendar/")

    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert f'<script src="/static/js/desk-calendar.js" nonce="{nonce}"></script>' in html
    assert "ondrop" not in html
    assert "onclick" not in html


def test_someone_without_articles_cannot_open_the_calendar(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="newcomer", is_staff=True))

    assert client.get("/admin/desk/calendar/").status_code == 403
    assert client.get("/admin/desk/calendar/", follow=False).status_code == 403


def test_the_calendar_needs_a_sign_in(client):
    response = client.get("/admin/desk/calendar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_next_and_previous_cross_the_year(editor_client):
    december = editor_client.get("/admin/desk/calendar/2030/12/").content.decode()
    first_week = editor_client.get("/admin/desk/calendar/2031/week/1/").content.decode()

    assert 'href="/admin/desk/calendar/2031/1/" rel="next"' in december
    assert 'href="/admin/desk/calendar/2030/week/52/" rel="prev"' in first_week


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/admin/desk/calendar/1900/1/", "Previous month"),
        ("/admin/desk/calendar/2999/12/", "Next month"),
        ("/admin/desk/calendar/1900/week/1/", "Previous week"),
        ("/admin/desk/calendar/2999/week/52/", "Next week"),
    ],
)
def test_the_first_and_last_months_and_weeks_lead_no_further(editor_client, path, link):
    response = editor_client.get(path)

    assert response.status_code == 200
    assert link not in response.content.decode()


def test_the_article_list_links_to_the_calendar_and_an_empty_span_says_so(editor_client):
    articles = editor_client.get("/admin/articles/article/").content.decode()
    empty = editor_client.get("/admin/desk/calendar/2031/week/2/").content.decode()

    assert '<a href="/admin/desk/calendar/">Calendar</a>' in articles
    assert "Nothing is published, embargoed, scheduled or planned for these days." in empty
