"""The change form reads in the order an editor writes."""

import pytest
from bs4 import BeautifulSoup

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
