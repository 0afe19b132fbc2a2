"""Drafts before they run: staff at the article's address, outside reviewers by a signed link."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.models import Article, PreviewLink
from articles.workflow import links, previews
from tests.admin_forms import saved
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


@pytest.fixture
def draft():
    return ArticleFactory(
        slug="draft-op-ed", headline="An op-ed awaiting sign-off", status="draft", published_at=None
    )


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


@pytest.fixture
def link(draft, editor):
    return previews.create_link(article=draft, reviewer="Dana Whitfield", created_by=editor)


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


@pytest.fixture
def moving_draft():
    """A draft whose slug follows its headline, as every new piece's does."""
    return ArticleFactory(
        headline="Op-ed awaiting sign-off",
        slug="op-ed-awaiting-sign-off",
        status="draft",
        published_at=None,
    )


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


# The admin side.


def test_an_editor_makes_a_link_and_sees_views_and_approvals(editor_client, draft, client):
    change = f"/admin/articles/article/{draft.pk}/change/"

    response = editor_client.post(
        f"/admin/articles/article/{draft.pk}/preview-links/",
        {"reviewer": "Dana Whitfield", "days": "3"},
    )

    assert response.status_code == 302
    link = draft.preview_links.get()
    assert link.expires_at - link.created_at == timedelta(days=3)
    client.get(previews.url_for(link))
    previews.approve(link, version=link.article.version, note="Ship it")

    html = editor_client.get(change).content.decode()
    assert "Sign-off previews" in html
    assert "Dana Whitfield" in html
    assert previews.token_for(link) in html
    assert "Approved" in html
    assert "“Ship it”" in html
    assert "<td>1, last" in html


def test_an_editor_revokes_a_link(editor_client, link, client):
    response = editor_client.post(
        f"/admin/articles/article/{link.article_id}/preview-links/{link.pk}/revoke/"
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert (
        "Revoked"
        in editor_client.get(f"/admin/articles/article/{link.article_id}/change/").content.decode()
    )


def test_contributors_cannot_make_or_revoke_links(contributor_client, contributor, link):
    own = ArticleFactory(status="draft", published_at=None, created_by=contributor)

    made = contributor_client.post(
        f"/admin/articles/article/{own.pk}/preview-links/", {"reviewer": "X", "days": "7"}
    )
    revoked = contributor_client.post(
        f"/admin/articles/article/{link.article_id}/preview-links/{link.pk}/revoke/"
    )

    assert (made.status_code, revoked.status_code) == (403, 403)
    assert not own.preview_links.exists()
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_refused_link_tells_no_one_which_article_ids_exist(contributor_client, link):
    data = {"reviewer": "X", "days": "7"}

    existing = contributor_client.post(
        f"/admin/articles/article/{link.article_id}/preview-links/", data
    )
    missing = contributor_client.post(
        f"/admin/articles/article/{link.article_id + 1000}/preview-links/", data
    )

    assert existing.status_code == missing.status_code == 403
    assert PreviewLink.objects.count() == 1


def test_an_editor_making_a_link_for_no_article_gets_a_404(editor_client):
    response = editor_client.post(
        "/admin/articles/article/999999/preview-links/", {"reviewer": "X", "days": "7"}
    )

    assert response.status_code == 404
    assert not PreviewLink.objects.exists()


def test_a_contributor_sees_who_reviews_their_piece_but_never_the_links(
    contributor_client, contributor, editor
):
    own = ArticleFactory(status="in-review", published_at=None, created_by=contributor)
    active = previews.create_link(article=own, reviewer="Dana Whitfield", created_by=editor)

    response = contributor_client.get(f"/admin/articles/article/{own.pk}/change/")

    html = response.content.decode()
    assert "Dana Whitfield" in html
    assert previews.token_for(active) not in html
    assert previews.url_for(active) not in html
    assert all(url == "" for _, url in response.context["preview_links"])


def test_making_a_link_needs_a_post_and_a_reviewer(editor_client, draft):
    url = f"/admin/articles/article/{draft.pk}/preview-links/"

    assert editor_client.get(url).status_code == 405
    response = editor_client.post(url, {"reviewer": "", "days": "500"}, follow=True)

    assert "No link was made" in response.content.decode()
    assert not draft.preview_links.exists()


def test_view_on_site_offers_the_preview_only_to_those_who_may_see_it(
    editor_client, contributor_client, draft
):
    url = f"/admin/articles/article/{draft.pk}/change/"

    assert editor_client.get(url).context["has_absolute_url"]
    # Someone else's draft is not in a contributor's admin at all.
    assert contributor_client.get(url).status_code == 302
