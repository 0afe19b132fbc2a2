"""A journalist's link is named by its token, not by the slug in its address: an editor who
changes the slug of a piece under embargo breaks no link already sent, and a bad link answers
404 whatever the slug, to anyone."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.embargo import access
from articles.models import Article, Journalist, PressAccess
from articles.workflow import links, previews, publishing
from tests.admin_forms import saved
from tests.articles.embargo.test_pre_access import release
from tests.factories import MediaKitItemFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{}/change/"


@pytest.fixture
def journalist():
    return Journalist.objects.create(name="Rosa Marquez", email="rosa@ledger.test")


def assert_private(response):
    for header, value in links.PRIVATE_HEADERS.items():
        assert response[header] == value


def test_a_sent_link_follows_the_piece_when_an_editor_changes_its_slug(editor_client, journalist):
    piece = release()
    item = MediaKitItemFactory(article=piece, title="The plant from the river")
    link = access.share(piece, journalist=journalist)
    sent = access.url_for(link)  # the address the journalist was emailed
    token = access.token_for(link)

    saved(editor_client, CHANGE.format(piece.pk), slug="zephyrcorp-lisbon")
    link.refresh_from_db()
    assert link.article.slug == "zephyrcorp-lisbon"
    moved = f"/news/zephyrcorp-lisbon/embargoed/{token}/"
    assert access.url_for(link) == moved

    reader = Client()
    response = reader.get(sent)
    assert response.status_code == 302
    assert response["Location"] == moved
    assert_private(response)
    page = reader.get(moved)
    assert page.status_code == 200
    assert "Zephyrcorp opens its Lisbon plant" in page.content.decode()
    assert_private(page)
    link.refresh_from_db()
    assert link.view_count == 1  # the visit, not the redirect on the way

    # The kit's downloads at the link's old address follow it too.
    for old, new in [
        (f"{sent}media-kit.zip", f"{moved}media-kit.zip"),
        (f"{sent}media-kit/{item.pk}/original/", f"{moved}media-kit/{item.pk}/original/"),
    ]:
        response = reader.get(old)
        assert response.status_code == 302, old
        assert response["Location"] == new
        assert_private(response)
        download = reader.get(new)
        assert download.status_code == 200, new
        assert_private(download)


def test_a_link_whose_piece_is_out_leads_to_its_public_address_now(journalist):
    piece = release()
    item = MediaKitItemFactory(article=piece)
    link = access.share(piece, journalist=journalist)
    sent = access.url_for(link)
    moment = timezone.now() - timedelta(seconds=1)
    PressAccess.objects.update(created_at=moment - timedelta(hours=1), expires_at=moment)
    Article.objects.filter(pk=piece.pk).update(
        embargoed_until=moment, published_at=moment, slug="zephyrcorp-lisbon"
    )

    reader = Client()
    assert reader.get(sent)["Location"] == "/news/zephyrcorp-lisbon/"
    assert reader.get(f"{sent}media-kit.zip")["Location"] == "/news/zephyrcorp-lisbon/media-kit.zip"
    file = reader.get(f"{sent}media-kit/{item.pk}/original/")
    assert file["Location"] == f"/news/zephyrcorp-lisbon/media-kit/{item.pk}/original/"
    assert reader.get(file["Location"]).status_code == 200


def test_a_bad_link_is_a_404_at_any_slug_for_anyone(
    client, contributor_client, editor_client, journalist
):
    piece = release()
    item = MediaKitItemFactory(article=piece)
    other = release(headline="Other launch", slug="other-launch")
    active = access.share(piece, journalist=journalist)
    revoked = access.share(piece, journalist=journalist)
    access.revoke(revoked)
    withdrawn = access.share(other, journalist=journalist)
    publishing.unpublish(other)
    sign_off = previews.create_link(article=piece, reviewer="Dana")
    good = access.token_for(active)
    tokens = [
        access.token_for(revoked),
        access.token_for(withdrawn),  # its piece withdrawn: the link ended
        good[:-2] + ("xx" if not good.endswith("xx") else "yy"),
        previews.token_for(sign_off),  # another kind of link to the same piece
        # This link's key paired with another piece, signed by someone without the key.
        signing.Signer(salt="forged").sign_object({"k": active.key, "a": other.pk}, compress=True),
        signing.Signer(salt=access.SALT, key="guessed").sign_object(
            {"k": active.key, "a": piece.pk}, compress=True
        ),
    ]
    saved(editor_client, CHANGE.format(piece.pk), slug="zephyrcorp-lisbon")

    # Anonymous, or signed in as someone who may not see the piece, or as its editor: the
    # answer is the one a made-up link gets, and never names the piece's address now.
    for browser in [client, contributor_client, editor_client]:
        nothing = browser.get("/news/lisbon-plant/embargoed/not-a-token/")
        assert nothing.status_code == 404
        for slug in ["lisbon-plant", "zephyrcorp-lisbon", "other-launch", "no-such-piece"]:
            for token in tokens:
                base = f"/news/{slug}/embargoed/{token}/"
                for url in [base, f"{base}media-kit.zip", f"{base}media-kit/{item.pk}/original/"]:
                    response = browser.get(url)
                    assert response.status_code == 404, url
                    assert "Location" not in response
                    assert "zephyrcorp-lisbon" not in response.content.decode()
                response = browser.get(base)
                assert response.content == nothing.content
    assert PressAccess.objects.get(pk=active.pk).view_count == 0


def test_a_good_link_opens_no_other_pieces_kit(journalist):
    piece = release()
    other = release(headline="Other launch", slug="other-launch")
    theirs = MediaKitItemFactory(article=other)
    link = access.share(piece, journalist=journalist)
    token = access.token_for(link)

    reader = Client()
    # At the other piece's slug the link leads to its own address, where their file is not.
    response = reader.get(f"/news/other-launch/embargoed/{token}/media-kit/{theirs.pk}/original/")
    assert response.status_code == 302
    assert response["Location"] == access.url_for(
        link, "articles:embargoed-kit-file", pk=theirs.pk, variant="original"
    )
    assert reader.get(response["Location"]).status_code == 404
