"""A reviewer's approval through their link: it records the version they read, and asks again
when the piece changed under them."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.workflow import previews
from tests.admin_forms import saved
from tests.articles.workflow.test_previews import PRIVATE, assert_private

pytestmark = pytest.mark.django_db


def shown_version(response) -> str:
    """The version of the piece the reviewer's page showed, as its approval form sends it."""
    return re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)


def test_the_reviewer_approves_with_a_post_carrying_csrf(link):
    browser = Client(enforce_csrf_checks=True)
    url = previews.url_for(link)
    page = browser.get(url, secure=True).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)

    assert browser.post(url, {"note": "Looks right.", "version": version}).status_code == 403
    # As a browser sends it over HTTPS under the page's same-origin referrer policy.
    response = browser.post(
        url,
        {"note": "Looks right.", "version": version, "csrfmiddlewaretoken": csrf},
        secure=True,
        headers={"Origin": "https://testserver", "Referer": f"https://testserver{url}"},
    )

    assert response.status_code == 303
    assert response["Cache-Control"] == PRIVATE
    link.refresh_from_db()
    assert link.approved_at is not None
    assert link.approved_version == link.article.version
    assert link.approval_note == "Looks right."
    assert "You approved this version" in browser.get(url, secure=True).content.decode()


def test_an_approval_of_an_earlier_version_asks_again_after_a_change(client, link):
    previews.approve(link, version=link.article.version)
    link.article.headline = "A sharper headline"
    link.article.save()

    html = client.get(previews.url_for(link)).content.decode()

    assert "You approved an earlier version" in html
    assert "Approve this version" in html


def test_approving_through_an_expired_link_is_refused(client, draft):
    link = previews.create_link(
        article=draft, reviewer="Dana", now=timezone.now() - timedelta(days=8)
    )

    assert client.post(previews.url_for(link), {"note": "", "version": "1"}).status_code == 404
    link.refresh_from_db()
    assert link.approved_at is None


CHANGED = "This piece changed while you were reading it: read it again and approve this version."


def test_an_approval_records_the_version_the_reviewer_read_not_a_later_edit(
    editor_client, client, link
):
    url = previews.url_for(link)
    change = f"/admin/articles/article/{link.article_id}/change/"
    page = client.get(url)  # Dana reads the draft...
    read = shown_version(page)
    assert read == str(link.article.version)

    # ...meanwhile the editor rewrites the text...
    saved(editor_client, change, body="<p>A completely different argument.</p>")

    # ...and Dana presses "Approve this version" on the page she read: nothing is recorded,
    # and the page shows her the text as it is now, with her note kept.
    response = client.post(url, {"note": "Looks right.", "version": read})

    assert response.status_code == 200
    html = response.content.decode()
    assert CHANGED in html
    assert "A completely different argument." in html
    assert "Looks right.</textarea>" in html
    assert_private(response)
    link.refresh_from_db()
    assert (link.approved_at, link.approved_version, link.approval_note) == (None, None, "")
    assert "Not yet" in editor_client.get(change).content.decode()

    # Approving the text she was shown then records that version.
    now = shown_version(response)
    assert now == str(Article.objects.get(pk=link.article_id).version) != read
    again = client.post(url, {"note": "Looks right.", "version": now})

    assert again.status_code == 303
    assert again["Location"] == url
    link.refresh_from_db()
    assert (link.approved_version, link.approval_note) == (int(now), "Looks right.")
    admin_page = editor_client.get(change).content.decode()
    assert "Approved" in admin_page
    assert "changed since" not in admin_page


def test_an_approval_from_a_page_read_before_the_headline_changed_is_asked_again(
    editor_client, client, editor, moving_draft
):
    link = previews.create_link(article=moving_draft, reviewer="Dana Whitfield", created_by=editor)
    sent = previews.url_for(link)
    read = shown_version(client.get(sent))
    moving_draft.headline = "Op-ed awaiting sign-off from Dana"
    moving_draft.save()

    # The page she read posts to the address it was loaded from.
    response = client.post(sent, {"note": "Fine by me.", "version": read})

    assert response.status_code == 200
    html = response.content.decode()
    assert CHANGED in html
    assert "Op-ed awaiting sign-off from Dana" in html
    link.refresh_from_db()
    assert link.approved_at is None

    again = client.post(sent, {"note": "Fine by me.", "version": shown_version(response)})

    assert again.status_code == 303
    assert again["Location"] == previews.url_for(link)  # the piece's address now
    link.refresh_from_db()
    assert link.approved_version == Article.objects.get(pk=moving_draft.pk).version


def test_an_approval_with_a_missing_or_made_up_version_records_nothing(
    client, contributor_client, editor_client, link
):
    url = previews.url_for(link)
    current = link.article.version
    forms = [
        {"note": "Forged"},
        *({"note": "Forged", "version": version} for version in ["", "0", "-1", "x", "1e3"]),
        {"note": "Forged", "version": str(current - 1)},
        {"note": "Forged", "version": str(current + 1)},
    ]

    for browser in [client, contributor_client, editor_client]:
        for data in forms:
            response = browser.post(url, data)
            assert response.status_code == 200, data
            assert "Approve this version" in response.content.decode()
    # A forged or revoked token approves nothing, even with the version the link shows.
    revoked = previews.create_link(article=link.article, reviewer="Dana")
    previews.revoke(revoked)
    token = previews.token_for(link)
    for address in [url.replace(token, token[:-2] + "xx"), previews.url_for(revoked)]:
        for browser in [client, contributor_client]:
            assert browser.post(address, {"version": str(current)}).status_code == 404

    link.refresh_from_db()
    revoked.refresh_from_db()
    assert (link.approved_at, link.approved_version, link.approval_note) == (None, None, "")
    assert revoked.approved_at is None
