"""A picture put in the text needs alt text before the piece goes out, as the featured image
does: readers who cannot see it are told what it shows, and the page passes the HTML checker
and axe, which refuse an `<img>` without `alt`."""

import pytest
from django.contrib.messages import get_messages

from articles.models import Article
from articles.workflow import checklist
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory
from tests.newsroom.photos.uploads import upload

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
MISSING = "1 of 2 pictures in the text has no alt text"


@pytest.fixture
def src() -> str:
    source = ArticleFactory(featured_image=upload(size=(1600, 900)), featured_image_alt="A ferry")
    return source.image.url_for_width(1200)


def figure(src: str, alt: str | None) -> str:
    alt_attribute = "" if alt is None else f' alt="{alt}"'
    return f'<figure class="figure"><img src="{src}"{alt_attribute}></figure><p>Text.</p>'


def draft(**fields) -> Article:
    return ArticleFactory(status="draft", published_at=None, **fields)


@pytest.mark.parametrize("alt", [None, "", "   "])
def test_a_picture_in_the_text_without_alt_text_keeps_the_piece_from_publishing(src, alt):
    article = draft(body=figure(src, "The ferry at dawn") + figure(src, alt))

    assert checklist.publication_problems(article) == [
        f"{MISSING}: describe each in the editor's figure dialog (select the picture, then its "
        "button)."
    ]


def test_a_picture_in_the_introduction_is_checked_too(src):
    article = draft(introduction=figure(src, None), body=figure(src, "The ferry at dawn"))

    assert MISSING in checklist.publication_problems(article)[0]


def test_alt_text_that_is_a_file_name_is_refused_for_a_picture_in_the_text(src):
    article = draft(body=figure(src, "IMG_2041.jpg"))

    assert checklist.publication_problems(article) == [
        "A picture in the text has a file name for alt text (“IMG_2041.jpg”); describe what it "
        "shows."
    ]


def test_pictures_each_described_pass(src):
    article = draft(body=figure(src, "The ferry at dawn") + figure(src, "The harbour &amp; quay"))

    assert checklist.publication_problems(article) == []


def test_the_publish_action_and_the_form_refuse_it(admin_client, src):
    article = draft(body=figure(src, "The ferry at dawn") + figure(src, None))

    response = admin_client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [article.pk]}, follow=True
    )
    assert MISSING in " ".join(str(m) for m in get_messages(response.wsgi_request))
    url = f"{LIST_URL}{article.pk}/change/"
    response = admin_client.post(url, form_data(admin_client.get(url), _publish=""))
    assert MISSING in errors_on(response)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    described = figure(src, "The ferry at dawn") + figure(src, "The quay at noon")
    response = admin_client.post(url, form_data(admin_client.get(url), body=described, _publish=""))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published
