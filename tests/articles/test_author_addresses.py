"""An author's former addresses keep working after their slug changes, as an article's do: their
page, each of their feeds and their entry in the API answer 301 to where they are now, once
readers have seen them there (a public piece carries their byline)."""

import pytest
import reversion
from reversion.models import Version

from articles.models import Author, AuthorRedirect
from newsroom.free_addresses import unique_slug
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.admin_forms import form_data, saved
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/author/{}/change/"
# Every address at an author's slug, as readers and feed readers follow them.
ADDRESSES = [
    "/news/authors/{}/",
    "/news/feed/authors/{}/",
    "/news/atom/authors/{}/",
    "/news/feed/authors/{}.json",
    "/api/v1/authors/{}/",
]


def rename(author: Author, slug: str) -> None:
    author.slug = slug
    author.save()


def former_addresses() -> dict[str, int]:
    return dict(AuthorRedirect.objects.values_list("old_slug", "author"))


def public_author(slug: str, **fields) -> Author:
    author = AuthorFactory(slug=slug, **fields)
    ArticleFactory(authors=[author])
    return author


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_each_former_address_answers_301_to_the_same_address_at_the_new_slug(client, pattern):
    author = public_author("dana-whitfield")
    rename(author, "dana-whitfield-ross")

    response = client.get(pattern.format("dana-whitfield"))

    assert response.status_code == 301
    assert response["Location"] == pattern.format("dana-whitfield-ross")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_a_redirect_is_kept_by_no_cache_as_an_articles_is(client, pattern):
    author = public_author("dana-whitfield")
    article = ArticleFactory(slug="first")
    rename(author, "dana-whitfield-ross")
    article.slug = "second"
    article.save()

    moved = client.get(pattern.format("dana-whitfield"))

    assert moved["Cache-Control"] == client.get("/news/first/")["Cache-Control"]
    assert "private" in moved["Cache-Control"]


def test_a_kept_copy_of_the_author_page_is_retired_by_the_rename(client):
    author = public_author("dana-whitfield")
    client.get("/news/authors/dana-whitfield/")
    assert client.get("/news/authors/dana-whitfield/")[CACHE_STATUS_HEADER] == "hit"

    rename(author, "dana-whitfield-ross")

    assert client.get("/news/authors/dana-whitfield/").status_code == 301


def test_the_query_is_carried_on_as_an_articles_redirect_carries_it(client):
    author = public_author("dana-whitfield")
    rename(author, "dana-whitfield-ross")

    response = client.get("/news/authors/dana-whitfield/?page=2&utm_source=letter")

    assert response.status_code == 301
    assert response["Location"] == "/news/authors/dana-whitfield-ross/?page=2&utm_source=letter"


def test_the_api_entry_carries_the_query_on_too(client):
    author = public_author("dana-whitfield")
    rename(author, "dana-whitfield-ross")

    response = client.get("/api/v1/authors/dana-whitfield/?format=json")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/authors/dana-whitfield-ross/?format=json"


def test_two_renames_in_a_row_both_redirect_to_the_newest_in_one_hop(client):
    author = public_author("first")
    rename(author, "second")
    rename(author, "third")

    assert client.get("/news/authors/first/")["Location"] == "/news/authors/third/"
    assert client.get("/news/authors/second/")["Location"] == "/news/authors/third/"
    assert client.get("/news/feed/authors/first/")["Location"] == "/news/feed/authors/third/"


def test_renaming_back_removes_the_redirect_so_nothing_loops(client):
    author = public_author("first")
    rename(author, "second")
    rename(author, "first")

    assert client.get("/news/authors/first/").status_code == 200
    assert client.get("/news/authors/second/")["Location"] == "/news/authors/first/"
    assert former_addresses() == {"second": author.pk}


def test_an_author_only_drafts_show_leaves_no_former_address(client):
    author = AuthorFactory(slug="first")
    ArticleFactory(authors=[author], status="draft", published_at=None)
    rename(author, "second")

    assert former_addresses() == {}
    assert client.get("/news/authors/first/").status_code == 404


def test_another_public_author_given_the_old_slug_answers_it_themself(client):
    author = public_author("dana-whitfield", name="Dana Whitfield")
    rename(author, "dana-whitfield-ross")
    public_author("dana-whitfield", name="Dana Whitfield (Lisbon)")

    response = client.get("/news/authors/dana-whitfield/")

    assert response.status_code == 200
    assert "Dana Whitfield (Lisbon)" in response.content.decode()
    assert former_addresses() == {"dana-whitfield": author.pk}


def test_a_new_authors_slug_made_from_their_name_passes_over_former_addresses():
    author = public_author("dana-whitfield")
    rename(author, "dana-whitfield-ross")

    assert unique_slug("Dana Whitfield", model=Author) == "dana-whitfield-2"


def test_the_former_address_of_an_author_with_nothing_public_now_is_404(client):
    author = public_author("first")
    rename(author, "second")
    author.bylines.get().article.delete()

    assert client.get("/news/authors/first/").status_code == 404
    assert client.get("/news/feed/authors/first/").status_code == 404


def test_a_deleted_authors_former_addresses_go_with_them(client):
    author = public_author("first")
    rename(author, "second")
    author.bylines.get().article.delete()
    author.delete()

    assert former_addresses() == {}
    assert client.get("/news/authors/first/").status_code == 404


def test_a_slug_changed_in_the_admin_redirects(editor_client, client):
    author = public_author("first")
    url = CHANGE.format(author.pk)

    saved(editor_client, url, slug="second")

    assert former_addresses() == {"first": author.pk}
    assert client.get("/news/authors/first/")["Location"] == "/news/authors/second/"


def test_restoring_a_version_at_another_slug_redirects_from_the_current_one(editor_client, client):
    author = public_author("first")
    with reversion.create_revision():
        author.save()
    version = Version.objects.get_for_object(author).first()
    rename(author, "second")
    url = f"/admin/articles/author/{author.pk}/history/{version.pk}/"

    response = editor_client.post(url, form_data(editor_client.get(url)))

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.slug == "first"
    assert former_addresses() == {"second": author.pk}
    assert client.get("/news/authors/second/")["Location"] == "/news/authors/first/"


def test_editors_see_an_authors_former_addresses_and_may_free_one(editor_client, client):
    author = public_author("first")
    rename(author, "second")
    url = CHANGE.format(author.pk)
    assert "Former addresses" in editor_client.get(url).content.decode()

    saved(editor_client, url, **{"slug_redirects-0-DELETE": "on"})

    assert former_addresses() == {}
    assert client.get("/news/authors/first/").status_code == 404


def test_an_author_form_cannot_free_another_authors_former_address(editor_client):
    author = public_author("first")
    rename(author, "second")
    other = public_author("other")
    forged = AuthorRedirect.objects.get().pk
    url = CHANGE.format(other.pk)
    data = form_data(editor_client.get(url))
    data.update(
        {
            "slug_redirects-TOTAL_FORMS": "1",
            "slug_redirects-INITIAL_FORMS": "1",
            "slug_redirects-0-id": str(forged),
            "slug_redirects-0-author": str(other.pk),
            "slug_redirects-0-DELETE": "on",
        }
    )

    editor_client.post(url, data)

    assert former_addresses() == {"first": author.pk}


def test_a_contributor_neither_sees_nor_frees_a_former_address(contributor_client):
    author = public_author("first")
    rename(author, "second")
    forged = AuthorRedirect.objects.get().pk
    url = CHANGE.format(author.pk)

    shown = contributor_client.get(url)
    response = contributor_client.post(
        url,
        {
            "name": author.name,
            "slug": "second",
            "slug_redirects-TOTAL_FORMS": "1",
            "slug_redirects-INITIAL_FORMS": "1",
            "slug_redirects-0-id": str(forged),
            "slug_redirects-0-DELETE": "on",
        },
    )

    assert shown.status_code == 200
    assert "Former addresses" not in shown.content.decode()
    assert "/news/authors/first/" not in shown.content.decode()
    assert response.status_code == 403
    assert former_addresses() == {"first": author.pk}
    assert contributor_client.get("/admin/articles/authorredirect/").status_code == 404
