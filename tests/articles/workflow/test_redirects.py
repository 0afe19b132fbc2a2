"""A published article's old addresses keep working after its slug changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, SlugRedirect
from articles.workflow import publishing
from tests.admin_forms import form_data, saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def rename(article: Article, slug: str) -> None:
    article.slug = slug
    article.save()


def test_an_old_address_answers_301_to_the_new_one(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")

    response = client.get("/news/first/")

    assert response.status_code == 301
    assert response["Location"] == "/news/second/"
    assert client.get("/news/second/").status_code == 200


@pytest.mark.parametrize("old", ["first", "First"])
def test_an_old_address_keeps_the_query_but_the_spoiler_choice_the_page_never_reads(client, old):
    # The page takes the spoiler choice from its cookie alone; the campaign's parameters
    # reach it, in the order they came.
    article = ArticleFactory(slug="first")
    rename(article, "second")
    plain = client.get(f"/news/{old}/")

    response = client.get(
        f"/news/{old}/?utm_source=news%20letter&hide_spoilers=all&utm_medium=email&utm_medium=x"
    )

    assert response.status_code == 301
    assert response["Location"] == (
        "/news/second/?utm_source=news+letter&utm_medium=email&utm_medium=x"
    )
    assert response["Cache-Control"] == plain["Cache-Control"]
    assert client.get("/news/first/?hide_spoilers=all")["Location"] == "/news/second/"


def test_two_changes_in_a_row_both_redirect_to_the_newest(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    rename(article, "third")

    assert client.get("/news/first/")["Location"] == "/news/third/"
    assert client.get("/news/second/")["Location"] == "/news/third/"


def test_changing_back_removes_the_redirect_so_nothing_loops(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    rename(article, "first")

    assert client.get("/news/first/").status_code == 200
    assert client.get("/news/second/")["Location"] == "/news/first/"
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["second"]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": "draft", "published_at": None}, id="draft"),
        pytest.param({"status": "in-review", "published_at": None}, id="in review"),
        pytest.param({"published_at": "scheduled"}, id="scheduled"),
    ],
)
def test_no_redirect_is_kept_for_an_article_that_was_never_public(client, fields):
    if fields.get("published_at") == "scheduled":
        fields["published_at"] = timezone.now() + timedelta(days=1)
    article = ArticleFactory(slug="first", **fields)
    rename(article, "second")

    assert not SlugRedirect.objects.exists()
    assert client.get("/news/first/").status_code == 404


def test_an_old_address_of_an_unpublished_article_is_404(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    Article.objects.filter(pk=article.pk).update(status="unpublished")

    assert client.get("/news/first/").status_code == 404


def test_a_piece_renamed_while_unpublished_keeps_its_old_public_address(editor_client, client):
    article = ArticleFactory(headline="Ferry fares rise", slug="ferry-fares-rise")
    assert client.get("/news/ferry-fares-rise/").status_code == 200
    url = f"/admin/articles/article/{article.pk}/change/"

    # Taken down to fix a mistake, renamed, and run again.
    saved(editor_client, url, _unpublish="")
    saved(editor_client, url, headline="Ferry fares fall", slug="ferry-fares-fall")
    assert client.get("/news/ferry-fares-rise/").status_code == 404
    saved(editor_client, url, _publish="")

    article.refresh_from_db()
    assert (article.is_published, article.slug) == (True, "ferry-fares-fall")
    response = client.get("/news/ferry-fares-rise/")
    assert response.status_code == 301
    assert response["Location"] == "/news/ferry-fares-fall/"


def test_a_cancelled_schedule_leaves_no_redirect_behind(client):
    article = ArticleFactory(slug="first", published_at=timezone.now() + timedelta(days=1))
    publishing.unpublish(article)

    rename(article, "second")

    assert not SlugRedirect.objects.exists()


def test_a_new_article_may_take_a_former_address_and_wins_once_public(client):
    moved = ArticleFactory(slug="first")
    rename(moved, "second")
    newcomer = ArticleFactory(slug="first", status="draft", published_at=None)

    assert client.get("/news/first/")["Location"] == "/news/second/"

    Article.objects.filter(pk=newcomer.pk).update(
        status="published", published_at=moved.published_at
    )

    assert client.get("/news/first/").context["article"] == newcomer


def test_a_draft_given_a_former_address_by_hand_leaves_its_redirect(client):
    moved = ArticleFactory(slug="launch")
    rename(moved, "launch-day")
    draft = ArticleFactory(slug="lunch", status="draft", published_at=None)

    rename(draft, "launch")

    response = client.get("/news/launch/")
    assert response.status_code == 301
    assert response["Location"] == "/news/launch-day/"


def test_a_drafts_address_following_its_headline_passes_over_former_addresses(
    editor_client, client
):
    moved = ArticleFactory(headline="Launch day", slug="launch")
    rename(moved, "launch-day")
    draft = ArticleFactory(headline="Lunch", slug="lunch", status="draft", published_at=None)

    saved(editor_client, f"/admin/articles/article/{draft.pk}/change/", headline="Launch")

    draft.refresh_from_db()
    assert (draft.slug, draft.slug_fixed) == ("launch-2", False)
    response = client.get("/news/launch/")
    assert response.status_code == 301
    assert response["Location"] == "/news/launch-day/"


def test_a_slug_changed_in_the_admin_redirects(admin_client, client):
    article = ArticleFactory(slug="before")
    url = f"/admin/articles/article/{article.pk}/change/"

    admin_client.post(url, form_data(admin_client.get(url), slug="after"))

    assert client.get("/news/before/")["Location"] == "/news/after/"


def test_editors_see_former_addresses_on_the_article_and_may_delete_one(editor_client, client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    url = f"/admin/articles/article/{article.pk}/change/"
    page = editor_client.get(url)
    assert "Former addresses" in page.content.decode()

    data = form_data(page)
    data["slug_redirects-0-DELETE"] = "on"
    assert editor_client.post(url, data).status_code == 302

    assert client.get("/news/first/").status_code == 404


@pytest.mark.parametrize(
    "loaded",
    [
        pytest.param(("id", "headline"), id="its address read later"),
        pytest.param(("id", "slug"), id="its state read later"),
    ],
)
def test_a_piece_read_in_part_and_renamed_keeps_its_old_address(client, loaded):
    ArticleFactory(slug="first")
    article = Article.objects.only(*loaded).get()

    rename(article, "second")

    response = client.get("/news/first/")
    assert response.status_code == 301
    assert response["Location"] == "/news/second/"


def test_a_draft_read_in_part_keeps_the_address_an_editor_chose():
    ArticleFactory(headline="A headline", slug="a-headline", status="draft", published_at=None)
    article = Article.objects.only("id", "headline").get()

    rename(article, "chosen-address")

    stored = Article.objects.get()
    assert (stored.slug, stored.slug_fixed) == ("chosen-address", True)


def test_a_piece_read_again_is_renamed_from_the_address_stored_since(client):
    ArticleFactory(slug="first")
    mine, theirs = Article.objects.get(), Article.objects.get()
    rename(theirs, "second")

    mine.refresh_from_db()
    rename(mine, "third")

    for old in ("first", "second"):
        response = client.get(f"/news/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/news/third/"


def test_a_save_that_does_not_write_the_slug_records_no_redirect(client):
    article = ArticleFactory(slug="first")
    article.slug = "typed-but-not-saved"
    article.dek = "A new summary."

    article.save(update_fields=["dek"])

    assert not SlugRedirect.objects.exists()
    assert Article.objects.get().slug == "first"
    assert client.get("/news/first/").status_code == 200


def test_a_piece_leaving_another_pieces_former_address_leaves_it_with_that_piece(client):
    """A piece given another's former address by hand answers it while public there; renamed
    again, the address goes back to the piece whose history it belongs to."""
    moved = ArticleFactory(slug="launch")
    rename(moved, "launch-day")
    newcomer = ArticleFactory(slug="lunch")
    rename(newcomer, "launch")
    assert client.get("/news/launch/").context["article"] == newcomer

    rename(newcomer, "launch-party")

    assert sorted(SlugRedirect.objects.values_list("old_slug", "article")) == [
        ("launch", moved.pk),
        ("lunch", newcomer.pk),
    ]
    assert client.get("/news/launch/")["Location"] == "/news/launch-day/"
    assert client.get("/news/lunch/")["Location"] == "/news/launch-party/"


def test_an_address_typed_with_capitals_answers_301_to_the_article(client):
    # Slugs are made in lower case; "/news/Budget-Day/" shared or typed means the piece there,
    # as a capitalised author's or topic's address means theirs.
    ArticleFactory(slug="budget-day")
    renamed = ArticleFactory(slug="first")
    rename(renamed, "second")

    capitals = client.get("/news/Budget-Day/")
    former = client.get("/news/FIRST/")

    assert (capitals.status_code, capitals["Location"]) == (301, "/news/budget-day/")
    assert (former.status_code, former["Location"]) == (301, "/news/second/")


def test_an_address_typed_with_capitals_gives_away_no_piece_before_its_time(client):
    ArticleFactory(slug="draft-piece", status="draft", published_at=None)
    ArticleFactory(slug="later-piece", published_at=timezone.now() + timedelta(hours=1))

    assert client.get("/news/Draft-Piece/").status_code == 404
    assert client.get("/news/Later-Piece/").status_code == 404
