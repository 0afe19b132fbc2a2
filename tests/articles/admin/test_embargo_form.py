"""The embargo box on the change form follows the embargo's rules: a time still to come, on a
piece not yet out; emptying it lifts the embargo as the "Lift the embargo" button does."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from articles.workflow import publishing
from newsroom.dates import display_datetime
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"
PAST_EMBARGO = "An embargo ends in the future: choose a later time."
LIFTED = "The embargo is lifted: the piece is public now."


def release(*, days=2, **fields) -> Article:
    piece = ArticleFactory(
        headline="Zephyrcorp opens its Lisbon plant",
        slug="lisbon-plant",
        kind=Article.Kind.PRESS_RELEASE,
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[AuthorFactory()],
        **fields,
    )
    return publishing.embargo(piece, until=timezone.now() + timedelta(days=days))


def embargo_fields(moment) -> dict:
    local = timezone.localtime(moment)
    return {
        "embargoed_until_0": local.strftime("%Y-%m-%d"),
        "embargoed_until_1": local.strftime("%H:%M:%S"),
    }


def post_change(client, piece, **changes):
    url = CHANGE.format(piece.pk)
    return client.post(url, form_data(client.get(url), **changes))


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# A past embargo.


def test_a_past_embargo_is_refused_on_the_field_and_keeps_what_was_typed(editor_client):
    piece = release()
    stored = Article.objects.get(pk=piece.pk)
    an_hour_ago = timezone.now() - timedelta(hours=1)

    response = post_change(
        editor_client,
        piece,
        headline="Zephyrcorp opens its Porto plant",
        **embargo_fields(an_hour_ago),
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["embargoed_until"] == [PAST_EMBARGO]
    page = response.content.decode()
    assert 'value="Zephyrcorp opens its Porto plant"' in page
    assert timezone.localtime(an_hour_ago).strftime("%H:%M:%S") in page
    piece.refresh_from_db()
    assert (piece.headline, piece.embargoed_until, piece.published_at) == (
        stored.headline,
        stored.embargoed_until,
        stored.published_at,
    )
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_a_draft_is_not_given_a_past_embargo_either(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    response = post_change(
        editor_client, draft, **embargo_fields(timezone.now() - timedelta(days=1))
    )

    assert PAST_EMBARGO in errors_on(response)
    draft.refresh_from_db()
    assert draft.embargoed_until is None


def test_an_embargo_that_has_passed_does_not_stop_later_edits(editor_client):
    piece = release()
    moment = timezone.now() - timedelta(days=1)
    Article.objects.filter(pk=piece.pk).update(embargoed_until=moment, published_at=moment)

    response = post_change(editor_client, piece, dek="A corrected summary.")

    assert response.status_code == 302, errors_on(response)
    piece.refresh_from_db()
    assert piece.dek == "A corrected summary."
    assert piece.is_published


# Emptying the box.


def test_emptying_the_embargo_box_lifts_the_embargo_and_says_so(editor_client):
    piece = release()

    response = post_change(editor_client, piece, embargoed_until_0="", embargoed_until_1="")

    assert response.status_code == 302, errors_on(response)
    assert LIFTED in said(response)
    piece.refresh_from_db()
    assert piece.embargoed_until is None
    assert piece.is_published
    assert Client().get("/news/lisbon-plant/").status_code == 200
    latest = Version.objects.get_for_object(piece).order_by("-pk").first()
    assert latest.revision.comment.startswith("Embargo lifted: published.")


def test_emptying_the_box_of_a_piece_scheduled_after_its_embargo_keeps_its_time(editor_client):
    piece = release()
    runs = (timezone.now() + timedelta(days=4)).replace(microsecond=0)
    publishing.publish(piece, at=runs)

    response = post_change(editor_client, piece, embargoed_until_0="", embargoed_until_1="")

    assert response.status_code == 302, errors_on(response)
    assert LIFTED not in said(response)
    piece.refresh_from_db()
    assert (piece.embargoed_until, piece.published_at) == (None, runs)
    assert piece.is_scheduled


def test_emptying_the_box_while_cancelling_the_schedule_only_withdraws_it(editor_client):
    piece = release()

    response = post_change(
        editor_client, piece, embargoed_until_0="", embargoed_until_1="", _unpublish=""
    )

    assert response.status_code == 302, errors_on(response)
    assert LIFTED not in said(response)
    piece.refresh_from_db()
    assert (piece.status, piece.embargoed_until) == (Article.Status.UNPUBLISHED, None)
    assert Client().get("/news/lisbon-plant/").status_code == 404


def test_emptying_the_box_of_a_piece_that_cannot_run_keeps_the_embargo(editor_client):
    piece = release()
    # The byline went after the embargo was set: lifting it would publish a piece without one.
    piece.bylines.all().delete()

    response = post_change(editor_client, piece, embargoed_until_0="", embargoed_until_1="")

    piece.refresh_from_db()
    assert piece.is_embargoed
    assert piece.published_at == piece.embargoed_until
    assert Client().get("/news/lisbon-plant/").status_code == 404
    assert "at least one author" in errors_on(response)


def test_emptying_the_box_of_a_draft_just_empties_it(editor_client):
    draft = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        embargoed_until=timezone.now() + timedelta(days=2),
    )

    response = post_change(editor_client, draft, embargoed_until_0="", embargoed_until_1="")

    assert response.status_code == 302, errors_on(response)
    assert LIFTED not in said(response)
    draft.refresh_from_db()
    assert (draft.status, draft.embargoed_until) == (Article.Status.DRAFT, None)


def test_a_contributors_forged_emptied_box_lifts_nothing(contributor_client, contributor):
    piece = release(created_by=contributor)
    url = CHANGE.format(piece.pk)

    response = contributor_client.post(
        url, {"headline": piece.headline, "embargoed_until_0": "", "embargoed_until_1": ""}
    )

    assert response.status_code in (200, 403)
    piece.refresh_from_db()
    assert piece.is_embargoed
    assert Client().get("/news/lisbon-plant/").status_code == 404
    assert contributor_client.post(CHANGE.format(999999), {}).status_code in (302, 404)


def test_the_lift_button_refuses_other_roles_and_forged_ids(editor_client, contributor_client):
    piece = release()
    lift = "/admin/articles/article/{}/embargo/lift/"

    assert contributor_client.post(lift.format(piece.pk)).status_code == 403
    assert editor_client.post(lift.format(999999)).status_code == 404
    piece.refresh_from_db()
    assert piece.is_embargoed


# A piece already out.


def test_an_embargo_is_refused_on_a_piece_readers_already_see(editor_client):
    live = ArticleFactory(slug="live-piece")
    ran = live.published_at

    response = post_change(
        editor_client, live, **embargo_fields(timezone.now() + timedelta(days=2))
    )

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["embargoed_until"]
    assert error == (
        f"This piece has been public since {display_datetime(ran)}: an embargo can only hold "
        "a piece that is not out yet. To take it down, use “Unpublish”."
    )
    live.refresh_from_db()
    assert (live.embargoed_until, live.published_at) == (None, ran)
    assert Client().get("/news/live-piece/").status_code == 200


def test_the_workflow_refuses_to_embargo_a_piece_readers_already_see():
    from django.core.exceptions import ValidationError

    live = ArticleFactory()
    ran = live.published_at

    with pytest.raises(ValidationError, match="has been public since"):
        publishing.embargo(live, until=timezone.now() + timedelta(days=1))

    live.refresh_from_db()
    assert (live.embargoed_until, live.published_at) == (None, ran)


def test_a_scheduled_piece_may_still_be_put_under_embargo(editor_client):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    until = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    response = post_change(editor_client, scheduled, **embargo_fields(until))

    assert response.status_code == 302, errors_on(response)
    scheduled.refresh_from_db()
    assert scheduled.is_embargoed
    assert scheduled.published_at == scheduled.embargoed_until == until
