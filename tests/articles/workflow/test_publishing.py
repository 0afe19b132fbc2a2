"""Publishing a cross-post is refused until its origin record is complete."""

from html import unescape

import pytest
from django.contrib.messages import get_messages

from articles.models import Article
from articles.workflow import checklist, publishing
from tests.admin_forms import form_data, saved
from tests.articles.admin.article_forms import article_form, errors_of
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

URL = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work/"


def draft(**fields) -> Article:
    return ArticleFactory(status="draft", published_at=None, **fields)


def test_a_complete_cross_post_publishes():
    article = draft(origin_url=URL)

    publishing.publish(article)

    assert article.is_published


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        pytest.param(
            {"origin_url": "https://linkedin/pulse/x"},
            checklist.ORIGIN_URL_PROBLEM,
            id="no-domain",
        ),
        pytest.param(
            {"origin_url": "https://www.linkedin.com/pulse/a piece"},
            checklist.ORIGIN_URL_PROBLEM,
            id="spaces",
        ),
        pytest.param(
            {"origin_url": URL, "authors": []}, checklist.ORIGIN_AUTHOR_PROBLEM, id="no-author"
        ),
        pytest.param(
            {"origin_platform": "Forbes", "indexing": "origin"},
            checklist.INDEXING_PROBLEM,
            id="canonical-to-an-origin-without-url",
        ),
    ],
)
def test_an_incomplete_origin_record_is_refused_with_a_clear_reason(fields, problem):
    # Written past the form's validation, as a script or an old import might.
    article = draft(**{"origin_url": "", **fields})
    Article.objects.filter(pk=article.pk).update(origin_url=fields.get("origin_url", ""))
    article.refresh_from_db()

    with pytest.raises(publishing.CannotPublish) as error:
        publishing.publish(article)

    assert problem in error.value.problems
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_the_author_as_shown_there_is_enough_to_credit_without_a_byline():
    article = draft(origin_url=URL, origin_author="Dana Whitfield", authors=[])

    assert checklist.cross_post_problems(article) == []
    assert checklist.publication_problems(article) == ["Add at least one author to the byline."]


def test_a_cross_post_without_an_url_publishes_when_it_does_not_defer_to_the_original():
    article = draft(origin_platform="The Guardian", indexing="self")

    publishing.publish(article)

    assert article.is_published


def test_articles_that_are_not_cross_posts_need_no_origin_record():
    assert checklist.cross_post_problems(draft(indexing="origin")) == []


def test_the_publish_action_lists_the_cross_post_problems(admin_client):
    article = draft(origin_platform="Forbes")

    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
        follow=True,
    )

    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "was not published" in messages
    assert checklist.INDEXING_PROBLEM in unescape(messages)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


# The same checks on the change form, when it publishes.


def test_the_form_refuses_to_publish_canonical_to_an_origin_without_url(admin_client):
    data = article_form(AuthorFactory(), _publish="", origin_url="", origin_platform="Forbes")

    response = admin_client.post("/admin/articles/article/add/", data)

    assert checklist.INDEXING_PROBLEM in errors_of(response)
    assert not Article.objects.exists()


def test_the_form_refuses_to_publish_a_cross_post_nobody_is_credited_for(admin_client):
    data = article_form(None, _publish="", origin_author="")

    response = admin_client.post("/admin/articles/article/add/", data)

    errors = unescape(errors_of(response))
    assert checklist.ORIGIN_AUTHOR_PROBLEM in errors
    assert "A published article needs at least one author." in errors
    assert not Article.objects.exists()


def test_the_form_publishes_a_cross_post_that_is_its_own_canonical_without_url(admin_client):
    data = article_form(
        AuthorFactory(),
        _publish="",
        origin_url="",
        origin_platform="the guardian",
        indexing="self",
    )

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published
    assert article.origin_platform == "The Guardian"


def test_a_draft_may_keep_an_incomplete_origin_record(admin_client):
    data = article_form(None, origin_url="", origin_platform="Forbes")

    response = admin_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT


def test_the_form_stores_the_origin_url_without_tracking_parameters(admin_client):
    data = article_form(AuthorFactory(), origin_url=f"{URL}?trk=public_post&utm_source=share")

    admin_client.post("/admin/articles/article/add/", data)

    assert Article.objects.get().origin_url == URL


def test_the_form_refuses_an_original_already_re_published_and_links_to_it(admin_client):
    existing = ArticleFactory(headline="The first copy", origin_url=URL)

    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(AuthorFactory(), slug="second-copy", origin_url=f"{URL}?utm_source=share"),
    )

    assert "This original is already re-published as" in errors_of(response)
    assert (
        f'<a href="/admin/articles/article/{existing.pk}/change/">The first copy</a>'
        in response.content.decode()
    )
    assert Article.objects.count() == 1


def test_the_form_refuses_an_original_already_re_published_under_another_address(admin_client):
    ArticleFactory(headline="The first copy", origin_url=URL)
    other_form = URL.replace("https://www.", "http://").rstrip("/")

    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(AuthorFactory(), slug="second-copy", origin_url=other_form),
    )

    assert "This original is already re-published as" in errors_of(response)
    assert Article.objects.count() == 1


def test_the_form_refuses_a_short_link_as_the_original(admin_client):
    response = admin_client.post(
        "/admin/articles/article/add/",
        article_form(AuthorFactory(), origin_url="https://lnkd.in/gQ7xK2bR"),
    )

    assert "This is a short link. Open it and paste the address it leads to." in errors_of(response)
    assert not Article.objects.exists()


def test_a_piece_saved_with_a_short_link_before_stays_editable(admin_client):
    article = ArticleFactory(origin_url="https://lnkd.in/gQ7xK2bR")

    saved(admin_client, f"/admin/articles/article/{article.pk}/change/", headline="Fixed typo")

    article.refresh_from_db()
    assert article.headline == "Fixed typo"


def test_an_article_saved_under_another_address_of_its_original_is_not_its_own_duplicate(
    admin_client,
):
    article = ArticleFactory(headline="The copy", origin_url=URL)
    other_form = URL.replace("https://www.", "http://").rstrip("/")

    saved(admin_client, f"/admin/articles/article/{article.pk}/change/", origin_url=other_form)

    article.refresh_from_db()
    assert article.origin_url == other_form, "the address is kept as the editor gave it"


def test_changing_the_url_updates_a_platform_that_was_worked_out_from_it(admin_client):
    author = AuthorFactory()
    admin_client.post("/admin/articles/article/add/", article_form(author))
    article = Article.objects.get()
    assert article.origin_platform == "LinkedIn"

    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(
        admin_client.get(url),
        origin_url="https://www.forbes.com/sites/dana/2025/01/14/work/",
        origin_platform="LinkedIn",
    )
    response = admin_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.origin_platform == "Forbes"
