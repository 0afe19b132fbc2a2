"""Every stored XSS payload, opened in a real browser: on the public pages and in the admin."""

import pytest
from django.utils import timezone

from newsroom.models import SitePage, SiteSettings
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory
from tests.hostile import PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)


def fit(text: str, model, field: str) -> str:
    return text[: model._meta.get_field(field).max_length]


@pytest.fixture
def stored(make_upload):
    """One article, author and site page per payload, the payload in every text field."""
    from articles.models import Article, Author, ContentWarning

    SiteSettings.objects.create(
        pk=1, news_introduction=PAYLOADS["img-onerror"], news_description=PAYLOADS["script"]
    )
    objects = []
    payloads = [payload for payload in PAYLOADS.values() if "\x00" not in payload]
    for number, payload in enumerate(payloads):
        author = AuthorFactory(
            name=fit(payload, Author, "name"),
            slug=f"author-{number}",
            role=fit(payload, Author, "role"),
            bio=payload,
        )
        article = ArticleFactory(
            slug=f"article-{number}",
            headline=fit(payload, Article, "headline"),
            dek=fit(payload, Article, "dek"),
            spoiler_warning=fit(payload, ContentWarning, "text"),
            spoiler_warning__subject=fit(payload, ContentWarning, "subject"),
            introduction=payload,
            body=f'<p>{payload}</p>{payload}<p>Words <span class="spoiler">{payload}</span>.</p>',
            featured_image=make_upload(f"photo-{number}.jpg", size=(40, 30)),
            featured_image_alt=fit(payload, Article, "featured_image_alt"),
            featured_image_caption=fit(payload, Article, "featured_image_caption"),
            featured_image_credit=fit(payload, Article, "featured_image_credit"),
            origin_url=f"https://www.linkedin.com/pulse/a-piece-{number}/",
            origin_platform=fit(payload, Article, "origin_platform"),
            seo_title=fit(payload, Article, "seo_title"),
            seo_description=fit(payload, Article, "seo_description"),
            published_at=timezone.now() - timezone.timedelta(minutes=number + 1),
            authors=[author],
            tag_names=[f"topic {number}"],
        )
        page = SitePageFactory(
            slug=f"page-{number}",
            title=fit(payload, SitePage, "title"),
            body=payload,
            seo_description=fit(payload, SitePage, "seo_description"),
            nav_order=number,
        )
        objects.append((article, author, page))
    return objects


def test_no_stored_payload_runs_for_a_reader(watched, stored):
    page = watched.page
    for url in ["/news/", "/news/?page=2"]:
        assert page.goto(url).status == 200
    for article, author, site_page in stored:
        for url in [
            article.get_absolute_url(),
            author.get_absolute_url(),
            site_page.get_absolute_url(),
        ]:
            assert page.goto(url).status == 200, url

    watched.assert_clean()


def test_no_stored_payload_runs_for_an_editor_in_the_admin(watched, stored, editor):
    page = watched.page
    sign_in(page, "editor")
    for url in [
        "/admin/articles/article/",
        "/admin/articles/author/",
        "/admin/newsroom/sitepage/",
        "/admin/newsroom/sitesettings/1/change/",
    ]:
        assert page.goto(url).status == 200, url
    for article, author, _ in stored:
        assert page.goto(f"/admin/articles/author/{author.pk}/change/").status == 200
        assert page.goto(f"/admin/articles/article/{article.pk}/change/").status == 200
        # The rich-text editor parses the stored HTML once its modules have loaded; site pages
        # hold the same payloads in the same editor, so one of them stands for all.
        page.locator("[contenteditable=true]").first.wait_for()
    site_page = stored[0][2]
    assert page.goto(f"/admin/newsroom/sitepage/{site_page.pk}/change/").status == 200
    page.locator("[contenteditable=true]").first.wait_for()

    watched.assert_clean()
