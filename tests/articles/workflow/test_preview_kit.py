"""A draft release's media kit on a reviewer's preview: the page offers the kit under the
reviewer's link, which downloads it, checked as the page is; the public addresses stay 404."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.embargo import access
from articles.models import Article, Journalist, PreviewLink
from articles.workflow import previews
from tests.articles.embargo.test_pre_access import release
from tests.factories import ArticleFactory, MediaKitItemFactory

pytestmark = pytest.mark.django_db


def draft_release(headline="Zephyrcorp opens its Lisbon plant", slug="lisbon-plant"):
    return ArticleFactory(
        headline=headline,
        slug=slug,
        kind=Article.Kind.PRESS_RELEASE,
        status=Article.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def reviewed(editor):
    """A draft release with a picture in its kit, and a sign-off link for a reviewer."""
    piece = draft_release()
    item = MediaKitItemFactory(article=piece, title="The plant from the river")
    link = previews.create_link(article=piece, reviewer="Dana Whitfield", created_by=editor)
    return piece, item, link, previews.url_for(link)


def test_the_reviewers_page_offers_the_kit_at_their_link_only(reviewed):
    _, item, _, base = reviewed

    html = Client().get(base).content.decode()

    assert "The plant from the river" in html
    assert f'href="{base}media-kit.zip" download' in html
    assert f'href="{base}media-kit/{item.pk}/original/" download' in html
    assert "/news/lisbon-plant/media-kit" not in html.replace(f"{base}media-kit", "")


def test_the_reviewer_downloads_each_file_and_the_zip_privately(reviewed):
    _, item, _, base = reviewed
    reviewer = Client()

    for url in [f"{base}media-kit/{item.pk}/original/", f"{base}media-kit.zip"]:
        response = reviewer.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Content-Disposition"].startswith("attachment; ")
    zipped = b"".join(reviewer.get(f"{base}media-kit.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert archive.namelist() == ["01-the-plant-from-the-river.jpg", "credits.txt"]
    # Meanwhile the public addresses know nothing of the draft.
    for url in [
        f"/news/lisbon-plant/media-kit/{item.pk}/original/",
        "/news/lisbon-plant/media-kit.zip",
    ]:
        assert reviewer.get(url).status_code == 404, url


def test_a_forged_revoked_expired_or_altered_link_downloads_nothing(reviewed, editor):
    _, item, link, base = reviewed
    other = draft_release(headline="Other launch", slug="other-launch")
    theirs = MediaKitItemFactory(article=other)
    token = previews.token_for(link)
    reviewer = Client()

    # Another piece's kit item through this link: not this link's piece.
    assert reviewer.get(f"{base}media-kit/{theirs.pk}/original/").status_code == 404
    # Another piece's slug with this link's token: this link's own kit, never the other's.
    elsewhere = reviewer.get(f"/news/other-launch/preview/{token}/media-kit.zip")
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == f"{base}media-kit.zip"
    altered = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
    assert reviewer.get(f"/news/lisbon-plant/preview/{altered}/media-kit.zip").status_code == 404
    # A journalist's token is no reviewer's: the links are signed apart.
    embargoed = release(headline="Embargoed launch", slug="embargoed-launch")
    MediaKitItemFactory(article=embargoed)
    journalist = Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test")
    theirs_token = access.token_for(access.share(embargoed, journalist=journalist))
    journalists_zip = f"/news/embargoed-launch/preview/{theirs_token}/media-kit.zip"
    assert reviewer.get(journalists_zip).status_code == 404
    # Expired, then revoked.
    now = timezone.now()
    PreviewLink.objects.filter(pk=link.pk).update(
        created_at=now - timedelta(days=8), expires_at=now - timedelta(days=1)
    )
    assert reviewer.get(f"{base}media-kit.zip").status_code == 404
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=now + timedelta(days=1))
    assert reviewer.get(f"{base}media-kit.zip").status_code == 200
    previews.revoke(link)
    assert reviewer.get(f"{base}media-kit/{item.pk}/original/").status_code == 404
    assert reviewer.get(f"{base}media-kit.zip").status_code == 404


def test_a_renamed_draft_sends_the_reviewer_to_the_download_at_its_address_now(reviewed):
    piece, item, link, base = reviewed
    Article.objects.filter(pk=piece.pk).update(slug="lisbon-plant-opens")
    token = previews.token_for(link)

    response = Client().get(f"{base}media-kit/{item.pk}/web/")

    assert response.status_code == 302
    moved_to = f"/news/lisbon-plant-opens/preview/{token}/media-kit/{item.pk}/web/"
    assert response["Location"] == moved_to
    assert response["Cache-Control"] == "private, no-store"


def test_the_reviewers_downloads_answer_only_safe_methods(reviewed):
    base = reviewed[3]

    assert Client().post(f"{base}media-kit.zip").status_code == 405
