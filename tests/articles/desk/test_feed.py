"""The calendar feed: the plan in a calendar app, at a private address each person can reset."""

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from articles.desk import feeds, ical
from articles.desk.plan import EMBARGOED, PUBLISHED, SCHEDULED, Entry
from articles.models import CalendarFeed
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SOON = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)


def feed_url(client) -> str:
    """Make the signed-in person's feed address from the calendar page, as they would."""
    response = client.post("/admin/desk/calendar/feed/", {"action": "reset"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/desk/calendar/#calendar-feed"
    url = client.get("/admin/desk/calendar/").context["feed_url"]
    assert url.startswith("http://testserver/admin/desk/calendar/feed/")
    assert url.endswith(".ics")
    return url.removeprefix("http://testserver")


def events(response) -> dict[str, dict]:
    """The feed's events by summary, each with its parsed properties."""
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def move(client, article, to):
    """Move `article` on the calendar, as an editor drags it."""
    at = timezone.localtime(to)
    response = client.post(
        f"/admin/desk/articles/{article.pk}/move/",
        {"when_0": f"{at:%Y-%m-%d}", "when_1": f"{at:%H:%M}", "version": str(article.version)},
    )
    assert response.status_code == 302


@pytest.fixture
def plan():
    return {
        "scheduled": ArticleFactory(
            headline="Launch day", kind="press-release", published_at=SOON, dek="We launch."
        ),
        "planned": ArticleFactory(
            headline="Interview",
            status="draft",
            published_at=None,
            planned_for=SOON + timedelta(days=1),
        ),
        "published": ArticleFactory(
            headline="Results", published_at=SOON - timedelta(days=7), kind="op-ed"
        ),
    }


def test_an_editor_subscribes_to_the_plan_without_signing_in(editor_client, plan):
    url = feed_url(editor_client)

    response = Client().get(url)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response)
    assert set(found) == {
        "Press release: Launch day (scheduled)",
        "News: Interview (planned)",
        "Op-ed: Results (published)",
    }
    launch = found["Press release: Launch day (scheduled)"]
    assert launch["DTSTART"].dt == SOON.astimezone(UTC)
    assert launch["DTEND"].dt == SOON.astimezone(UTC) + timedelta(minutes=30)
    assert launch["UID"] == f"article-{plan['scheduled'].pk}@testserver"
    assert launch["URL"] == (
        f"http://testserver/admin/articles/article/{plan['scheduled'].pk}/change/"
    )
    assert launch["STATUS"] == "CONFIRMED"
    assert launch["DESCRIPTION"] == "We launch."
    assert found["News: Interview (planned)"]["STATUS"] == "TENTATIVE"


def test_times_in_the_feed_are_written_in_utc(editor_client, plan, settings):
    settings.TIME_ZONE = "America/New_York"

    body = Client().get(feed_url(editor_client)).content.decode()

    assert f"DTSTART:{SOON.astimezone(UTC):%Y%m%dT%H%M%S}Z" in body
    assert "TZID" not in body


def test_an_event_keeps_its_uid_when_the_piece_moves(editor_client, plan):
    url = feed_url(editor_client)
    scheduled = plan["scheduled"]
    before = events(Client().get(url))["Press release: Launch day (scheduled)"]

    later = SOON + timedelta(days=2)
    move(editor_client, scheduled, later)
    after = events(Client().get(url))["Press release: Launch day (scheduled)"]

    assert after["UID"] == before["UID"]
    assert after["DTSTART"].dt == later.astimezone(UTC)


def test_an_event_has_a_higher_sequence_each_time_its_piece_changes(editor_client, plan):
    url = feed_url(editor_client)
    before = events(Client().get(url))

    move(editor_client, plan["scheduled"], SOON + timedelta(days=2))
    move(editor_client, plan["planned"], SOON + timedelta(days=3))
    moved = events(Client().get(url))
    plan["scheduled"].refresh_from_db()
    plan["scheduled"].dek = "We launch later."
    plan["scheduled"].save()
    edited = events(Client().get(url))

    for name in ["Press release: Launch day (scheduled)", "News: Interview (planned)"]:
        assert moved[name]["DTSTART"].dt != before[name]["DTSTART"].dt
        assert moved[name]["SEQUENCE"] > before[name]["SEQUENCE"]
        assert moved[name]["LAST-MODIFIED"].dt >= before[name]["LAST-MODIFIED"].dt
    launch = "Press release: Launch day (scheduled)"
    assert edited[launch]["DESCRIPTION"] == "We launch later."
    assert edited[launch]["SEQUENCE"] > moved[launch]["SEQUENCE"]
    # A piece nobody touched keeps its sequence, whenever the feed is read.
    results = "Op-ed: Results (published)"
    assert before[results]["SEQUENCE"] == edited[results]["SEQUENCE"]
    assert before[results]["LAST-MODIFIED"].dt == edited[results]["LAST-MODIFIED"].dt


def test_an_event_has_a_higher_sequence_once_its_piece_runs(editor_client, plan, monkeypatch):
    url = feed_url(editor_client)
    before = events(Client().get(url))["Press release: Launch day (scheduled)"]
    read_at = SOON + timedelta(minutes=5)

    monkeypatch.setattr(timezone, "now", lambda: read_at)
    after = events(Client().get(url))["Press release: Launch day (published)"]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    # Changed when it ran, without a save; the feed itself was made when it was read.
    assert after["LAST-MODIFIED"].dt == SOON.astimezone(UTC)
    assert after["DTSTAMP"].dt == read_at.astimezone(UTC)


def test_the_sequence_grows_as_an_embargoed_piece_runs_and_with_every_save():
    moment = timezone.now()
    piece = ArticleFactory(
        published_at=SOON + timedelta(days=1), embargoed_until=SOON, headline="Held"
    )
    stages = [EMBARGOED, SCHEDULED, PUBLISHED]

    sequences = [ical.sequence(Entry(piece, kind, moment)) for kind in stages]
    piece.save()
    sequences.append(ical.sequence(Entry(piece, EMBARGOED, moment)))

    assert sequences == sorted(set(sequences))


def test_a_contributors_feed_holds_only_their_own_pieces(contributor_client, contributor, plan):
    ArticleFactory(
        headline="My op-ed",
        status="in-review",
        published_at=None,
        planned_for=SOON,
        authors=[AuthorFactory(user=contributor)],
    )

    found = events(Client().get(feed_url(contributor_client)))

    assert set(found) == {"News: My op-ed (planned)"}


def test_the_feed_is_private_and_not_for_search_engines(editor_client, plan):
    response = Client().get(feed_url(editor_client))

    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert "public" not in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_reset_address_stops_working_and_the_new_one_works(editor_client, editor, plan):
    old = feed_url(editor_client)
    new = feed_url(editor_client)

    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=editor).count() == 1


def test_a_feed_turned_off_is_not_found(editor_client, plan):
    url = feed_url(editor_client)

    editor_client.post("/admin/desk/calendar/feed/", {"action": "off"})

    assert Client().get(url).status_code == 404
    assert editor_client.get("/admin/desk/calendar/").context["feed_url"] == ""


@pytest.mark.parametrize(
    "token",
    ["nothing", "a:b", "x" * 300, "%00", "key:" + "A" * 27],
)
def test_a_wrong_address_is_not_found(client, editor, token):
    feeds.reset(editor)

    assert client.get(f"/admin/desk/calendar/feed/{token}.ics").status_code == 404


def test_an_address_with_a_valid_key_but_forged_signature_is_not_found(client, editor):
    feed = feeds.reset(editor)
    forged = f"{feed.key}:{'A' * 27}"

    assert client.get(f"/admin/desk/calendar/feed/{forged}.ics").status_code == 404


def test_the_database_alone_does_not_give_the_address(editor):
    feed = feeds.reset(editor)

    assert feeds.token_for(feed) != feed.key
    assert feeds.owner_of(feed.key) is None
    assert feeds.owner_of(feeds.token_for(feed)) == editor


def test_someone_who_left_the_desk_gets_nothing_from_their_old_address(editor_client, editor):
    url = feed_url(editor_client)

    editor.is_active = False
    editor.save()
    assert Client().get(url).status_code == 404

    editor.is_active = True
    editor.is_staff = False
    editor.save()
    assert Client().get(url).status_code == 404


def test_the_address_is_made_only_by_a_signed_in_post(client, editor):
    assert client.post("/admin/desk/calendar/feed/", {"action": "reset"}).status_code == 302
    assert not CalendarFeed.objects.exists()

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post("/admin/desk/calendar/feed/", {"action": "reset"}).status_code == 403
    client.force_login(editor)
    assert client.get("/admin/desk/calendar/feed/").status_code == 405
    assert not CalendarFeed.objects.exists()


def test_the_feed_answers_only_reads(editor_client):
    url = feed_url(editor_client)

    assert Client().head(url).status_code == 200
    assert Client().post(url).status_code in {403, 405}
