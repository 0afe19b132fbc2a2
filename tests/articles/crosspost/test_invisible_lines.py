"""The paste page and `import_articles` clean a line as the admin does (`newsroom.text`): a
headline of nothing visible is an empty one, and direction controls that never close go."""

import json

import pytest

from articles.models import Article, Author
from tests.articles.crosspost.paste_page import (
    CHECK,
    PAGE,
    check_data,
    form_errors,
    make_draft,
    paste_form,
    staff,
)
from tests.articles.crosspost.test_import_articles import run, run_failing
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200b"
PASTED = "The first paragraph of the piece.\n\nThe second paragraph."


@pytest.fixture
def dana():
    return AuthorFactory(name="Dana Whitfield")


def test_the_check_step_refuses_a_headline_of_invisible_characters(admin_client, dana):
    shown = admin_client.post(PAGE, paste_form(author=str(dana.pk), pasted=PASTED))

    response = admin_client.post(CHECK, check_data(shown, headline=INVISIBLE))

    assert "headline\n  * This field is required." in form_errors(response)
    assert not Article.objects.exists()


def test_a_paste_keeps_no_direction_control_in_its_lines(admin_client, dana):
    data = paste_form(author=str(dana.pk), pasted=PASTED, headline="QA 𝗯𝗼𝗹𝗱 \u202eevil")

    response = make_draft(admin_client, data, dek="One \u2067sentence", warning_text="")

    assert response.status_code == 200
    article = Article.objects.get()
    assert (article.headline, article.dek) == ("QA 𝗯𝗼𝗹𝗱 evil", "One sentence")


def test_a_new_author_named_with_invisible_characters_is_no_name(client, dana):
    client.force_login(staff("add_article", "add_author", "view_author"))

    response = client.post(PAGE, paste_form(new_author_name=INVISIBLE, pasted=PASTED))

    assert "Choose the author, or add a new one below." in form_errors(response)
    assert not Author.objects.exclude(pk=dana.pk).exists()
    assert not Article.objects.exists()


def test_an_import_refuses_a_headline_of_invisible_characters(tmp_path):
    path = tmp_path / "pieces.jsonl"
    path.write_text(
        json.dumps({"headline": INVISIBLE, "body_text": "Text.", "author": "Dana Whitfield"})
        + "\n"
        + json.dumps(
            {"headline": "Plan \u202ein seasons", "body_text": "Text.", "author": "Dana Whitfield"}
        )
        + "\n"
    )

    out, err, _ = run_failing(str(path))

    assert "pieces.jsonl:1: error: headline: This field cannot be blank." in err
    assert "1 created, 0 unchanged, 1 failed." in out
    assert list(Article.objects.values_list("headline", flat=True)) == ["Plan in seasons"]


def test_an_import_leaves_out_direction_controls(tmp_path):
    path = tmp_path / "pieces.jsonl"
    path.write_text(
        json.dumps(
            {
                "headline": "مرحبا\u200f \u202eevil",
                "dek": "\u2066Isolated\u2069",
                "body": "<p>Text \u202eevil.</p>",
                "author": "Dana \u202eWhitfield",
                "tags": ["Cul\u202eture"],
            }
        )
        + "\n"
    )

    run(str(path))

    article = Article.objects.get()
    assert (article.headline, article.dek) == ("مرحبا\u200f evil", "Isolated")
    assert article.body == "<p>Text evil.</p>"
    assert [byline.author.name for byline in article.ordered_bylines] == ["Dana Whitfield"]
    assert list(article.tags.names()) == ["Culture"]
