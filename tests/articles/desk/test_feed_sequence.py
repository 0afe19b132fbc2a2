"""A calendar event's SEQUENCE never goes down for its UID, even when its piece is put back
from its history: calendar apps ignore an event whose SEQUENCE is lower than one they saw."""

import pytest
import reversion
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import form_data
from tests.articles.desk.test_feed import SOON, events, feed_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/"


@pytest.fixture
def launch():
    """A scheduled release with two revisions, saved since in code outside any revision (as
    some changes are), so its version is past the one its revisions hold."""
    piece = ArticleFactory(headline="Launch day", kind="press-release", published_at=SOON)
    for dek in ["We launch.", "We launch on time."]:
        piece.dek = dek
        with reversion.create_revision():
            piece.save()
    for _ in range(3):
        piece.save()
    return piece


def the_event(url: str) -> dict:
    (event,) = [e for name, e in events(Client().get(url)).items() if "Launch day" in name]
    return event


def put_back(client, url: str, **changes) -> None:
    """Submit the admin's recover or revision form at `url`, as an editor does."""
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.status_code


# A recovered piece comes back off the site: scheduled again for its time, deliberately.
SCHEDULED_AGAIN = {
    "_schedule": "",
    "schedule_at": timezone.localtime(SOON).strftime("%Y-%m-%dT%H:%M"),
}


def delete(client, piece) -> Version:
    """Delete `piece` in the admin, as an editor does; the revision the recover list offers."""
    response = client.post(CHANGE.format(piece.pk) + "delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=piece.pk).exists()
    (deleted,) = Version.objects.get_deleted(Article)
    return deleted


def test_a_deleted_piece_recovered_has_a_higher_sequence_than_it_ever_had(editor_client, launch):
    url = feed_url(editor_client)
    before = the_event(url)
    deleted = delete(editor_client, launch)
    assert "Launch day" not in Client().get(url).content.decode()

    put_back(editor_client, f"/admin/articles/article/recover/{deleted.pk}/", **SCHEDULED_AGAIN)

    after = the_event(url)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["DESCRIPTION"]) == "We launch on time."


def test_a_recovery_refused_or_at_a_made_up_address_changes_nothing(
    editor_client, contributor_client, launch
):
    deleted = delete(editor_client, launch)
    recover = f"/admin/articles/article/recover/{deleted.pk}/"

    assert contributor_client.get(recover).status_code == 403
    assert contributor_client.post(recover, {"headline": "Mine now"}).status_code == 403
    for made_up in [deleted.pk + 1000, 0]:
        response = editor_client.post(f"/admin/articles/article/recover/{made_up}/", {})
        assert response.status_code == 404
    # Not a number: no recover page at all; the admin sends the editor home.
    assert editor_client.get("/admin/articles/article/recover/x/").status_code == 302
    assert not Article.objects.filter(pk=launch.pk).exists()

    put_back(editor_client, recover)
    # Written back from its history, then saved through the form: two writes past its last.
    assert Article.objects.get(pk=launch.pk).version == launch.version + 2


def test_a_piece_put_back_to_an_older_revision_has_a_higher_sequence(editor_client, launch):
    url = feed_url(editor_client)
    before = the_event(url)
    oldest = Version.objects.get_for_object(launch).order_by("pk").first()

    put_back(editor_client, CHANGE.format(launch.pk) + f"history/{oldest.pk}/")

    after = the_event(url)
    assert str(after["DESCRIPTION"]) == "We launch."
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_a_piece_deleted_twice_and_recovered_keeps_climbing(editor_client, launch):
    url = feed_url(editor_client)
    seen = [the_event(url)["SEQUENCE"]]
    for _ in range(2):
        deleted = delete(editor_client, launch)
        put_back(editor_client, f"/admin/articles/article/recover/{deleted.pk}/", **SCHEDULED_AGAIN)
        seen.append(the_event(url)["SEQUENCE"])

    assert seen == sorted(set(seen))
