"""Journalists' pre-access: a personal link per journalist to one piece under embargo."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.embargo import access
from articles.models import Article, Journalist, PressAccess
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.admin_forms import saved
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"
SHARE = "/admin/articles/article/{}/press-access/"
REVOKE = "/admin/articles/article/{}/press-access/{}/revoke/"
LIFT = "/admin/articles/article/{}/embargo/lift/"


def release(headline="Zephyrcorp opens its Lisbon plant", slug="lisbon-plant", days=2):
    piece = ArticleFactory(
        headline=headline,
        slug=slug,
        kind=Article.Kind.PRESS_RELEASE,
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[AuthorFactory()],
    )
    return publishing.embargo(piece, until=timezone.now() + timedelta(days=days))


def share(client, piece, **fields):
    data = {"name": "Rosa Marquez", "outlet": "The Daily Ledger", "email": "rosa@ledger.test"}
    data |= {"send_email": "on", **fields}
    return client.post(SHARE.format(piece.pk), data)


def link_in(message) -> str:
    return re.search(r"http://testserver(/news/\S+/embargoed/\S+/)", message.body).group(1)


def test_an_editor_shares_and_the_journalist_reads_it_logged_out(editor_client, mailoutbox):
    piece = release()

    response = share(editor_client, piece)

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["rosa@ledger.test"]
    assert message.subject.startswith("Embargoed until ")
    assert "Zephyrcorp opens its Lisbon plant" in message.subject
    assert "not for publication before then" in message.body
    journalist = Client()
    page = journalist.get(link_in(message))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Embargoed until " in text
    assert "not for publication before then" in text
    assert "Zephyrcorp opens its Lisbon plant" in text
    assert page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Page-Cache" not in page
    assert journalist.get(link_in(message)).status_code == 200
    # Still nowhere in public.
    assert journalist.get("/news/lisbon-plant/").status_code == 404
    shared = PressAccess.objects.get()
    assert shared.view_count == 2
    assert shared.emailed_at is not None
    admin_page = editor_client.get(CHANGE.format(piece.pk)).content.decode()
    assert "Rosa Marquez, The Daily Ledger" in admin_page
    assert re.search(r"<td>2, first [^<]+, last ", admin_page)


def test_a_link_works_for_its_own_piece_only(editor_client, mailoutbox):
    piece, other = release(), release(headline="Other launch", slug="other-launch")
    share(editor_client, piece)
    path = link_in(mailoutbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]

    # At another piece's slug the token still names its own piece, and leads back to it.
    elsewhere = Client().get(f"/news/other-launch/embargoed/{token}/", follow=True)
    assert elsewhere.redirect_chain == [(path, 302)]
    assert "Zephyrcorp opens its Lisbon plant" in elsewhere.content.decode()
    assert "Other launch" not in elsewhere.content.decode()
    assert Client().get(path[:-3] + "xx/").status_code == 404
    assert Client().get(f"/news/lisbon-plant/preview/{token}/").status_code == 404
    assert other.press_access.count() == 0


def test_revoking_one_link_leaves_the_others(editor_client, mailoutbox):
    piece = release()
    share(editor_client, piece)
    share(editor_client, piece, name="Sam Oduya", outlet="Wire", email="sam@wire.test")
    rosa, sam = (link_in(message) for message in mailoutbox)
    rosas = PressAccess.objects.get(journalist__email="rosa@ledger.test")

    response = editor_client.post(REVOKE.format(piece.pk, rosas.pk))

    assert response.status_code == 302
    assert Client().get(rosa).status_code == 404
    assert Client().get(sam).status_code == 200


def test_a_link_ends_at_the_embargo_and_then_points_to_the_public_page(editor_client, mailoutbox):
    piece = release()
    share(editor_client, piece)
    path = link_in(mailoutbox[0])
    shared = PressAccess.objects.get()
    assert shared.expires_at == piece.embargoed_until

    # The embargo passes: the record and the piece say so (times moved, as the clock would).
    moment = timezone.now() - timedelta(seconds=1)
    PressAccess.objects.update(created_at=moment - timedelta(hours=1), expires_at=moment)
    assert Client().get(path).status_code == 404
    Article.objects.filter(pk=piece.pk).update(embargoed_until=moment, published_at=moment)

    response = Client().get(path)

    assert response.status_code == 302
    assert response["Location"] == "/news/lisbon-plant/"


def test_an_editor_may_end_a_link_sooner_but_not_later(editor_client, mailoutbox):
    piece = release(days=2)
    tomorrow = timezone.localtime() + timedelta(days=1)
    share(
        editor_client,
        piece,
        expires_at_0=tomorrow.strftime("%Y-%m-%d"),
        expires_at_1=tomorrow.strftime("%H:%M:%S"),
    )
    share(
        editor_client,
        piece,
        email="late@ledger.test",
        expires_at_0=(tomorrow + timedelta(days=5)).strftime("%Y-%m-%d"),
        expires_at_1="09:00:00",
    )

    soon, late = (
        PressAccess.objects.get(journalist__email=email).expires_at
        for email in ("rosa@ledger.test", "late@ledger.test")
    )
    assert abs(soon - tomorrow) < timedelta(seconds=1)
    assert late == piece.embargoed_until


def test_journalists_are_remembered_by_email_address(editor_client, mailoutbox):
    piece = release()
    share(editor_client, piece)
    share(editor_client, piece, name="Rosa Márquez", email="ROSA@ledger.test")

    (journalist,) = Journalist.objects.all()
    assert journalist.name == "Rosa Márquez"
    assert piece.press_access.count() == 2


def test_only_a_piece_under_embargo_is_shared(editor_client, mailoutbox):
    piece = ArticleFactory(slug="already-out")

    response = share(editor_client, piece)

    assert response.status_code == 302
    assert PressAccess.objects.count() == 0
    assert mailoutbox == []
    follow = editor_client.get(response["Location"])
    assert "Only a piece under embargo is shared" in follow.content.decode()


def test_bad_input_shares_nothing_and_says_why(editor_client, mailoutbox):
    piece = release()

    response = share(editor_client, piece, email="not an address\r\nBcc: x@evil.test")

    assert PressAccess.objects.count() == 0
    assert Journalist.objects.count() == 0
    assert mailoutbox == []
    assert "Enter a valid email address" in editor_client.get(response["Location"]).content.decode()


def test_a_link_ending_at_a_time_the_clocks_repeat_is_refused_saying_so(
    editor_client, mailoutbox, settings
):
    settings.TIME_ZONE = "Europe/London"
    piece = release(days=(date(2031, 1, 1) - timezone.localdate()).days)

    response = share(editor_client, piece, expires_at_0="2030-10-27", expires_at_1="01:30:00")

    assert PressAccess.objects.count() == 0
    assert mailoutbox == []
    assert (
        "Nothing was shared: 01:30 happens twice on Oct 27, 2030 in Europe/London"
        in editor_client.get(response["Location"]).content.decode()
    )


def test_contributors_cannot_share_revoke_lift_or_set_an_embargo(
    editor_client, contributor_client, contributor, mailoutbox
):
    piece = release()
    share(editor_client, piece)
    shared = PressAccess.objects.get()

    assert share(contributor_client, piece, email="mole@rival.test").status_code == 403
    assert contributor_client.post(REVOKE.format(piece.pk, shared.pk)).status_code == 403
    assert contributor_client.post(LIFT.format(piece.pk)).status_code == 403
    # Their own draft: the form has no embargo field, and a forged one is ignored.
    own = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=contributor)
    form = contributor_client.get(CHANGE.format(own.pk))
    assert 'name="embargoed_until_0"' not in form.content.decode()
    from tests.admin_forms import form_data

    forged = form_data(form, embargoed_until_0="2031-01-01", embargoed_until_1="09:00:00")
    contributor_client.post(CHANGE.format(own.pk), forged)
    own.refresh_from_db()
    assert own.embargoed_until is None
    shared.refresh_from_db()
    assert shared.revoked_at is None
    assert PressAccess.objects.count() == 1
    assert len(mailoutbox) == 1


def test_forged_ids_find_nothing(editor_client, mailoutbox):
    piece, other = release(), release(headline="Other launch", slug="other-launch")
    share(editor_client, piece)
    shared = PressAccess.objects.get()

    assert editor_client.post(REVOKE.format(other.pk, shared.pk)).status_code == 404
    assert editor_client.post(SHARE.format(999999), {}).status_code == 404
    shared.refresh_from_db()
    assert shared.revoked_at is None


def test_withdrawing_the_piece_ends_every_link(editor_client, mailoutbox):
    piece = release()
    share(editor_client, piece)
    path = link_in(mailoutbox[0])
    assert Client().get(path).status_code == 200

    publishing.unpublish(Article.objects.get(pk=piece.pk))

    response = Client().get(path)
    assert response.status_code == 404
    assert "Lisbon plant" not in response.content.decode()
    page = editor_client.get(CHANGE.format(piece.pk)).content.decode()
    assert "Expired" in page
    assert path not in page
    # Nor is a withdrawn piece shared again, although its embargo's time is still to come.
    shared = share(editor_client, piece, email="sam@wire.test")
    assert (
        "Only a piece under embargo is shared"
        in editor_client.get(shared["Location"]).content.decode()
    )
    assert PressAccess.objects.count() == 1


@pytest.mark.parametrize("again", ["published", "embargoed anew"])
def test_a_link_ended_by_withdrawal_stays_ended_when_the_piece_runs_again(
    editor_client, mailoutbox, again
):
    piece = release(days=3)
    share(editor_client, piece)
    path = link_in(mailoutbox[0])
    publishing.unpublish(Article.objects.get(pk=piece.pk))

    piece = Article.objects.get(pk=piece.pk)
    if again == "published":  # the embargo's time is still set: it holds the piece again
        publishing.publish(piece)
    else:
        publishing.embargo(piece, until=timezone.now() + timedelta(days=1))

    assert Article.objects.get(pk=piece.pk).is_embargoed
    assert PressAccess.objects.get().state == "Expired"
    assert Client().get(path).status_code == 404


def test_lifting_the_embargo_publishes_now(editor_client):
    piece = release()

    response = editor_client.post(LIFT.format(piece.pk))

    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.embargoed_until is None
    assert Client().get("/news/lisbon-plant/").status_code == 200


def test_the_editor_sets_an_embargo_on_the_change_form(editor_client):
    from tests.admin_forms import form_data

    piece = ArticleFactory(status=Article.Status.DRAFT, published_at=None, slug="launch")
    until = timezone.localtime() + timedelta(days=3)
    form = editor_client.get(CHANGE.format(piece.pk))
    data = form_data(
        form,
        _publish="Publish now",
        embargoed_until_0=until.strftime("%Y-%m-%d"),
        embargoed_until_1="09:00:00",
    )

    response = editor_client.post(CHANGE.format(piece.pk), data)

    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.published_at == piece.embargoed_until
    assert piece.is_embargoed
    assert Client().get("/news/launch/").status_code == 404
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert "Embargoed until " in listing


def nine_oclock(days: int):
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )


def move_embargo(client, piece, to) -> None:
    saved(
        client,
        CHANGE.format(piece.pk),
        embargoed_until_0=to.strftime("%Y-%m-%d"),
        embargoed_until_1=to.strftime("%H:%M:%S"),
    )


@pytest.mark.parametrize("days", [-1, 1], ids=["forward", "back"])
def test_a_moved_embargo_runs_the_piece_at_the_new_embargo(editor_client, days):
    piece = release(days=3)
    first = nine_oclock(days=3)
    publishing.embargo(piece, until=first)

    # The partner moved the announcement a day: the editor changes the embargo.
    moved = first + timedelta(days=days)
    move_embargo(editor_client, piece, moved)

    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (moved, moved)
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert f"Embargoed until {display_datetime(moved)}<" in listing


def test_a_piece_scheduled_after_its_embargo_keeps_its_own_time(editor_client):
    piece = release(days=3)
    runs = nine_oclock(days=5)
    publishing.publish(piece, at=runs)

    earlier = nine_oclock(days=2)
    move_embargo(editor_client, piece, earlier)

    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (earlier, runs)
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert f"Embargoed until {display_datetime(earlier)}, runs {display_datetime(runs)}" in listing


def test_hostile_names_are_shown_as_text(editor_client, mailoutbox):
    piece = release(headline="Launch <script>alert(1)</script>\nBcc: x@evil.test")
    share(editor_client, piece, name="<img src=x onerror=alert(1)>", outlet="<b>Wire</b>")

    (message,) = mailoutbox
    assert "\n" not in message.subject
    assert "<script>" not in message.alternatives[0][0]
    page = Client().get(link_in(message)).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    admin_page = editor_client.get(CHANGE.format(piece.pk)).content.decode()
    assert "<img src=x" not in admin_page
    assert "<b>Wire</b>" not in admin_page


def test_share_refuses_a_time_in_the_past():
    from django.core.exceptions import ValidationError

    piece = release()
    journalist = access.remember_journalist(name="Rosa", outlet="", email="rosa@ledger.test")

    with pytest.raises(ValidationError, match="in the future"):
        access.share(piece, journalist=journalist, expires_at=timezone.now() - timedelta(1))
    assert PressAccess.objects.count() == 0
