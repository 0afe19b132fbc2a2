"""A release's media kit under embargo: the journalist's link shows it and downloads it, checked
as the page is; the public addresses stay 404 until the embargo."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.embargo import access
from articles.models import Article, Journalist
from articles.workflow import publishing
from tests.articles.embargo.test_pre_access import release
from tests.factories import MediaKitItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    """A release under embargo with a picture in its kit, shared with one journalist."""
    piece = release()
    item = MediaKitItemFactory(article=piece, title="The plant from the river")
    journalist = Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test")
    link = access.share(piece, journalist=journalist)
    base = access.url_for(link)
    return piece, item, link, base


def test_the_journalists_page_offers_the_kit_at_their_link_only(shared):
    _, item, _, base = shared

    html = Client().get(base).content.decode()

    assert "The plant from the river" in html
    assert f'href="{base}media-kit.zip" download' in html
    assert f'href="{base}media-kit/{item.pk}/original/" download' in html
    assert "/news/lisbon-plant/media-kit" not in html.replace(f"{base}media-kit", "")


def test_the_journalist_downloads_each_file_and_the_zip_privately(shared):
    _, item, _, base = shared
    journalist = Client()

    for url in [f"{base}media-kit/{item.pk}/original/", f"{base}media-kit.zip"]:
        response = journalist.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Content-Disposition"].startswith("attachment; ")
    zipped = b"".join(journalist.get(f"{base}media-kit.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert archive.namelist() == ["01-the-plant-from-the-river.jpg", "credits.txt"]
    # Meanwhile the public addresses know nothing of it.
    for url in [
        f"/news/lisbon-plant/media-kit/{item.pk}/original/",
        "/news/lisbon-plant/media-kit.zip",
    ]:
        assert journalist.get(url).status_code == 404, url


def test_a_revoked_altered_or_foreign_link_downloads_nothing(shared):
    _, item, link, base = shared
    other = release(headline="Other launch", slug="other-launch")
    theirs = MediaKitItemFactory(article=other)
    token = access.token_for(link)
    journalist = Client()

    assert journalist.get(f"{base}media-kit/{theirs.pk}/original/").status_code == 404
    # Another piece's slug with this link's token: this link's own kit, never the other's.
    elsewhere = journalist.get(f"/news/other-launch/embargoed/{token}/media-kit.zip")
    assert elsewhere["Location"] == f"{base}media-kit.zip"
    altered = base.replace(token, token[:-2] + ("xx" if not token.endswith("xx") else "yy"))
    assert journalist.get(f"{altered}media-kit.zip").status_code == 404
    access.revoke(link)
    assert journalist.get(f"{base}media-kit/{item.pk}/original/").status_code == 404
    assert journalist.get(f"{base}media-kit.zip").status_code == 404


def test_an_expired_link_downloads_nothing_then_points_to_the_public_kit(shared):
    piece, item, link, base = shared
    moment = timezone.now() - timedelta(seconds=1)
    type(link).objects.update(created_at=moment - timedelta(hours=1), expires_at=moment)
    journalist = Client()

    assert journalist.get(f"{base}media-kit.zip").status_code == 404

    Article.objects.filter(pk=piece.pk).update(embargoed_until=moment, published_at=moment)

    moved = journalist.get(f"{base}media-kit/{item.pk}/original/")
    assert moved.status_code == 302
    assert moved["Location"] == f"/news/lisbon-plant/media-kit/{item.pk}/original/"
    assert journalist.get(f"{base}media-kit.zip")["Location"] == "/news/lisbon-plant/media-kit.zip"
    assert journalist.get(moved["Location"]).status_code == 200


def test_a_withdrawn_release_downloads_nothing_at_a_journalists_link(shared):
    piece, item, _, base = shared

    publishing.unpublish(piece)

    assert Client().get(f"{base}media-kit/{item.pk}/original/").status_code == 404
    assert Client().get(f"{base}media-kit.zip").status_code == 404
