"""An original's address with a port no browser could reach is refused, naming the port, in
the paste form, the article form and the import; everything else typed is kept."""

import json
from html import unescape

import pytest

from articles.models import Article
from tests.articles.crosspost.paste_page import PAGE, form_errors, paste_form
from tests.articles.crosspost.test_import_articles import run_failing

pytestmark = pytest.mark.django_db

POST = "/posts/danawhitfield_plan-in-seasons-activity-7150123456789012345-AbCd"
BAD_PORTS = {
    "past 65535": ("99999", "The port “99999” in this address is not one"),
    "zero": ("0", "The port “0” in this address is not one"),
    "not a number": ("https", "The port “https” in this address is not one"),
}


@pytest.mark.parametrize(("port", "message"), BAD_PORTS.values(), ids=BAD_PORTS.keys())
def test_the_paste_form_refuses_an_impossible_port_and_keeps_what_was_typed(
    admin_client, port, message
):
    url = f"https://www.linkedin.com:{port}{POST}"
    data = paste_form(
        origin_url=url,
        new_author_name="Dana Whitfield",
        headline="Plan in seasons",
        pasted="Plan in seasons\n\nThe text of the piece.",
    )

    response = admin_client.post(PAGE, data)

    assert response.status_code == 200
    errors = form_errors(response)
    assert message in errors
    assert "ports run from 1 to 65535" in errors
    assert "Enter a full web address" not in errors
    page = unescape(response.text)
    assert url in page
    assert "Dana Whitfield" in page
    assert "The text of the piece." in page
    assert not Article.objects.exists()


def test_a_port_in_range_is_kept(admin_client):
    response = admin_client.post(
        PAGE,
        paste_form(
            origin_url="https://news.example:8443/opinion/plan-in-seasons",
            new_author_name="Dana Whitfield",
            pasted="Plan in seasons\n\nThe text.",
        ),
    )

    assert "origin_url" not in response.context["form"].errors


@pytest.mark.parametrize(("port", "message"), BAD_PORTS.values(), ids=BAD_PORTS.keys())
def test_the_article_form_refuses_an_impossible_port(admin_client, port, message):
    response = admin_client.post(
        "/admin/articles/article/add/",
        {"headline": "Plan in seasons", "origin_url": f"https://www.linkedin.com:{port}{POST}"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors["origin_url"])
    assert "Plan in seasons" in unescape(response.text)
    assert not Article.objects.exists()


def test_the_import_refuses_a_piece_with_an_impossible_port_and_imports_the_rest(tmp_path):
    lines = [
        {"headline": "Before", "origin_url": "https://www.linkedin.com/pulse/before-dana/"},
        {"headline": "Bad port", "origin_url": f"https://www.linkedin.com:99999{POST}"},
        {"headline": "After", "origin_url": "https://ana.substack.com/p/after"},
    ]
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"body": "<p>Text.</p>", "author": "Dana Whitfield", **line}) + "\n"
            for line in lines
        )
    )

    out, err, summary = run_failing(str(jsonl))
    assert summary == "1 piece could not be imported; see the errors above."

    assert err.startswith(f"{jsonl}:2: error: origin url: The port “99999” in this address")
    assert len(err.splitlines()) == 1
    assert "2 created, 0 unchanged, 1 failed." in out
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["After", "Before"]
