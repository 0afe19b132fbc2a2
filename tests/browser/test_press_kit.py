"""An editor embargoes a press release, adds a picture to its media kit and shares it with a
journalist; the journalist opens the link signed out, reads the embargo notice and downloads the
kit; once the embargo passes, the release is on /news/ and /press/."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from newsroom.pagecache import schedule
from tests.browser.conftest import assert_picture_loaded, sign_in
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Zephyrcorp opens its Lisbon plant"
SLUG = "zephyrcorp-lisbon-plant"


def panels_settled(page) -> None:
    """Wait for the change form's panels to answer the last change, so that the save is not
    racing their request for the (SQLite) database."""
    page.wait_for_timeout(600)  # the panels ask after a pause of 400 ms
    expect(page.locator("[data-panels-url]")).not_to_have_attribute("aria-busy", "true")


def test_a_journalist_downloads_an_embargoed_releases_kit_before_it_runs(open_page, editor):
    release = ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE,
        headline=HEADLINE,
        slug=SLUG,
        dek="The new plant employs 400 people.",
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[AuthorFactory(name="Dana Whitfield")],
    )
    until = timezone.localtime() + timedelta(days=2)

    desk = open_page()
    page = desk.page
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{release.pk}/change/")
    page.locator("#id_embargoed_until_0").fill(until.strftime("%Y-%m-%d"))
    page.locator("#id_embargoed_until_1").fill("09:00:00")
    page.locator(".add-row a", has_text="Add another Media kit item").click()
    page.locator("#id_kit_items-0-title").fill("The plant from the river")
    page.locator("#id_kit_items-0-image").set_input_files(
        files=[{"name": "plant.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    page.locator("#id_kit_items-0-alt_text").fill("The new plant seen from the river at dawn")
    page.locator("#id_kit_items-0-credit").fill("Photo: Ana Costa / Zephyrcorp")
    page.locator("#id_kit_items-0-usage_terms").fill("Free for editorial use with credit.")
    panels_settled(page)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    page.goto(f"/admin/articles/article/{release.pk}/change/")
    sharing = page.locator("#press-access")
    expect(sharing).to_contain_text("Embargoed until")
    sharing.get_by_label("Journalist's name").fill("Rosa Marquez")
    sharing.get_by_label("Outlet").fill("The Daily Ledger")
    sharing.get_by_label("Email address").fill("rosa@ledger.test")
    sharing.get_by_role("button", name="Share under embargo").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Rosa Marquez")
    link = page.get_by_label("Pre-access link for Rosa Marquez").input_value()
    desk.assert_clean()

    journalist = open_page()
    page = journalist.page
    page.goto(link)
    expect(page.locator(".preview-banner--embargo")).to_contain_text(
        "not for publication before then"
    )
    expect(page.locator("h1")).to_contain_text(HEADLINE)
    picture = page.get_by_role("img", name="The new plant seen from the river at dawn")
    assert_picture_loaded(picture)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole kit").click()
    assert download.value.suggested_filename == f"{SLUG}-media-kit.zip"
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as kit:
        assert kit.testzip() is None
        assert kit.namelist() == ["01-the-plant-from-the-river.jpg", "credits.txt"]
        photo = kit.read("01-the-plant-from-the-river.jpg")
        assert b"<photoshop:Credit>Photo: Ana Costa / Zephyrcorp</photoshop:Credit>" in photo
        assert "Free for editorial use with credit." in kit.read("credits.txt").decode()
    journalist.assert_clean()

    reader = open_page()
    page = reader.page
    for address in ["/news/", "/press/"]:
        page.goto(address)
        expect(page.locator("main")).not_to_contain_text(HEADLINE)

    # The embargo passes: the times move as the clock would (to now, after the pages above were
    # kept), and nothing is saved, which would retire the pages itself; the cache then finds the
    # time passed as it finds any scheduled time.
    moment = timezone.now()
    Article.objects.filter(pk=release.pk).update(embargoed_until=moment, published_at=moment)
    schedule.changed()

    # A reader's browser keeps a page no longer than the embargo, which the moved times do not
    # tell the one above: another reader comes after it.
    reader.assert_clean()
    reader = open_page()
    page = reader.page
    for address in ["/news/", "/press/"]:
        page.goto(address)
        page.get_by_role("link", name=re.compile(HEADLINE)).first.click()
        page.wait_for_url(f"**/news/{SLUG}/")
        expect(page.locator(".media-kit")).to_contain_text("The plant from the river")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole kit").click()
    assert download.value.suggested_filename == f"{SLUG}-media-kit.zip"
    reader.assert_clean()
