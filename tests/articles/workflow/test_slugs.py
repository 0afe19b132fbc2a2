"""A draft's slug follows its headline until someone sets it by hand or the piece is published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Author, SlugRedirect
from articles.workflow import publishing
from articles.workflow.slugs import is_made_from, unique_slug
from tests.admin_forms import errors_on, form_data
from tests.articles.admin.article_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def draft(**fields) -> Article:
    fields = {"status": Article.Status.DRAFT, "published_at": None} | fields
    return ArticleFactory(**fields)


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_a_draft_made_from_its_headline_follows_a_corrected_headline(client):
    article = draft(headline="Priya RamanChief Technology Officer", slug="")
    assert article.slug == "priya-ramanchief-technology-officer"
    assert not article.slug_fixed

    article.headline = "Why we plan in seasons"
    article.save()

    article.refresh_from_db()
    assert article.slug == "why-we-plan-in-seasons"
    assert not SlugRedirect.objects.exists()
    assert client.get("/news/priya-ramanchief-technology-officer/").status_code == 404


def test_a_followed_slug_skips_addresses_in_use_and_the_sections_own():
    ArticleFactory(headline="Plan in seasons", slug="plan-in-seasons")
    article = draft(headline="A wrong headline", slug="a-wrong-headline")

    article.headline = "Plan in seasons"
    article.save()
    feed = draft(headline="Feed", slug="")

    assert article.slug == "plan-in-seasons-2"
    assert feed.slug == "feed-2"


def test_a_slug_set_by_hand_stays_when_the_headline_changes():
    article = draft(headline="A wrong headline", slug="a-wrong-headline")
    article.slug = "seasons"
    article.save()

    article.headline = "Why we plan in seasons"
    article.save()

    article.refresh_from_db()
    assert (article.slug, article.slug_fixed) == ("seasons", True)


def test_a_new_article_with_a_slug_of_its_own_keeps_it():
    article = draft(headline="Why we plan in seasons", slug="seasons")

    article.headline = "How we plan"
    article.save()

    assert (article.slug, article.slug_fixed) == ("seasons", True)


def test_publishing_fixes_the_slug_and_later_changes_redirect(client):
    article = draft(headline="Plan in seasons", slug="plan-in-seasons", dek="Why.")
    publishing.publish(article)
    article.refresh_from_db()
    assert article.slug_fixed

    article.headline = "Plan in seasons, not years"
    article.save()
    assert article.slug == "plan-in-seasons"

    article.slug = "plan-in-seasons-not-years"
    article.save()
    assert client.get("/news/plan-in-seasons/")["Location"] == "/news/plan-in-seasons-not-years/"


def test_a_scheduled_piece_keeps_its_slug():
    article = draft(headline="Plan in seasons", slug="plan-in-seasons")
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() + timedelta(days=1)
    article.save()

    article.headline = "Plan in years"
    article.save()

    assert article.slug == "plan-in-seasons"


def test_a_headline_changed_on_the_admin_form_moves_the_draft_slug(admin_client, client):
    article = draft(headline="Priya Raman Chief Technology Officer", slug="")
    page = admin_client.get(change_url(article))

    response = admin_client.post(
        change_url(article), form_data(page, headline="What a ferry taught us")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.slug, article.slug_fixed) == ("what-a-ferry-taught-us", False)
    assert client.get("/news/priya-raman-chief-technology-officer/").status_code == 404


def test_a_slug_changed_on_the_admin_form_stays_with_the_next_headline(admin_client):
    article = draft(headline="A wrong headline", slug="a-wrong-headline")
    page = admin_client.get(change_url(article))
    admin_client.post(change_url(article), form_data(page, slug="ferry"))

    page = admin_client.get(change_url(article))
    admin_client.post(change_url(article), form_data(page, headline="What a ferry taught us"))

    article.refresh_from_db()
    assert (article.headline, article.slug, article.slug_fixed) == (
        "What a ferry taught us",
        "ferry",
        True,
    )


def test_an_emptied_slug_is_made_from_the_headline_and_follows_it_again(admin_client):
    article = draft(headline="A wrong headline", slug="chosen")
    page = admin_client.get(change_url(article))

    admin_client.post(change_url(article), form_data(page, slug="", headline="Plan in seasons"))

    article.refresh_from_db()
    assert (article.slug, article.slug_fixed) == ("plan-in-seasons", False)


def test_a_published_slug_changed_on_the_admin_form_redirects(admin_client, client):
    article = ArticleFactory(headline="Plan in seasons", slug="plan-in-seasons")
    page = admin_client.get(change_url(article))

    admin_client.post(change_url(article), form_data(page, headline="Plan in years"))
    article.refresh_from_db()
    assert article.slug == "plan-in-seasons"

    page = admin_client.get(change_url(article))
    admin_client.post(change_url(article), form_data(page, slug="plan-in-years"))
    assert client.get("/news/plan-in-seasons/")["Location"] == "/news/plan-in-years/"


def test_a_slug_taken_by_another_article_is_refused_on_the_form(admin_client):
    ArticleFactory(slug="taken")
    article = draft(headline="A headline", slug="a-headline")
    page = admin_client.get(change_url(article))

    response = admin_client.post(change_url(article), form_data(page, slug="taken"))

    assert "The address /news/taken/ is taken by" in errors_on(response)
    article.refresh_from_db()
    assert article.slug == "a-headline"


def test_the_add_form_fills_an_empty_slug_from_the_headline(admin_client):
    data = article_form(AuthorFactory(), headline="Plan in seasons", slug="")

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302, errors_on(response)
    assert Article.objects.get().slug == "plan-in-seasons"


def test_a_new_drafts_address_made_from_its_headline_passes_over_former_addresses(
    admin_client,
):
    moved = ArticleFactory(slug="plan-in-seasons")
    moved.slug = "plan-in-years"
    moved.save()
    data = article_form(AuthorFactory(), headline="Plan in seasons", slug="plan-in-seasons")

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302, errors_on(response)
    added = Article.objects.exclude(pk=moved.pk).get()
    assert (added.slug, added.slug_fixed) == ("plan-in-seasons-2", False)
    assert moved.slug_redirects.get().old_slug == "plan-in-seasons"


@pytest.mark.parametrize(
    ("slug", "headline", "made"),
    [
        ("plan-in-seasons", "Plan in seasons", True),
        ("plan-in-seasons-3", "Plan in seasons", True),
        ("piece", "!!!", True),
        ("seasons", "Plan in seasons", False),
        ("plan-in-seasons-x", "Plan in seasons", False),
        ("plan-2", "Plan in seasons", False),
    ],
)
def test_a_slug_is_recognised_as_made_from_its_headline(slug, headline, made):
    assert is_made_from(slug, headline) is made


def test_a_unique_slug_for_a_headline_of_symbols_is_still_an_address():
    assert unique_slug("!!!", model=Article) == "piece"


def test_a_unique_slug_for_a_model_without_former_addresses_skips_those_in_use():
    AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")

    assert unique_slug("Dana Whitfield", model=Author, max_length=120) == "dana-whitfield-2"
