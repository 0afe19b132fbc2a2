"""Drafts before they run: staff at the article's address, outside reviewers by a signed link."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.workflow import links, previews
from tests.admin_forms import saved
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def assert_private(response):
    assert response["Cache-Control"] == PRIVATE
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


# Staff at the normal address.


def test_an_editor_sees_a_draft_at_its_address_with_a_banner(editor_client, draft):
    response = editor_client.get("/news/draft-op-ed/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: not published (draft)" in html
    assert "An op-ed awaiting sign-off" in html
    assert_private(response)


def test_the_articles_author_and_creator_see_it_but_other_contributors_do_not(draft):
    author_user = StaffFactory(group="Contributors")
    draft.bylines.update(author=AuthorFactory(user=author_user))
    creator = StaffFactory(group="Contributors")
    draft.created_by = creator
    draft.save()
    stranger = StaffFactory(group="Contributors")

    def status_for(user):
        browser = Client()
        browser.force_login(user)
        return browser.get("/news/draft-op-ed/").status_code

    assert status_for(author_user) == 200
    assert status_for(creator) == 200
    assert status_for(stranger) == 404


def test_readers_get_404_for_a_draft_and_public_pages_are_not_marked_private(client, draft):
    assert client.get("/news/draft-op-ed/").status_code == 404

    ArticleFactory(slug="live")
    response = client.get("/news/live/")
    assert "public" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert "X-Robots-Tag" not in response


def test_a_scheduled_piece_says_when_it_runs(editor_client):
    ArticleFactory(slug="later", published_at=timezone.now() + timedelta(days=1))

    html = editor_client.get("/news/later/").content.decode()

    assert "Preview: scheduled for" in html


# Links for reviewers without an account.


def test_a_valid_link_shows_the_draft_privately_and_counts_the_view(client, link):
    response = client.get(previews.url_for(link))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This private preview is for Dana Whitfield." in html
    assert "Approve this version" in html
    assert_private(response)
    assert response["Referrer-Policy"] == "same-origin"
    link.refresh_from_db()
    assert link.view_count == 1
    assert link.last_viewed_at is not None


def test_a_link_expires_after_seven_days_by_default(client, draft):
    now = timezone.now()
    fresh = previews.create_link(article=draft, reviewer="Dana", now=now)
    almost = previews.create_link(article=draft, reviewer="Dana", now=now - timedelta(days=6.9))
    expired = previews.create_link(article=draft, reviewer="Dana", now=now - timedelta(days=7))

    assert fresh.expires_at == now + timedelta(days=7)
    assert client.get(previews.url_for(almost)).status_code == 200
    assert client.get(previews.url_for(expired)).status_code == 404
    assert expired.state == "Expired"


def test_a_revoked_link_stops_working(client, link):
    url = previews.url_for(link)
    previews.revoke(link)

    assert client.get(url).status_code == 404


def test_a_tampered_token_is_refused(client, link):
    url = previews.url_for(link)
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged_payload = signing.dumps({"k": link.key, "a": link.article_id}, salt="other")

    assert client.get(url.replace(token, token[:-2] + "xx")).status_code == 404
    assert client.get(url.replace(token, forged_payload)).status_code == 404
    assert client.get(url.replace(token, "not-a-token")).status_code == 404


def test_a_link_for_one_article_never_reaches_another(client, link):
    other = ArticleFactory(
        slug="other-piece", headline="Another draft", status="draft", published_at=None
    )
    published = ArticleFactory(slug="published-piece", headline="A published piece")
    token = previews.token_for(link)

    # The token alone names the piece: under any other slug it leads back to its own address,
    # whether or not that slug is another piece's (which it therefore never tells).
    for slug in [other.slug, published.slug, "no-such-piece"]:
        response = client.get(f"/news/{slug}/preview/{token}/", follow=True)
        assert response.redirect_chain == [(previews.url_for(link), 302)]
        html = response.content.decode()
        assert "An op-ed awaiting sign-off" in html
        assert "Another draft" not in html
        assert "A published piece" not in html


def test_a_sent_link_follows_the_draft_when_its_headline_is_fixed(
    editor_client, editor, client, moving_draft
):
    link = previews.create_link(article=moving_draft, reviewer="Dana Whitfield", created_by=editor)
    sent = previews.url_for(link)  # the address the reviewer was emailed
    change = f"/admin/articles/article/{moving_draft.pk}/change/"

    saved(editor_client, change, headline="Op-ed awaiting sign-off from Dana")
    link.refresh_from_db()
    moved = previews.url_for(link)
    assert moved == f"/news/op-ed-awaiting-sign-off-from-dana/preview/{previews.token_for(link)}/"

    response = client.get(sent)
    assert response.status_code == 302
    assert response["Location"] == moved
    for header, value in links.PRIVATE_HEADERS.items():
        assert response[header] == value
    page = client.get(moved)
    assert page.status_code == 200
    assert "Op-ed awaiting sign-off from Dana" in page.content.decode()
    assert_private(page)
    link.refresh_from_db()
    assert link.view_count == 1  # the visit, not the redirect on the way
    assert "Active" in editor_client.get(change).content.decode()


def test_a_bad_link_at_a_drafts_former_address_is_a_404_like_any_other(
    client, contributor_client, editor_client, moving_draft
):
    now = timezone.now()
    active = previews.create_link(article=moving_draft, reviewer="Dana")
    revoked = previews.create_link(article=moving_draft, reviewer="Dana")
    previews.revoke(revoked)
    expired = previews.create_link(article=moving_draft, reviewer="Dana", now=now - timedelta(8))
    other_salt = signing.Signer(salt="other").sign_object(
        {"k": active.key, "a": moving_draft.pk}, compress=True
    )
    tokens = [
        previews.token_for(revoked),
        previews.token_for(expired),
        previews.token_for(active)[:-2] + "xx",
        other_salt,
        "not-a-token",
    ]
    moving_draft.headline = "A new headline for the op-ed"
    moving_draft.save()
    assert moving_draft.slug == "a-new-headline-for-the-op-ed"

    # Anonymous, or signed in as someone who may not see the draft, or as its editor: the
    # answer is the one a made-up link gets, and never names the draft's new address.
    for browser in [client, contributor_client, editor_client]:
        nothing = browser.get("/news/op-ed-awaiting-sign-off/preview/not-a-token/")
        assert nothing.status_code == 404
        for token in tokens:
            response = browser.get(f"/news/op-ed-awaiting-sign-off/preview/{token}/")
            assert response.status_code == 404
            assert response.content == nothing.content
            assert response["Cache-Control"] == nothing["Cache-Control"]
            assert "Location" not in response
            assert "a-new-headline" not in response.content.decode()


def test_a_guessed_key_without_the_signature_is_refused(client, link):
    unsigned = f"/news/draft-op-ed/preview/{link.key}/"

    assert client.get(unsigned).status_code == 404
