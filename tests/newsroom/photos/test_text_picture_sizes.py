"""A picture of the site's own put in rich text is stored with its size, read from its file
when the text is saved, so that pages keep its place before it loads."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsroom.photos.uploads import upload

pytestmark = pytest.mark.django_db


def figure(src: str, size: str = "") -> str:
    return f'<figure class="figure"><img src="{src}" alt="The ferry at dawn"{size}></figure>'


@pytest.fixture
def rendition() -> str:
    """The address the editor's picture picker gives: a rendition 1200 pixels wide."""
    source = ArticleFactory(featured_image=upload(size=(1600, 900)), featured_image_alt="A ferry")
    return source.image.url_for_width(1200)


def test_a_picture_put_in_the_text_is_stored_with_the_size_of_its_file(rendition):
    article = ArticleFactory(body=figure(rendition))

    stored = Article.objects.get(pk=article.pk).body
    assert stored == figure(rendition, ' width="1200" height="675"')
    article.save()
    assert Article.objects.get(pk=article.pk).body == stored


def test_a_picture_given_its_size_keeps_it(rendition):
    article = ArticleFactory(body=figure(rendition, ' width="600" height="400"'))

    assert Article.objects.get(pk=article.pk).body == figure(rendition, ' width="600" height="400"')


def test_a_picture_whose_file_is_missing_or_unreadable_is_stored_as_it_came(settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "notes.jpg").write_bytes(b"not a picture")
    body = (
        figure("/media/articles/gone.jpg")
        + figure("/media/notes.jpg")
        + figure("/media/articles/%2e%2e/%2e%2e/secret.jpg")
        + figure("/media//etc/hostname")
    )

    article = ArticleFactory(body=body)

    assert Article.objects.get(pk=article.pk).body == body
