"""A long text pasted into an article (a LinkedIn or Word page copied whole, megabytes of
markup) is worked through once by a save, not once by every check that reads it: the time a
save takes grows with the text, never with the number of checks."""

from html.parser import HTMLParser

import pytest

from articles.models import Article
from newsroom import richtext
from tests.admin_forms import saved
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Markup as a paste from LinkedIn or Google Docs brings it: styled spans, nested containers,
# tracking links. The word "quokka" is only in the pasted text, so parses of it are counted.
PARAGRAPH = (
    '<div class="feed-shared-update-v2__description"><p dir="ltr" style="line-height:1.38">'
    '<span style="font-size:11pt;font-family:Arial">The quokka team met <strong>on '
    'Monday</strong> and <a href="https://www.linkedin.com/redir/redirect?url=https%3A%2F%2F'
    'example.com%2F&amp;trk=public_post" target="_blank">read the numbers</a>.</span></p></div>'
)
PASTE = PARAGRAPH * 200


class Counting:
    """A sanitiser's cleaner that counts the texts with a quokka it cleans."""

    def __init__(self, cleaner):
        self.cleaner = cleaner
        self.count = 0

    def clean(self, html):
        self.count += "quokka" in html
        return self.cleaner.clean(html)


@pytest.fixture
def work(monkeypatch):
    """How often the pasted text is sanitised, and how often any HTML parser reads it."""
    counts = {"sanitised": Counting(richtext._cleaner), "parsed": 0}
    monkeypatch.setattr(richtext, "_cleaner", counts["sanitised"])
    feed = HTMLParser.feed

    def counted_feed(parser, data):
        counts["parsed"] += "quokka" in data
        return feed(parser, data)

    monkeypatch.setattr(HTMLParser, "feed", counted_feed)
    return counts


def test_saving_a_long_paste_sanitises_it_once_and_parses_it_twice(editor_client, work):
    article = ArticleFactory(slug="quokka-numbers", status=Article.Status.DRAFT, published_at=None)

    saved(editor_client, f"/admin/articles/article/{article.pk}/change/", body=PASTE)

    body = Article.objects.get().body
    assert body.count("<p>The quokka team met <strong>on Monday</strong>") == 200
    assert "style=" not in body
    assert "<span" not in body
    assert work["sanitised"].count == 1
    # Once by the sanitiser (its spans unwrapped), once for the search index's plain words.
    assert work["parsed"] == 2


def test_saving_a_long_paste_with_a_spoiler_sanitises_it_once(editor_client, work):
    article = ArticleFactory(slug="quokka-numbers", status=Article.Status.DRAFT, published_at=None)
    passage = '<p>In the end <span class="spoiler">the quokka wins</span>.</p>'

    saved(editor_client, f"/admin/articles/article/{article.pk}/change/", body=PASTE + passage)

    assert Article.objects.get().body.endswith(passage)
    assert work["sanitised"].count == 1
    # The sanitiser (its spans unwrapped, then its passage moved out of the marks), the two
    # spoiler checks (the fields, the warnings) and the search index (the passage cut out,
    # then the plain words): a fixed number of readings, however long the text.
    assert work["parsed"] == 6
