"""The dashboard: the admin's home, showing each editor and contributor what waits for them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.desk import plan
from articles.models import Article
from articles.workflow import previews, publishing
from newsroom.dates import display_datetime, isodatetime
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

# Session, user, two for permissions; six lists, the bylines and warnings of the pieces the
# checks read, and the bylines of every other piece shown.
DASHBOARD_QUERIES = 13


def section(response, heading: str) -> str:
    """The HTML of the dashboard section under `heading`, or "" when there is none."""
    html = response.content.decode()
    start = html.find(f">{heading}</h2>")
    if start == -1:
        return ""
    return html[start : html.find("</section>", start)]


def test_an_editor_lands_on_the_dashboard_and_sees_what_awaits_review(editor_client):
    waiting = ArticleFactory(
        headline="Fewer meetings, better notes",
        kind="op-ed",
        status="in-review",
        published_at=None,
        authors=[AuthorFactory(name="Dana Whitfield")],
    )
    ArticleFactory(headline="Someone's draft", status="draft", published_at=None)

    response = editor_client.get("/admin/")

    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "admin/desk/dashboard.html"
    review = section(response, "Awaiting review")
    assert (
        f'<a class="desk-piece" href="/admin/articles/article/{waiting.pk}/change/">'
        "Op-ed: Fewer meetings, better notes</a>"
    ) in review
    assert "by Dana Whitfield" in review
    assert "Someone&#x27;s draft" not in review


def test_the_dashboard_keeps_every_part_of_the_admin_at_hand(editor_client):
    html = editor_client.get("/admin/").content.decode()

    for link in ["/admin/articles/article/", "/admin/newsroom/sitepage/", "/admin/taggit/tag/"]:
        assert f'href="{link}"' in html
    assert 'href="/admin/desk/calendar/"' in html


def test_a_contributor_sees_their_own_drafts_and_nothing_awaiting_review(
    contributor_client, contributor
):
    mine = ArticleFactory(
        headline="My draft", status="draft", published_at=None, created_by=contributor
    )
    ArticleFactory(headline="Their draft", status="draft", published_at=None)
    ArticleFactory(headline="Their review", status="in-review", published_at=None)
    ArticleFactory(headline="Their launch", published_at=timezone.now() + timedelta(days=2))

    response = contributor_client.get("/admin/")

    html = response.content.decode()
    assert section(response, "Awaiting review") == ""
    assert f"/admin/articles/article/{mine.pk}/change/" in section(response, "Your drafts")
    for hidden in ["Their draft", "Their review", "Their launch"]:
        assert hidden not in html
    assert section(response, "Open sign-off links") == ""


def test_coming_up_lists_the_next_fourteen_days_in_the_newsrooms_time_zone(editor_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    now = timezone.now()
    soon = (now + timedelta(days=2)).replace(hour=8, minute=0, second=0, microsecond=0)
    scheduled = ArticleFactory(headline="Launch day", published_at=soon)
    planned = ArticleFactory(
        headline="Planned interview",
        status="draft",
        published_at=None,
        planned_for=soon + timedelta(hours=3),
    )
    ArticleFactory(headline="Too far ahead", published_at=now + timedelta(days=15))
    ArticleFactory(headline="Already out", published_at=now - timedelta(hours=1))

    coming = section(editor_client.get("/admin/"), "Coming up in the next 14 days")

    assert "Times are in Europe/Berlin." in coming
    local = timezone.localtime(soon)
    assert f"{local:%H}:00 CE" in coming  # CET or CEST, whichever is in force then
    assert coming.index("Launch day") < coming.index("Planned interview")
    assert ">Scheduled</span>" in coming
    assert ">Planned</span>" in coming
    assert f"/admin/articles/article/{scheduled.pk}/change/" in coming
    assert f"/admin/articles/article/{planned.pk}/change/" in coming
    assert "Too far ahead" not in coming
    assert "Already out" not in coming


def test_embargoed_releases_are_coming_up_at_their_embargo(editor_client):
    until = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    release = ArticleFactory(
        headline="Quarterly results", status="draft", published_at=None, kind="press-release"
    )
    publishing.embargo(release, until=until)

    coming = section(editor_client.get("/admin/"), "Coming up in the next 14 days")

    assert ">Embargoed</span>" in coming
    assert "Quarterly results" in coming
    assert ">Scheduled</span>" not in coming
    calendar = editor_client.get("/admin/desk/calendar/").content.decode()
    assert "desk-entry--embargoed" in calendar
    assert f"/admin/desk/articles/{release.pk}/move/" not in calendar


def test_a_release_scheduled_past_its_embargo_is_on_the_plan_once_when_it_runs(editor_client):
    now = timezone.now().replace(microsecond=0)
    embargo, runs = now + timedelta(days=2), now + timedelta(days=3)
    release = ArticleFactory(
        headline="Quarterly results", status="draft", published_at=None, kind="press-release"
    )
    publishing.embargo(release, until=embargo)
    publishing.publish(release, at=runs)  # scheduled for the day after the embargo lifts

    Article.objects.filter(pk=release.pk).update(dek="")  # and its summary lost since

    [entry] = plan.entries(Article.objects.all(), start=now, end=now + timedelta(days=14))
    assert (entry.kind.code, entry.at) == ("embargoed", runs)
    page = editor_client.get("/admin/")
    coming = section(page, "Coming up in the next 14 days")
    assert f'datetime="{isodatetime(runs)}">{display_datetime(runs)}</time>' in coming
    assert coming.count("Quarterly results") == 1
    unready = section(page, "Not ready to publish")
    assert f"Embargoed until {display_datetime(embargo)}, runs {display_datetime(runs)}" in unready


def test_pieces_on_their_way_out_that_fail_a_publish_check_are_listed_with_the_reasons(
    editor_client,
):
    now = timezone.now()
    ArticleFactory(headline="No summary", status="in-review", published_at=None, dek="")
    ArticleFactory(
        headline="Scheduled without byline", published_at=now + timedelta(days=1), authors=[]
    )
    ArticleFactory(headline="Ready", status="in-review", published_at=None)
    ArticleFactory(headline="Idle draft", status="draft", published_at=None, dek="")

    unready = section(editor_client.get("/admin/"), "Not ready to publish")

    assert "No summary" in unready
    assert "Write the summary (dek): one sentence for cards and link previews." in unready
    assert "Scheduled without byline" in unready
    assert "Add at least one author to the byline." in unready
    assert "Ready" not in unready.replace("Not ready", "")
    assert "Idle draft" not in unready


def test_recently_published_pieces_show_how_often_their_sign_off_links_were_read(
    editor_client, editor
):
    piece = ArticleFactory(headline="Quarterly results")
    link = previews.create_link(article=piece, reviewer="Dana Whitfield", created_by=editor)
    for _ in range(3):
        previews.record_view(link)
    second = previews.create_link(article=piece, reviewer="Marcus Ellis", created_by=editor)
    for _ in range(2):
        previews.record_view(second)
    ArticleFactory(headline="Unread piece")

    response = editor_client.get("/admin/")

    published = section(response, "Recently published")
    assert "Quarterly results" in published
    # Every link's views summed, however many links a piece has.
    assert "5 views of sign-off links" in published
    assert "0 views of sign-off links" in published
    links = section(response, "Open sign-off links")
    assert "Dana Whitfield" in links
    assert f"/admin/articles/article/{piece.pk}/change/#sign-off" in links
    assert "3 views" in links
    assert "not approved yet" in links


def make_everything(count: int, editor) -> None:
    now = timezone.now()
    for number in range(count):
        author = AuthorFactory()
        ArticleFactory(status="in-review", published_at=None, dek="", authors=[author])
        ArticleFactory(status="draft", published_at=None, created_by=editor, authors=[author])
        ArticleFactory(
            published_at=now + timedelta(days=1, hours=number),
            origin_url=f"https://www.linkedin.com/pulse/piece-{number}/",
            authors=[author, AuthorFactory()],
        )
        ArticleFactory(
            status="draft", published_at=None, planned_for=now + timedelta(days=2), authors=[]
        )
        live = ArticleFactory(published_at=now - timedelta(days=number + 1), authors=[author])
        previews.create_link(article=live, reviewer="Reviewer", created_by=editor)


@pytest.mark.parametrize("count", [1, 12])
def test_the_dashboard_makes_a_fixed_number_of_queries(
    editor_client, editor, count, django_assert_num_queries
):
    make_everything(count, editor)

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = editor_client.get("/admin/")

    assert response.status_code == 200


def test_the_dashboard_is_private_and_under_the_strict_policy(editor_client):
    response = editor_client.get("/admin/")

    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
