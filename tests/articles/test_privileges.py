"""A signed-in staff member without permissions reaches no admin page and no unpublished article."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import Article
from newsroom.models import SitePage
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """Staff flag set, no permissions granted: what a new contributor account starts as."""
    user = UserFactory(username="newcomer", is_staff=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def unpublished():
    """One article in each state readers may not see, each with its own author and tag."""
    states = {
        "draft": {"status": "draft", "published_at": None},
        "in-review": {"status": "in-review", "published_at": None},
        "unpublished": {"status": "unpublished"},
        "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
    }
    return {
        name: ArticleFactory(
            headline=f"Hidden {name} headline",
            slug=f"hidden-{name}",
            authors=[AuthorFactory(slug=f"hidden-author-{name}")],
            tag_names=[f"hidden-tag-{name}"],
            **fields,
        )
        for name, fields in states.items()
    }


def admin_urls(article, user) -> list[str]:
    other = UserFactory(username="someone-else")
    return [
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/article/add-cross-post/",
        "/admin/articles/article/add-cross-post/check/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/delete/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/author/",
        "/admin/articles/presscontact/",
        "/admin/articles/presscontact/add/",
        "/admin/articles/mediakititem/",
        "/admin/articles/mediakititem/add/",
        "/admin/articles/subscriber/",
        "/admin/newsroom/sitepage/",
        "/admin/newsroom/sitesettings/",
        "/admin/newsroom/sitesettings/1/history/",
        "/admin/taggit/tag/",
        "/admin/auth/user/",
        f"/admin/auth/user/{user.pk}/change/",
        f"/admin/auth/user/{other.pk}/change/",
        f"/admin/auth/user/{other.pk}/password/",
        "/admin/auth/group/add/",
        "/admin/axes/accessattempt/",
    ]


def test_the_admin_index_offers_a_staff_member_without_permissions_nothing(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert "You don’t have permission to view or edit anything." in response.content.decode()


def test_every_admin_page_is_forbidden_without_permissions(staff_client, unpublished):
    for url in admin_urls(unpublished["draft"], staff_client.user):
        assert staff_client.get(url).status_code == 403, url


def test_without_permissions_nothing_can_be_changed_or_granted(staff_client, unpublished):
    draft = unpublished["draft"]
    user = staff_client.user

    publish = staff_client.post(
        "/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    escalate = staff_client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"username": "newcomer", "is_superuser": "on", "is_staff": "on", "is_active": "on"},
    )
    cross_post = staff_client.post(
        "/admin/articles/article/add-cross-post/check/",
        {"state": "", "headline": "Pasted", "kind": "op-ed"},
    )

    assert publish.status_code == 403
    assert escalate.status_code == 403
    assert cross_post.status_code == 403
    assert list(Article.objects.filter(headline="Pasted")) == []
    draft.refresh_from_db()
    user.refresh_from_db()
    assert draft.status == "draft"
    assert not user.is_superuser
    assert not user.user_permissions.exists()


def test_a_view_only_permission_shows_articles_but_allows_no_change(staff_client, unpublished):
    staff_client.user.user_permissions.add(Permission.objects.get(codename="view_article"))
    draft = unpublished["draft"]

    assert staff_client.get("/admin/articles/article/").status_code == 200
    assert staff_client.get("/admin/articles/article/add/").status_code == 403
    response = staff_client.post(
        f"/admin/articles/article/{draft.pk}/change/",
        {"headline": "Changed", "status": "published"},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline == "Hidden draft headline"


@pytest.mark.parametrize("state", ["draft", "in-review", "unpublished", "scheduled"])
def test_a_signed_in_staff_member_cannot_read_an_unpublished_article_anywhere(
    staff_client, unpublished, state
):
    hidden = unpublished[state]
    author = hidden.bylines.get().author
    ArticleFactory(headline="Public headline", tag_names=["public"])

    for url in [
        hidden.get_absolute_url(),
        author.get_absolute_url(),
        f"/news/tags/hidden-tag-{state}/",
    ]:
        assert staff_client.get(url).status_code == 404, url
    for url in [
        "/news/",
        f"/news/?author={author.slug}",
        f"/news/?tag=hidden-tag-{state}",
        f"/news/?kind={hidden.kind}",
        "/news/tags/public/",
        "/news/search/?q=Hidden",
        "/news/feed/",
        "/news/atom/",
        "/news/feed.json",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
        "/sitemap-authors.xml",
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert f"Hidden {state} headline" not in response.content.decode(), url
        assert f"hidden-{state}" not in response.content.decode(), url


def test_a_signed_in_staff_member_cannot_read_a_draft_site_page(staff_client):
    SitePageFactory(title="Unannounced", slug="unannounced", status=SitePage.Status.DRAFT)

    assert staff_client.get("/unannounced/").status_code == 404
    assert "Unannounced" not in staff_client.get("/news/").content.decode()


def test_a_contributor_reads_no_one_elses_unpublished_article_at_any_public_url(
    contributor_client, unpublished
):
    for state, hidden in unpublished.items():
        author = hidden.bylines.get().author
        for url in [
            hidden.get_absolute_url(),
            author.get_absolute_url(),
            f"/news/tags/hidden-tag-{state}/",
        ]:
            assert contributor_client.get(url).status_code == 404, url
        listing = contributor_client.get(f"/news/?author={author.slug}").content.decode()
        assert f"Hidden {state} headline" not in listing
