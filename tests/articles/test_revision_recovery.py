"""A deleted piece recovered from its history comes back off the site, to be published
deliberately: one that ran comes back unpublished with its first publication time (still a piece
that has run: a later rename leaves a redirect), one scheduled or under embargo a draft with its
embargo still in the box, judged as the piece stood when it was deleted. The recover page says so
before saving, and the message after."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.messages import get_messages
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, DeletedVersion, SlugRedirect
from newsroom.dates import display_datetime
from tests.admin_forms import form_data
from tests.factories import ArticleFactory
from tests.hostile import database_snapshot

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"


def deleted(**fields) -> tuple[int, str]:
    """A piece kept in a revision, then deleted: its id and its recover page."""
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan", **fields)
    with reversion.create_revision():
        article.save()
    pk = article.pk
    article.delete()
    (version,) = Version.objects.get_deleted(Article)
    return pk, f"/admin/articles/article/recover/{version.pk}/"


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def button_names(response) -> list[str]:
    return [button.name for button in response.context["publishing"]["buttons"]]


def test_a_live_piece_recovered_comes_back_unpublished_with_its_date(editor_client, client):
    ran = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    pk, url = deleted(published_at=ran)

    shown = editor_client.get(url)

    assert shown.status_code == 200
    assert (
        f"This piece was live since {display_datetime(ran)} when it was deleted. It comes back "
        "unpublished: readers see it again only once you publish it."
    ) in messages_of(shown)
    assert button_names(shown) == ["_continue", "_publish"]

    response = editor_client.post(url, form_data(shown, _continue="Save"))

    assert response.status_code == 302
    assert response["Location"] == CHANGE.format(pk)
    assert (
        "“Harbour plan” is recovered, unpublished: readers see it again only once you publish it."
    ) in messages_of(response)
    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("unpublished", ran)
    assert client.get("/news/harbour-plan/").status_code == 404
    assert editor_client.get(response["Location"]).status_code == 200

    # Still a piece that has run: renamed, its address leads to it once it runs again.
    recovered.slug = "harbour-plan-approved"
    recovered.save()
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["harbour-plan"]
    published = editor_client.post(
        CHANGE.format(pk), form_data(editor_client.get(CHANGE.format(pk)), _publish="")
    )
    assert published.status_code == 302
    assert Article.objects.get(pk=pk).published_at == ran
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-approved/"


@pytest.mark.parametrize("embargoed", [False, True], ids=["scheduled", "embargoed"])
def test_a_scheduled_piece_recovered_comes_back_a_draft(editor_client, client, embargoed):
    due = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    fields = {"published_at": due, "embargoed_until": due if embargoed else None}
    pk, url = deleted(**fields)

    shown = editor_client.get(url)

    was = f"embargoed until {display_datetime(due)}" if embargoed else "scheduled for"
    assert f"This piece was {was}" in messages_of(shown)
    assert "It comes back a draft: readers see it only once you publish it." in (messages_of(shown))
    response = editor_client.post(url, form_data(shown))

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("draft", None)
    # The embargo stays in the box: publishing the piece holds it to it.
    assert recovered.embargoed_until == fields["embargoed_until"]
    assert client.get("/news/harbour-plan/").status_code == 404


@pytest.mark.parametrize("embargoed", [False, True], ids=["scheduled", "embargoed"])
def test_a_piece_deleted_before_its_time_and_recovered_after_it_comes_back_a_draft(
    editor, editor_client, client, clock, embargoed
):
    """Readers never saw it: its time passing while it was deleted does not make it a piece
    that ran, and publishing it again dates it from then, not from the time it never ran at."""
    due = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    pk, url = deleted(published_at=due, embargoed_until=due if embargoed else None)
    clock.move(timedelta(days=3))
    editor_client.force_login(editor)  # three days idle: the sign-in has ended

    shown = editor_client.get(url)

    was = "embargoed until" if embargoed else "scheduled for"
    assert (
        f"This piece was {was} {display_datetime(due)} when it was deleted. It comes back a "
        "draft: readers see it only once you publish it."
    ) in messages_of(shown)
    assert "live since" not in messages_of(shown)
    response = editor_client.post(url, form_data(shown, _continue="Save"))

    assert response.status_code == 302
    assert "“Harbour plan” is recovered, a draft: readers see it only once you publish it." in (
        messages_of(response)
    )
    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("draft", None)
    assert client.get("/news/harbour-plan/").status_code == 404
    published = editor_client.post(
        CHANGE.format(pk), form_data(editor_client.get(CHANGE.format(pk)), _publish="")
    )
    assert published.status_code == 302
    assert Article.objects.get(pk=pk).published_at > due + timedelta(days=2)


def test_a_piece_deleted_before_its_time_and_recovered_from_code_after_it_is_a_draft(clock):
    due = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    pk, _ = deleted(published_at=due)
    clock.move(timedelta(days=3))

    Version.objects.get_deleted(Article).get().revision.revert()

    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("draft", None)


def test_a_piece_deleted_with_no_time_noted_is_judged_when_it_is_recovered(
    editor, editor_client, clock
):
    """Pieces deleted before deletion times were kept: whether one ran is judged on recovery,
    so one whose time has passed by then comes back unpublished."""
    due = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    pk, url = deleted(published_at=due)
    DeletedVersion.objects.update(deleted_at=None)
    clock.move(timedelta(days=3))
    editor_client.force_login(editor)  # three days idle: the sign-in has ended

    shown = editor_client.get(url)

    assert f"This piece was live since {display_datetime(due)} when it was deleted." in (
        messages_of(shown)
    )
    assert editor_client.post(url, form_data(shown)).status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("unpublished", due)


def test_a_draft_recovered_comes_back_as_it_was(editor_client):
    pk, url = deleted(status="draft", published_at=None)

    shown = editor_client.get(url)

    assert "It comes back as it was when it was deleted: draft." in messages_of(shown)
    assert editor_client.post(url, form_data(shown)).status_code == 302
    assert Article.objects.get(pk=pk).status == "draft"


def test_a_live_piece_recovered_from_code_comes_back_unpublished(client):
    ran = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    pk, _ = deleted(published_at=ran)

    Version.objects.get_deleted(Article).get().revision.revert()

    recovered = Article.objects.get(pk=pk)
    assert (recovered.status, recovered.published_at) == ("unpublished", ran)
    assert client.get("/news/harbour-plan/").status_code == 404


def test_recovering_and_publishing_at_once_is_a_deliberate_choice(editor_client, client):
    ran = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    pk, url = deleted(published_at=ran)

    response = editor_client.post(url, form_data(editor_client.get(url), _publish=""))

    assert response.status_code == 302
    assert f"“Harbour plan” is recovered, live since {display_datetime(ran)}." in (
        messages_of(response)
    )
    assert client.get("/news/harbour-plan/").context["article"].pk == pk


def test_a_contributor_cannot_recover_a_piece_whose_time_passed_while_it_was_deleted(
    contributor, contributor_client, editor, editor_client, clock
):
    due = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    pk, url = deleted(created_by=contributor, published_at=due)
    clock.move(timedelta(days=3))
    for user, browser in ((editor, editor_client), (contributor, contributor_client)):
        browser.force_login(user)  # three days idle: the sign-ins have ended
    forged = form_data(editor_client.get(url), _publish="")
    before = database_snapshot()

    assert contributor_client.get(url).status_code == 403
    assert contributor_client.post(url, forged).status_code == 403

    assert database_snapshot() == before
    assert not Article.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("button", ["_continue", "_publish"])
def test_a_contributor_cannot_recover_or_publish_with_forged_ids(
    contributor, contributor_client, editor_client, button
):
    pk, url = deleted(created_by=contributor)
    forged = form_data(editor_client.get(url), **{button: ""})
    made_up = url.replace("/recover/", "/recover/9").rstrip("/") + "0/"
    before = database_snapshot()

    for address in (url, made_up):
        assert contributor_client.post(address, forged).status_code == 403, address
    assert contributor_client.get(url).status_code == 403
    # The piece's own page: there is none while it is deleted (a forged "Publish now" is
    # refused before that is looked up).
    assert contributor_client.post(CHANGE.format(pk), forged).status_code in (302, 403)

    assert database_snapshot() == before
    assert not Article.objects.filter(pk=pk).exists()
