"""Renditions in the admin and made afterwards: the admin lists thumbnails from them, and
`make_renditions` fills in missing ones, remakes all when forced, and retires the pages that
showed the originals."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.models import Article, Author, MediaKitItem, PressContact
from newsroom.models import SiteSettings
from tests.factories import AuthorFactory, MediaKitItemFactory, PressContactFactory
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db


def test_the_admin_lists_thumbnails_from_renditions(admin_client):
    article = with_image()
    AuthorFactory(headshot=upload(size=(300, 300)))

    articles = admin_client.get("/admin/articles/article/").content.decode()
    change = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    authors = admin_client.get("/admin/articles/author/").content.decode()

    assert "thumbnail.webp" in articles
    assert "w480.jpg" in change
    assert "square96.webp" in authors


def test_make_renditions_fills_in_missing_ones_and_remakes_all_when_forced():
    article = with_image()
    author = AuthorFactory(headshot=upload(size=(300, 300)))
    SiteSettings(default_image=upload(size=(1300, 700)), default_image_alt="Our office").save()
    contact = PressContactFactory(photo=upload(size=(300, 300)))
    kit = MediaKitItemFactory(image=upload(size=(2500, 1000)))
    Article.objects.update(featured_image_renditions={})
    Author.objects.update(headshot_renditions={})
    SiteSettings.objects.update(default_image_renditions={})
    PressContact.objects.update(photo_renditions={})
    MediaKitItem.objects.update(image_renditions={})
    out = io.StringIO()

    call_command("make_renditions", stdout=out)
    call_command("make_renditions", stdout=out)
    call_command("make_renditions", "--force", stdout=out)

    assert out.getvalue().splitlines() == [
        "Made renditions for 1 site settings.",
        "Made renditions for 1 articles.",
        "Made renditions for 1 authors.",
        "Made renditions for 1 press contacts.",
        "Made renditions for 1 media kit items.",
        "Made renditions for 0 site settings.",
        "Made renditions for 0 articles.",
        "Made renditions for 0 authors.",
        "Made renditions for 0 press contacts.",
        "Made renditions for 0 media kit items.",
        "Made renditions for 1 site settings.",
        "Made renditions for 1 articles.",
        "Made renditions for 1 authors.",
        "Made renditions for 1 press contacts.",
        "Made renditions for 1 media kit items.",
    ]
    assert SiteSettings.load().default_images.social.width == 1200
    article.refresh_from_db()
    author.refresh_from_db()
    contact.refresh_from_db()
    kit.refresh_from_db()
    assert article.image.ready
    assert author.headshot_images.ready
    assert contact.photo_images.ready
    assert kit.images.boxed(2048).width == 2048
    assert all(
        default_storage.exists(item["name"]) for item in article.featured_image_renditions["files"]
    )


def test_make_renditions_retires_the_pages_that_showed_the_originals(client):
    author = AuthorFactory(slug="dana", headshot=upload(size=(300, 300)))
    article = with_image(authors=[author])
    MediaKitItemFactory(title="Plant from the river")
    # As uploaded before renditions existed, the case the command is run for.
    Article.objects.update(featured_image_renditions={})
    Author.objects.update(headshot_renditions={})
    MediaKitItem.objects.update(image_renditions={})
    pages = {"article": article.get_absolute_url(), "author": "/news/authors/dana/"}
    assert all("w480.webp" not in client.get(url).content.decode() for url in pages.values())
    assert "Web size" not in client.get("/press/").content.decode()

    call_command("make_renditions", stdout=io.StringIO())

    article_html = client.get(pages["article"]).content.decode()
    assert "w480.webp" in article_html
    assert "square192.jpg" in article_html
    assert "square192.jpg" in client.get(pages["author"]).content.decode()
    assert "Web size" in client.get("/press/").content.decode()
