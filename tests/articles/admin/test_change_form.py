"""The change form reads in the order an editor writes."""

import pytest
from bs4 import BeautifulSoup

from tests.admin_forms import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def test_the_form_runs_headline_dek_bylines_warnings_text_then_discovery_origin_advanced(
    admin_client,
):
    article = ArticleFactory(spoiler_warning="contains spoilers")

    soup = BeautifulSoup(
        admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode(), "html.parser"
    )

    main = soup.select_one(".editing-main")
    landmarks = [
        main.select_one("label[for=id_headline]"),
        main.select_one("label[for=id_dek]"),
        main.select_one("#bylines-heading"),
        main.select_one("#warnings-heading"),
        main.select_one("label[for=id_body]"),
        main.find("h2", string="Discovery"),
        main.find("h2", string="Cross-post: where this piece first appeared"),
        main.find("h2", string="Advanced"),
    ]
    assert None not in landmarks
    positions = [str(main).index(str(landmark)) for landmark in landmarks]
    assert positions == sorted(positions)
    for collapsed in ("Cross-post: where this piece first appeared", "Advanced"):
        assert main.find("h2", string=collapsed).find_parent("details") is not None


def test_the_word_count_is_under_the_text(admin_client):
    article = ArticleFactory(body="<p>Crews are back at work this morning.</p>")

    soup = BeautifulSoup(
        admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode(), "html.parser"
    )

    help_text = soup.select_one("#id_body_helptext")
    assert help_text.select_one("#body-word-count").get_text() == "7 words · 1 min read"


def test_the_tags_field_shows_every_tag_it_holds(admin_client):
    names = [f"Topic number {number}" for number in range(15)]
    article = ArticleFactory(tag_names=names)

    soup = BeautifulSoup(
        admin_client.get(f"{LIST_URL}{article.pk}/change/").content.decode(), "html.parser"
    )

    box = soup.select_one("textarea#id_tags")
    assert box is not None
    assert sorted(name.strip().strip('"') for name in box.get_text().split(",")) == sorted(names)


def test_the_slug_help_shows_the_real_address_and_follows_the_form(admin_client):
    article = ArticleFactory(slug="ferries-return")
    page = admin_client.get(f"{LIST_URL}{article.pk}/change/")
    soup = BeautifulSoup(page.content.decode(), "html.parser")

    help_text = soup.select_one("#id_slug_helptext").get_text(" ", strip=True)
    assert "readers find it at http://testserver/news/ferries-return/" in help_text

    data = form_data(page, slug="ferries-are-back")
    panels = admin_client.post(f"{LIST_URL}{article.pk}/panels/", data).content.decode()
    address = BeautifulSoup(panels, "html.parser").select_one("#slug-address").get_text()
    assert address == "http://testserver/news/ferries-are-back/"
