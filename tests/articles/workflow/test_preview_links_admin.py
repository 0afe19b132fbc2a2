"""Preview links in the admin: editors make and revoke them and see views and approvals;
contributors see who reviews their piece, never the links."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission

from articles.models import PreviewLink
from articles.workflow import previews
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("article_id", ["999999", "99999999999999999999"])
def test_revoking_a_link_under_an_article_that_does_not_exist_is_a_404(
    editor_client, link, article_id
):
    response = editor_client.post(
        f"/admin/articles/article/{article_id}/preview-links/{link.pk}/revoke/"
    )

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_link_of_an_article_the_user_may_not_open_is_not_revoked(client, link):
    # Allowed to manage links, but not an editor: someone else's draft is not theirs to open.
    manager = UserFactory(username="links-only", is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_article", "view_previewlink", "change_previewlink"]
        )
    )
    client.force_login(manager)

    response = client.post(
        f"/admin/articles/article/{link.article_id}/preview-links/{link.pk}/revoke/"
    )

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
