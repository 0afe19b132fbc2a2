"""The README's pictures are made by a command anyone can run: it photographs real pages."""

import pytest
from django.core.management import call_command
from PIL import Image

from newsroom.checks import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from newsroom.demo.management.commands.screenshots import PREVIEWS
from newsroom.demo.screenshots import VIEWPORT, Shot, photograph

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_screenshots_show_the_article_to_a_reader_and_its_form_and_previews_to_the_editor(
    browser, live_server, serve_media, settings, tmp_path
):
    settings.DEBUG = True  # seed_demo makes the demo editor only on a development machine
    call_command("seed_demo", stdout=None)
    from articles.models import Article

    article = Article.objects.published().filter(kind=Article.Kind.OP_ED).first()

    written = photograph(
        browser,
        base_url=live_server.url,
        shots=[
            Shot("article", article.get_absolute_url()),
            Shot("admin", f"/admin/articles/article/{article.pk}/change/", signed_in=True),
            Shot(
                "previews",
                f"/admin/articles/article/{article.pk}/change/",
                signed_in=True,
                scroll_to=PREVIEWS,
            ),
            Shot("dashboard", "/admin/", signed_in=True),
            Shot("calendar", "/admin/desk/calendar/", signed_in=True),
        ],
        username=DEMO_ADMIN_USERNAME,
        password=DEMO_ADMIN_PASSWORD,
        output=tmp_path,
    )

    assert [path.name for path in written] == [
        "article.png",
        "admin.png",
        "previews.png",
        "dashboard.png",
        "calendar.png",
    ]
    for path in written:
        with Image.open(path) as picture:
            assert picture.size == (VIEWPORT["width"], VIEWPORT["height"])
            # A real page, not a blank or an error: many colours in the picture.
            assert len(picture.convert("RGB").getcolors(maxcolors=1_000_000)) > 50


def test_a_refused_sign_in_is_not_photographed_as_the_admin(
    browser, live_server, serve_media, tmp_path
):
    with pytest.raises(RuntimeError, match="not photographed"):
        photograph(
            browser,
            base_url=live_server.url,
            shots=[Shot("admin", "/admin/articles/article/", signed_in=True)],
            username="nobody",
            password="wrong",
            output=tmp_path,
        )

    assert not (tmp_path / "admin.png").exists()
