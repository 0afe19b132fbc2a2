"""`manage.py import_articles` and originals: found again under any address, short links refused."""

import json

import pytest

from articles.models import Article, Author
from tests.articles.crosspost.test_import_articles import EXPORT_LINES, run, run_failing
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_running_twice_changes_nothing(tmp_path):
    path = tmp_path / "op-ed.txt"
    path.write_text("\n".join(EXPORT_LINES) + "\n", encoding="utf-8")
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "headline": "From a feed",
                "body": "<p>Text.</p>",
                "author": "Ana Ribeiro",
                "origin_url": "https://ana.substack.com/p/feed?utm_source=x",
            }
        )
        + "\n"
    )
    run(str(path), str(jsonl))
    before = list(Article.objects.values_list("pk", "updated_at", "origin_url"))

    out, _ = run(str(path), str(jsonl))

    assert list(Article.objects.values_list("pk", "updated_at", "origin_url")) == before
    assert out.count("already imported as") == 2
    assert "0 created, 2 unchanged, 0 failed." in out
    assert Author.objects.count() == 2


def test_running_twice_changes_nothing_for_a_headline_that_makes_no_address(tmp_path):
    # Chinese and emoji give no letters for an address: such a piece's is made up ("piece"),
    # and it is found again by its headline instead.
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"headline": headline, "body_text": "Text.", "author": "王小明"}) + "\n"
            for headline in ["北京新闻", "🎉 🎉", "北京  新闻"]
        )
    )
    run(str(jsonl))
    before = list(Article.objects.values_list("pk", "slug", "headline").order_by("pk"))

    out, _ = run(str(jsonl))

    assert list(Article.objects.values_list("pk", "slug", "headline").order_by("pk")) == before
    assert [headline for _, _, headline in before] == ["北京新闻", "🎉 🎉", "北京 新闻"]
    assert "0 created, 3 unchanged, 0 failed." in out


def test_an_existing_article_with_the_same_original_is_left_alone(tmp_path):
    ArticleFactory(headline="Edited by an editor", origin_url="https://ana.substack.com/p/feed")
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        '{"headline": "Feed", "body": "<p>x</p>", "author": "Ana", '
        '"origin_url": "https://ana.substack.com/p/feed?r=abc"}\n'
    )

    out, _ = run(str(jsonl))

    assert "already imported as “Edited by an editor”" in out
    assert Article.objects.count() == 1


def test_an_existing_article_under_another_address_of_the_original_is_left_alone(tmp_path):
    ArticleFactory(
        headline="Edited by an editor",
        origin_url="https://www.linkedin.com/posts/dana_notes-activity-7151234567890123456-AbCd",
    )
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        '{"headline": "Notes", "body": "<p>x</p>", "author": "Dana", "origin_url": '
        '"http://uk.linkedin.com/feed/update/urn:li:activity:7151234567890123456/"}\n'
    )

    out, _ = run(str(jsonl))

    assert "already imported as “Edited by an editor”" in out
    assert Article.objects.count() == 1


SHORT_LINK_ERROR = "origin url: This is a short link. Open it and paste the address it leads to."


def test_a_line_whose_original_is_a_short_link_is_refused_and_the_others_imported(tmp_path):
    lines = [
        {"headline": "Before", "origin_url": "https://www.linkedin.com/pulse/before-dana/"},
        {"headline": "Shortened", "origin_url": "https://lnkd.in/gQ7xK2bR"},
        {"headline": "Shortened too", "origin_url": "http://www.bit.ly/3xYzAbC?utm_source=x"},
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

    assert err.splitlines() == [
        f"{jsonl}:2: error: {SHORT_LINK_ERROR}",
        f"{jsonl}:3: error: {SHORT_LINK_ERROR}",
    ]
    assert "2 created, 0 unchanged, 2 failed." in out
    assert summary == "2 pieces could not be imported; see the errors above."
    assert dict(Article.objects.values_list("headline", "origin_url")) == {
        "Before": "https://www.linkedin.com/pulse/before-dana/",
        "After": "https://ana.substack.com/p/after",
    }
    # Nothing of a refused line is kept, its author included when no other line made them.
    assert list(Author.objects.values_list("name", flat=True)) == ["Dana Whitfield"]


def test_a_saved_page_whose_canonical_link_is_a_short_link_is_refused(tmp_path):
    page = (
        '<html><head><link rel="canonical" href="https://lnkd.in/gQ7xK2bR">'
        '<meta name="author" content="Marcus Ellis"></head>'
        "<body><article><h1>Plan in seasons</h1><p>Text.</p></article></body></html>"
    )
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")

    _, err, _ = run_failing(str(path))

    assert err == f"{path}: error: {SHORT_LINK_ERROR}\n"
    assert not Article.objects.exists()
    assert not Author.objects.exists()


def test_a_short_link_is_refused_even_when_an_article_already_has_it(tmp_path):
    # Saved before short links were refused: a new line with it is still no original's address.
    ArticleFactory(headline="Kept as it is", origin_url="https://lnkd.in/gQ7xK2bR")
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        '{"headline": "Again", "body": "<p>x</p>", "author": "Ana", '
        '"origin_url": "https://lnkd.in/gQ7xK2bR"}\n'
    )

    out, err, _ = run_failing(str(jsonl))

    assert err == f"{jsonl}:1: error: {SHORT_LINK_ERROR}\n"
    assert "0 created, 0 unchanged, 1 failed." in out
    assert list(Article.objects.values_list("headline", flat=True)) == ["Kept as it is"]


def test_an_original_that_does_not_parse_as_an_address_is_refused_for_its_piece(tmp_path):
    jsonl = tmp_path / "pieces.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"headline": headline, "body": "<p>Text.</p>", "author": "Dana", **more})
            + "\n"
            for headline, more in [
                ("Unclosed", {"origin_url": "https://[::1/pulse"}),
                ("No such host", {"origin_url": "http://[linkedin]/pulse"}),
                ("Fine", {}),
            ]
        )
    )
    page = tmp_path / "saved.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://exa]mple.com/p/1">'
        '<meta name="author" content="Dana"></head>'
        "<body><article><h1>Saved</h1><p>Text.</p></article></body></html>",
        encoding="utf-8",
    )

    _, err, _ = run_failing(str(jsonl), str(page))

    refused = "error: origin url: Enter a full web address starting with https://."
    assert err.splitlines() == [
        f"{jsonl}:1: {refused}",
        f"{jsonl}:2: {refused}",
        f"{page}: {refused}",
    ]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]
