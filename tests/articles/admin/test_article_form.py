"""Adding and changing a piece in the admin: the pages with the rich text editor, the op-ed
published through the form, what the form refuses (a duplicate slug, a javascript: origin, an
image without alt text or that is no image, publishing without a byline) leaving the saved
piece untouched, and help on the slug that reads whole."""

import pytest

from articles.models import Article, Byline
from tests.articles.admin.article_forms import ADD_URL, article_form, errors_of
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_add_and_change_pages_render_with_the_rich_text_editor(admin_client):
    article = ArticleFactory()

    add = admin_client.get(f"{ADD_URL}add/")
    change = admin_client.get(f"{ADD_URL}{article.pk}/change/")

    assert add.status_code == 200
    assert change.status_code == 200
    assert "data-django-prose-editor" in add.content.decode()
    assert "View on site" in change.content.decode()
    assert "Date and time (UTC)" in add.content.decode()


def test_an_editor_can_publish_the_op_ed_through_the_form(admin_client, client):
    author = AuthorFactory(name="Dana Whitfield", role="Co-CEO")

    response = admin_client.post(f"{ADD_URL}add/", article_form(author, _publish=""))

    assert response.status_code == 302
    article = Article.objects.get(slug="what-a-tv-show-teaches-us-about-work")
    assert article.is_published
    assert article.origin_platform == "LinkedIn"
    assert sorted(article.tags.names()) == ["Culture", "Television"]
    assert Byline.objects.get(article=article).role == "Co-CEO"
    assert client.get("/news/what-a-tv-show-teaches-us-about-work/").status_code == 200


def test_a_duplicate_slug_is_refused_on_the_form(admin_client):
    holder = ArticleFactory(slug="what-a-tv-show-teaches-us-about-work")

    response = admin_client.post(f"{ADD_URL}add/", article_form(AuthorFactory()))

    assert (
        "The address /news/what-a-tv-show-teaches-us-about-work/ is taken by "
        f'“<a href="/admin/articles/article/{holder.pk}/change/">{holder.headline}</a>”.'
    ) in errors_of(response)
    assert Article.objects.count() == 1


def test_a_javascript_origin_url_is_refused(admin_client):
    response = admin_client.post(
        f"{ADD_URL}add/", article_form(AuthorFactory(), origin_url="javascript:alert(1)")
    )

    assert "Enter a full web address starting with https://." in errors_of(response)
    assert not Article.objects.exists()


def test_an_image_without_alt_text_is_refused(admin_client, make_upload):
    data = article_form(AuthorFactory(), featured_image=make_upload("photo.jpg"))

    response = admin_client.post(f"{ADD_URL}add/", data)

    assert "alt text is required" in errors_of(response)
    assert not Article.objects.exists()


def test_a_non_image_upload_is_refused(admin_client, make_upload):
    fake = make_upload("photo.jpg", content=b"<html><script>alert(1)</script></html>")
    data = article_form(AuthorFactory(), featured_image=fake, featured_image_alt="A photo")

    response = admin_client.post(f"{ADD_URL}add/", data)

    assert "Upload a valid image" in errors_of(response)
    assert not Article.objects.exists()


def test_publishing_without_a_byline_is_refused_on_the_form(admin_client):
    response = admin_client.post(f"{ADD_URL}add/", article_form(None, _publish=""))

    assert "A published article needs at least one author." in errors_of(response)
    assert not Article.objects.exists()


def test_a_refused_edit_leaves_the_saved_article_untouched(admin_client):
    article = ArticleFactory(headline="Saved headline", slug="saved", dek="Saved dek")
    ArticleFactory(slug="taken")
    byline = article.bylines.get()
    data = article_form(
        None,
        headline="Edited headline",
        slug="taken",
        dek="Edited dek",
        _publish="",
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "1",
            "bylines-0-id": str(byline.pk),
            "bylines-0-article": str(article.pk),
            "bylines-0-position": "0",
            "bylines-0-author": str(byline.author_id),
            "bylines-0-role": byline.role,
            "bylines-0-organisation": byline.organisation,
        },
    )

    response = admin_client.post(f"{ADD_URL}{article.pk}/change/", data)

    assert "The address /news/taken/ is taken by" in errors_of(response)
    assert 'value="Edited headline"' in response.content.decode()  # the input is kept
    article.refresh_from_db()
    assert (article.headline, article.slug, article.dek) == ("Saved headline", "saved", "Saved dek")


@pytest.mark.parametrize(
    ("url", "help_text"),
    [
        ("/admin/articles/article/add/", "http://testserver/news/new-article/"),
        ("/admin/newsroom/sitepage/add/", "e.g. about for /about/"),
    ],
)
def test_the_slug_help_reads_whole_in_the_admin(editor_client, url, help_text):
    # The admin renders help text as HTML: an address written with "<slug>" lost that part.
    html = editor_client.get(url).content.decode()

    assert help_text in html
    assert "/news//" not in html
